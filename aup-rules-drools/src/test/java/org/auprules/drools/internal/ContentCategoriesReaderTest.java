package org.auprules.drools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.auprules.api.Certainty;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Severity;
import org.auprules.api.facts.ContentCategory;
import org.auprules.api.facts.PermitType;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyDocument;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.rules.CategoryRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading contentCategories in policy.json: every mistake is reported at its line in policy.json. */
class ContentCategoriesReaderTest {

    private static final String DEFAULT_POLICY =
            PolicyPack.defaultPack().text(PolicyPack.POLICY_FILE).orElseThrow();

    /** The default policy.json with its contentCategories section replaced. */
    private static String policyWith(String section) {
        int start = DEFAULT_POLICY.indexOf("  \"contentCategories\": {");
        int end = DEFAULT_POLICY.indexOf("  \"embargoedCountries\"");
        return DEFAULT_POLICY.substring(0, start) + "  \"contentCategories\": " + section + ",\n"
                + DEFAULT_POLICY.substring(end);
    }

    private static ContentCategoriesReader.Parsed read(String policyText) {
        PolicyDocument document = PolicyDocument.parse(PolicyPack.ofFiles("test", Map.of("policy.json", policyText)))
                .document()
                .orElseThrow();
        PackSource source = PackSource.of(
                "test",
                new java.util.TreeMap<>(
                        Map.of("policy.json", policyText.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return ContentCategoriesReader.read(document.catalog(), source);
    }

    /** The 1-based line of the only occurrence of {@code marker} in the contentCategories section and after it. */
    private static int lineOf(String text, String marker) {
        int at = text.indexOf(marker, text.indexOf("\"contentCategories\""));
        assertThat(at).as("marker `%s`", marker).isNotNegative();
        assertThat(text.indexOf(marker, at + 1))
                .as("marker `%s` occurs once", marker)
                .isNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void theShippedSection_readsWithoutProblems() {
        ContentCategoriesReader.Parsed parsed = read(DEFAULT_POLICY);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.table().rowsFor(ContentCategory.CONTROLLED_SUBSTANCE_SALE))
                .containsExactly(new CategoryRow(
                        ContentCategory.CONTROLLED_SUBSTANCE_SALE,
                        "2.18",
                        Severity.HIGH,
                        Certainty.SUSPECTED,
                        "sale of controlled substances",
                        Optional.of(PermitType.CONTROLLED_SUBSTANCE),
                        lineOf(DEFAULT_POLICY, "\"clause\": \"2.18\"")));
    }

    @Test
    void missingSection_isAnEmptyTable() {
        String text = DEFAULT_POLICY.substring(0, DEFAULT_POLICY.indexOf("  \"contentCategories\": {"))
                + DEFAULT_POLICY.substring(DEFAULT_POLICY.indexOf("  \"embargoedCountries\""));

        assertThat(read(text).problems()).isEmpty();
        assertThat(read(text).table().rows()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "{\"GAMBLNG\": [{\"clause\": \"2.6\", \"severity\": \"LOW\", \"certainty\": \"SUSPECTED\", \"description\": \"g\"}]}"
                        + " | unknown content category `GAMBLNG`; did you mean `GAMBLING`? | GAMBLNG",
                "{\"GAMBLING\": [{\"clause\": \"2,6\", \"severity\": \"LOW\", \"certainty\": \"SUSPECTED\", \"description\": \"g\"}]}"
                        + " | unknown clause `2,6`; did you mean `2.6`? | 2,6",
                "{\"GAMBLING\": [{\"clause\": \"1.A.6\", \"severity\": \"LOW\", \"certainty\": \"SUSPECTED\", \"description\": \"g\"}]}"
                        + " | clause `1.A.6` is ENFORCEMENT, not a PROHIBITION: an entry can only cite a clause that can be broken | 1.A.6",
                "{\"GAMBLING\": [{\"clause\": \"2.6\", \"severity\": \"HGH\", \"certainty\": \"SUSPECTED\", \"description\": \"g\"}]}"
                        + " | unknown severity `HGH`; expected one of LOW, MEDIUM, HIGH, CRITICAL | HGH",
                "{\"GAMBLING\": [{\"clause\": \"2.6\", \"severity\": \"LOW\", \"certainty\": \"MAYBE\", \"description\": \"g\"}]}"
                        + " | unknown certainty `MAYBE`; expected CONFIRMED or SUSPECTED | MAYBE",
                "{\"GAMBLING\": [{\"clause\": \"2.6\", \"severity\": \"LOW\", \"certainty\": \"SUSPECTED\", \"description\": \" \"}]}"
                        + " | empty description: with the clause it makes the violation's rule id, as in `2.6 gambling content` "
                        + "| \" \"",
                "{\"GAMBLING\": [{\"clause\": \"2.6\", \"severity\": \"LOW\", \"certainty\": \"SUSPECTED\", \"description\": \"g\","
                        + " \"liftedByPermit\": \"GAMING_LICENSE\"}]} | unknown permit type `GAMING_LICENSE`; expected one of "
                        + "EXPORT_LICENSE, CONTROLLED_SUBSTANCE | GAMING_LICENSE",
                "{\"GAMBLING\": [{\"clause\": \"2.6\", \"severity\": \"LOW\", \"certainty\": \"SUSPECTED\", \"description\": \"g\","
                        + " \"liftedByPermt\": \"CONTROLLED_SUBSTANCE\"}]} | unknown field `liftedByPermt`; did you mean "
                        + "`liftedByPermit`? | liftedByPermt",
                "{\"GAMBLING\": [{\"clause\": 2.6, \"severity\": \"LOW\", \"certainty\": \"SUSPECTED\", \"description\": \"g\"}]}"
                        + " | `clause` must be a string, got `2.6` | 2.6",
                "{\"GAMBLING\": {\"clause\": \"2.6\"}} | expected a list of entries for `GAMBLING`, got `{\"clause\":\"2.6\"}` "
                        + "| GAMBLING",
                "[\"GAMBLING\"] | expected an object of content category to a list of entries such as `{\"clause\": \"2.6\", "
                        + "\"severity\": \"MEDIUM\", \"certainty\": \"SUSPECTED\", \"description\": \"gambling content\"}` "
                        + "| \"contentCategories\"",
                "{\"GAMBLING\": [\"2.6\"]} | expected an entry object with `clause`, `severity`, `certainty` and `description`, "
                        + "got `\"2.6\"` | \"2.6\"",
            })
    void mistake_isReportedAtItsLineInPolicyJson(String section, String message, String marker) {
        String text = policyWith(section.replace("}]}", "}\n]}").replace("[{", "[\n{"));

        assertThat(read(text).problems())
                .extracting(PolicyProblem::path, PolicyProblem::line, PolicyProblem::severity, PolicyProblem::message)
                .containsExactly(tuple("policy.json", lineOf(text, marker), PolicyProblem.Level.ERROR, message));
    }

    @Test
    void missingFields_areEachNamed() {
        String text = policyWith("{\"GAMBLING\": [\n{\"clause\": \"2.6\"}\n]}");

        assertThat(read(text).problems())
                .extracting(PolicyProblem::line, PolicyProblem::message)
                .containsExactly(
                        tuple(lineOf(text, "{\"clause\": \"2.6\"}"), "missing required field `certainty`"),
                        tuple(lineOf(text, "{\"clause\": \"2.6\"}"), "missing required field `description`"),
                        tuple(lineOf(text, "{\"clause\": \"2.6\"}"), "missing required field `severity`"));
    }

    @Test
    void sectionWithAnError_hasNoRowsAtAll() {
        String text =
                policyWith("{\"GAMBLING\": [{\"clause\": \"2.6\", \"severity\": \"LOW\", \"certainty\": \"SUSPECTED\", "
                        + "\"description\": \"g\"}], \"FOREX\": [{\"clause\": \"2.77\", \"severity\": \"LOW\", "
                        + "\"certainty\": \"SUSPECTED\", \"description\": \"f\"}]}");

        assertThat(read(text).table().rows()).isEmpty();
    }

    @Test
    void duplicateEntry_isAWarning() {
        String entry =
                "{\"clause\": \"2.6\", \"severity\": \"LOW\", \"certainty\": \"SUSPECTED\", \"description\": \"g\"}";
        String text = policyWith("{\"GAMBLING\": [\n" + entry + ",\n  " + entry + "\n]}");

        ContentCategoriesReader.Parsed parsed = read(text);

        assertThat(parsed.problems())
                .extracting(PolicyProblem::line, PolicyProblem::severity, PolicyProblem::message)
                .containsExactly(tuple(
                        lineOf(text, "  " + entry),
                        PolicyProblem.Level.WARNING,
                        "duplicate entry: `GAMBLING` already cites clause `2.6` as `g`"));
        assertThat(parsed.table().rows()).hasSize(2);
    }

    @Test
    void badSection_failsTheCompileOfThePack() {
        Map<String, String> files = new java.util.HashMap<>();
        PolicyPack.defaultPack()
                .files()
                .keySet()
                .forEach(p -> files.put(p, PolicyPack.defaultPack().text(p).orElseThrow()));
        String text = policyWith("{\"LOTERY\": []}");
        files.put("policy.json", text);

        InvalidPolicyException e = assertThrows(
                InvalidPolicyException.class, () -> CompiledPolicy.compile(PolicyPack.ofFiles("test-pack", files)));

        assertThat(e.problems())
                .extracting(PolicyProblem::path, PolicyProblem::line, PolicyProblem::message)
                .containsExactly(tuple(
                        "policy.json",
                        lineOf(text, "LOTERY"),
                        "unknown content category `LOTERY`; did you mean `LOTTERY`?"));
    }

    @Test
    void rowLines_pointIntoPolicyJson() {
        List<CategoryRow> rows = read(DEFAULT_POLICY).table().rowsFor(ContentCategory.PIRATED_CONTENT);

        assertThat(rows).extracting(CategoryRow::clause).containsExactly("2.11", "2.3");
        assertThat(rows.get(1).line()).isEqualTo(rows.get(0).line() + 1);
    }
}
