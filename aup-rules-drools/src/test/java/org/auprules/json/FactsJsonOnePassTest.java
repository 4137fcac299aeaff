package org.auprules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.auprules.api.facts.FactSet;
import org.auprules.fuzzing.JsonMutation;
import org.auprules.fuzzing.Seeds;
import org.auprules.fuzzing.Seeds.Named;
import org.jspecify.annotations.Nullable;

/**
 * {@link FactsJson#read(String, String)} reads a plain document in one streaming pass and leaves
 * every other to the tree ({@link FactsJson#readTree}); the two must give equal facts, or the same
 * error, on every document: the seeds of the fuzz tests, changed structurally, and documents with
 * what only the tree reads.
 */
class FactsJsonOnePassTest {

    static final List<Named<JsonNode>> SEEDS = Seeds.factsDocuments();

    @Provide
    Arbitrary<Named<JsonNode>> documents() {
        return Arbitraries.of(SEEDS);
    }

    @Provide
    Arbitrary<List<JsonMutation>> changes() {
        return JsonMutation.lists(3);
    }

    @Example
    void everySeedReadsToTheTreesFacts() {
        for (Named<JsonNode> seed : SEEDS) {
            String text = seed.value().toPrettyString();
            assertThat(FactsJson.read(text, "seed.json"))
                    .as(seed.name())
                    .isEqualTo(FactsJson.readTree(text, "seed.json"));
        }
    }

    @Property(tries = 300, seed = "20261202")
    void aChangedDocumentReadsAsTheTreeReadsIt(
            @ForAll("documents") Named<JsonNode> seed, @ForAll("changes") List<JsonMutation> changes) {
        String text = JsonMutation.apply(seed.value(), changes).toString();
        Object onePass = outcome(() -> FactsJson.read(text, "changed.json"));
        Object tree = outcome(() -> FactsJson.readTree(text, "changed.json"));
        assertThat(onePass).isEqualTo(tree);
    }

    @Example
    void whatOnlyTheTreeReadsStillReads() {
        String plain = """
                {"accounts": [{"id": "a", "plan": "shared-pro"}],
                 "emails": [{"id": "m", "accountId": "a", "recipientCount": 3000, "sentAt": "2026-11-28T12:00:00Z"}]}
                """;
        FactSet expected = FactsJson.read(plain, "plain.json");
        assertThat(FactsJson.read(plain.replace("3000", "3000.0"), "float.json"))
                .isEqualTo(expected);
        assertThat(FactsJson.read(
                        plain.replace("\"plan\": \"shared-pro\"", "\"plan\": \"shared-pro\", \"country\": null"),
                        "null.json"))
                .isEqualTo(expected);
        assertThat(FactsJson.read(plain.replace("12:00:00Z", "14:00:00+02:00"), "offset.json"))
                .isEqualTo(expected);
        String cpu = """
                {"accounts": [{"id": "a", "plan": "shared-pro"}],
                 "processes": [{"id": "p", "accountId": "a", "name": "x", "cpuPercent": %s}]}
                """;
        for (String value : List.of("1.0", "-0.0", "0.0", "1e-400", "12.5", "3", "1e300")) {
            String text = cpu.formatted(value);
            assertThat(FactsJson.read(text, "cpu.json")).as(value).isEqualTo(FactsJson.readTree(text, "cpu.json"));
        }
        assertThatThrownBy(() -> FactsJson.read(plain.replace("\"id\": \"m\", ", ""), "noid.json"))
                .hasMessageContaining("$.emails[0]")
                .hasMessageContaining("missing required field `id`");
        assertThatThrownBy(() ->
                        FactsJson.read(plain.replace("\"id\": \"a\"", "\"id\": \"a\", \"id\": \"b\""), "dup.json"))
                .hasMessageContaining("duplicate field `id`");
    }

    /**
     * A whole-second UTC instant read without the formatter is the formatter's instant; where the
     * formatter reads the text as a plain instant of the years 0000-9999, so does the short cut.
     */
    @Property(tries = 2000, seed = "20261202")
    void aPlainInstantIsTheFormattersInstant(
            @ForAll @IntRange(min = 0, max = 9999) int year,
            @ForAll @IntRange(min = 0, max = 13) int month,
            @ForAll @IntRange(min = 0, max = 32) int day,
            @ForAll @IntRange(min = 0, max = 24) int hour,
            @ForAll @IntRange(min = 0, max = 60) int minute,
            @ForAll @IntRange(min = 0, max = 60) int second) {
        String text = "%04d-%02d-%02dT%02d:%02d:%02dZ".formatted(year, month, day, hour, minute, second);
        Instant shortCut = FactsJson.plainUtc(text);
        Instant formatter;
        try {
            formatter = Instant.from(DateTimeFormatter.ISO_INSTANT.parse(text));
        } catch (DateTimeException e) {
            formatter = null;
        }
        if (shortCut != null) {
            assertThat(shortCut).isEqualTo(formatter);
        } else if (formatter != null) {
            // the formatter's own cases: hour 24 and the leap second, left to it
            assertThat(hour == 24 || second == 60).as(text).isTrue();
        }
    }

    @Example
    void anyOtherSpellingIsLeftToTheFormatter() {
        for (String text : List.of(
                "2026-11-28t12:00:00z",
                "2026-11-28T12:00:00.5Z",
                "2026-11-28T12:00:00+00:00",
                "2026-02-29T12:00:00Z",
                "2026-11-28T12:0a:00Z",
                "+2026-11-28T12:00:00Z",
                "2026-11-28 12:00:00Z")) {
            assertThat(FactsJson.plainUtc(text)).as(text).isNull();
        }
        assertThat(FactsJson.plainUtc("2024-02-29T23:59:59Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(FactsJson.plainUtc("0000-01-01T00:00:00Z")).isEqualTo(Instant.parse("0000-01-01T00:00:00Z"));
    }

    /** What reading gives: the facts, or the error's class and message. */
    private static Object outcome(java.util.function.Supplier<@Nullable FactSet> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
