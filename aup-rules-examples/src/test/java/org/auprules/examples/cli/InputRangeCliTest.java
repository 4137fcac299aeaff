package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A number or instant outside its field's range is invalid input (exit 2, with its path), not a rule failure. */
class InputRangeCliTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"recipientCount\": 1e400|$.emails[0].recipientCount: number out of range: expected a finite number",
                "\"recipientCount\": 2147483648|$.emails[0].recipientCount: number `2147483648` out of range",
                "\"sentAt\": \"+1000000000-12-31T23:59:59Z\"|$.emails[0].sentAt: instant `+1000000000-12-31T23:59:59Z` out of range"
            })
    void outOfRange_exitsTwo_namingThePathAndLine(String field, String problem) {
        String json = "{\"accounts\": [{\"id\": \"acc-1\", \"plan\": \"shared-pro\"}],\n"
                + " \"emails\": [{\"id\": \"m-1\", \"accountId\": \"acc-1\", " + field + "}]}";
        CliRun run = CliRun.withInput(json, "evaluate", "-");
        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip())
                .startsWith("aup-rules: <stdin>:2:")
                .contains(": " + problem)
                .doesNotContain("(line ");
    }
}
