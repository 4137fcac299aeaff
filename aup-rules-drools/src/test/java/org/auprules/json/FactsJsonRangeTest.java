package org.auprules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.MalformedInputException;
import org.auprules.api.facts.FactSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers and instants outside their field's range are input errors at their JSON path. */
class FactsJsonRangeTest {

    static final String FIELDS = """
            {"accounts": [{"id": "a", "plan": "shared-pro"}],
             "emails": [{"id": "m", "accountId": "a", "recipientCount": %s}],
             "files": [{"id": "f", "accountId": "a", "path": "/x", "sizeBytes": %s}],
             "processes": [{"id": "p", "accountId": "a", "cpuPercent": %s}],
             "optOutRequests": [{"accountId": "a", "recipient": "r@x.example", "requestedAt": "%s"}]}
            """;

    static FactSet read(String recipients, String size, String cpu, String instant) {
        return FactsJson.read(FIELDS.formatted(recipients, size, cpu, instant), "range.json");
    }

    @ParameterizedTest(name = "int {0}, long {1}, double {2}, instant {3}")
    @CsvSource({
        "2147483647, 9223372036854775807, 1.7976931348623157e308, 9999-12-31T23:59:59.999999999Z",
        "0, 0, 4.9e-324, 0000-01-01T00:00:00Z",
        "0, 0, 1e-400, 2026-11-28T12:00:00Z"
    })
    void theEdgesOfEveryRangeAreRead(String recipients, String size, String cpu, String instant) {
        FactSet facts = read(recipients, size, cpu, instant);
        assertThat(facts.emails().get(0).recipientCount()).isEqualTo(Integer.parseInt(recipients));
        assertThat(facts.files().get(0).sizeBytes()).isEqualTo(Long.parseLong(size));
        assertThat(facts.processes().get(0).cpuPercent()).isEqualTo(Double.parseDouble(cpu));
        assertThat(facts.optOutRequests().get(0).requestedAt()).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2147483648|0|0|2026-11-28T12:00:00Z|$.emails[0].recipientCount|number `2147483648` out of range: expected a whole number from -2147483648 to 2147483647",
                "-2147483649|0|0|2026-11-28T12:00:00Z|$.emails[0].recipientCount|number `-2147483649` out of range: expected a whole number from -2147483648 to 2147483647",
                "1e400|0|0|2026-11-28T12:00:00Z|$.emails[0].recipientCount|number out of range: expected a finite number of at most 1.7976931348623157E308",
                "0|9223372036854775808|0|2026-11-28T12:00:00Z|$.files[0].sizeBytes|number `9223372036854775808` out of range: expected a whole number from -9223372036854775808 to 9223372036854775807",
                "0|-9223372036854775809|0|2026-11-28T12:00:00Z|$.files[0].sizeBytes|number `-9223372036854775809` out of range: expected a whole number from -9223372036854775808 to 9223372036854775807",
                "0|123456789012345678901234567890123456789012345678901234567890|0|2026-11-28T12:00:00Z|$.files[0].sizeBytes|number `12345678901234567890…(60 digits)` out of range",
                "0|1e400|0|2026-11-28T12:00:00Z|$.files[0].sizeBytes|number out of range: expected a finite number",
                "0|0|1e400|2026-11-28T12:00:00Z|$.processes[0].cpuPercent|number out of range: expected a finite number of at most 1.7976931348623157E308",
                "0|0|-1e400|2026-11-28T12:00:00Z|$.processes[0].cpuPercent|number out of range: expected a finite number",
                "0|0|0|+1000000000-12-31T23:59:59Z|$.optOutRequests[0].requestedAt|instant `+1000000000-12-31T23:59:59Z` out of range: expected a year from 0000 to 9999",
                "0|0|0|+10000-01-01T00:00:00Z|$.optOutRequests[0].requestedAt|instant `+10000-01-01T00:00:00Z` out of range: expected a year from 0000 to 9999",
                "0|0|0|-0001-12-31T23:59:59Z|$.optOutRequests[0].requestedAt|instant `-0001-12-31T23:59:59Z` out of range"
            })
    void pastTheEdgeIsAnInputErrorAtItsPath(
            String recipients, String size, String cpu, String instant, String path, String problem) {
        assertThatThrownBy(() -> read(recipients, size, cpu, instant))
                .isInstanceOfSatisfying(InvalidFactsException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.getMessage()).contains(problem);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+1"})
    void nonNumericNumbersAreNotJson(String cpu) {
        assertThatThrownBy(() -> read("0", "0", cpu, "2026-11-28T12:00:00Z"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("malformed JSON");
    }
}
