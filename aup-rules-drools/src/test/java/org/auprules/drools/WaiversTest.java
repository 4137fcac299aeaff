package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.PolicyProblem;
import org.auprules.api.SuppressedViolation;
import org.auprules.api.Violation;
import org.auprules.json.FactsJson;
import org.auprules.json.ResultJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Waivers set violations apart as suppressed, from the input or the pack, until they expire. */
class WaiversTest {

    static final String NOW = "2026-11-28T12:00:00Z";

    /** Two commercial icecast streams (2.15) and a gambling site (2.6) on acc-1; the same streams on acc-2. */
    static String facts(String waivers) {
        return """
                {"evaluatedAt": "%s",
                 "accounts": [{"id": "acc-1"}, {"id": "acc-2"}],
                 "audioStreams": [
                   {"accountId": "acc-1", "server": "icecast2", "mount": "/a", "commercial": true},
                   {"accountId": "acc-1", "server": "icecast2", "mount": "/b", "commercial": true},
                   {"accountId": "acc-2", "server": "icecast2", "mount": "/a", "commercial": true},
                   {"accountId": "acc-2", "server": "icecast2", "mount": "/b", "commercial": true}],
                 "websites": [{"id": "w-casino", "accountId": "acc-1", "domain": "www.casino.example", "categories": ["GAMBLING"]}],
                 "files": [{"id": "f-1", "accountId": "acc-1", "path": "/home/a/www/promo/bet.html", "categories": ["GAMBLING"]}],
                 "waivers": [%s]}
                """.formatted(NOW, waivers);
    }

    static String waiver(String clauses, String extra) {
        return "{\"id\": \"w-1\", \"accountId\": \"acc-1\", \"clauses\": [" + clauses
                + "], \"reason\": \"licensed radio\", \"grantedBy\": \"desk@entrecloud\"" + extra + "}";
    }

    static EvaluationResult evaluate(String json) {
        return TestPolicy.DEFAULT.evaluate(FactsJson.read(json, null));
    }

    static List<String> clausesOf(List<Violation> vs, String account) {
        return vs.stream()
                .filter(v -> v.accountId().equals(account))
                .map(Violation::clauseId)
                .toList();
    }

    @Test
    void withoutWaiversEveryViolationStandsAndNothingIsSuppressed() {
        EvaluationResult r = evaluate(facts(""));
        assertThat(clausesOf(r.violations(), "acc-1")).contains("2.15", "2.6");
        assertThat(r.suppressed()).isEmpty();
        assertThat(r.summary().suppressed()).isZero();
    }

    @Test
    void aWaivedViolationMovesToSuppressedWithItsWaiverAndTheCountsShowBoth() throws Exception {
        EvaluationResult before = evaluate(facts(""));
        EvaluationResult r = evaluate(facts(waiver("\"2.15\"", ", \"match\": {\"process\": \"icecast*\"}")));
        assertThat(clausesOf(r.violations(), "acc-1")).doesNotContain("2.15").contains("2.6");
        // the other account's identical streams are not waived
        assertThat(clausesOf(r.violations(), "acc-2")).contains("2.15");
        assertThat(r.suppressed()).hasSize(1);
        SuppressedViolation s = r.suppressed().get(0);
        assertThat(s.waiver()).isEqualTo("w-1");
        assertThat(s.violation().accountId()).isEqualTo("acc-1");
        assertThat(s.violation().clauseId()).isEqualTo("2.15");
        assertThat(r.summary().violations()).isEqualTo(before.summary().violations() - 1);
        assertThat(r.summary().suppressed()).isEqualTo(1);
        assertThat(r.summary().bySeverity().values().stream().mapToInt(i -> i).sum())
                .isEqualTo(r.summary().violations());

        JsonNode out = new ObjectMapper().readTree(ResultJson.write(r));
        assertThat(out.path("summary").path("suppressed").asInt()).isEqualTo(1);
        assertThat(out.path("suppressed")).hasSize(1);
        assertThat(out.path("suppressed").get(0).path("waiver").asText()).isEqualTo("w-1");
        assertThat(out.path("suppressed").get(0).path("clause").path("id").asText())
                .isEqualTo("2.15");
        assertThat(out.path("suppressed").get(0).path("evidence")).hasSize(2);
        assertThat(out.path("violations").findValuesAsText("waiver")).isEmpty();
    }

    @ParameterizedTest(name = "expiresAt {0}: suppressed {1}")
    @CsvSource({
        "2026-11-28T11:59:59Z, false",
        "2026-11-28T12:00:00Z, false", // it stops applying at its expiry instant
        "2026-11-28T12:00:00.001Z, true",
        "2027-01-01T00:00:00Z, true"
    })
    void aWaiverStopsApplyingAtItsExpiryInstant(String expiresAt, boolean suppressed) {
        EvaluationResult r = evaluate(facts(waiver("\"2.15\"", ", \"expiresAt\": \"" + expiresAt + "\"")));
        assertThat(r.suppressed()).hasSize(suppressed ? 1 : 0);
        assertThat(clausesOf(r.violations(), "acc-1").contains("2.15")).isEqualTo(!suppressed);
    }

    @ParameterizedTest(name = "grantedAt {0}: suppressed {1}")
    @CsvSource({"2026-11-28T12:00:00.001Z, false", "2026-11-28T12:00:00Z, true", "2026-01-01T00:00:00Z, true"})
    void aWaiverAppliesFromTheMomentItIsGranted(String grantedAt, boolean suppressed) {
        EvaluationResult r = evaluate(facts(waiver("\"2.15\"", ", \"grantedAt\": \"" + grantedAt + "\"")));
        assertThat(r.suppressed()).hasSize(suppressed ? 1 : 0);
    }

    @ParameterizedTest(name = "match {0}: suppressed {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"process\": \"icecast*\"}|true",
                "{\"process\": \"icecast?\"}|true",
                "{\"process\": \"shoutcast*\"}|false",
                "{\"process\": \"icecast\"}|false",
                "{\"domain\": \"casino.example\"}|false", // a domain matches websites, not audio streams
            })
    void aMatchNarrowsTheWaiverToEvidenceItMatches(String match, boolean suppressed) {
        EvaluationResult r = evaluate(facts(waiver("\"2.15\"", ", \"match\": " + match)));
        assertThat(r.suppressed()).hasSize(suppressed ? 1 : 0);
    }

    @ParameterizedTest(name = "match {0}: 2.6 suppressed for {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"domain\": \"casino.example\"}|website",
                "{\"domain\": \"WWW.Casino.Example.\"}|website",
                "{\"domain\": \"notcasino.example\"}|",
                "{\"domain\": \"sino.example\"}|",
                "{\"path\": \"/home/a/www/**.html\"}|file",
                "{\"path\": \"/home/a/www/*.html\"}|", // one star stays within a folder
                "{\"path\": \"/home/a/www/promo/*.html\"}|file",
            })
    void aDomainMatchesTheSiteAndItsSubdomainsAndAPathGlobMatchesFiles(String match, String type) {
        EvaluationResult r = evaluate(facts(waiver("\"2.6\"", ", \"match\": " + match)));
        List<String> waivedTypes = r.suppressed().stream()
                .map(s -> s.violation().evidence().get(0).type())
                .toList();
        assertThat(waivedTypes).isEqualTo(type == null ? List.of() : List.of(type));
        // what is not waived still stands
        assertThat(clausesOf(r.violations(), "acc-1")).contains("2.6");
    }

    @Test
    void aSectionCoversTheClausesUnderItAndNoOther() {
        assertThat(evaluate(facts(waiver("\"2\"", ""))).suppressed())
                .extracting(s -> s.violation().clauseId())
                .contains("2.15", "2.6")
                .allMatch(c -> c.startsWith("2."));
        assertThat(evaluate(facts(waiver("\"2.1\"", ""))).suppressed()).isEmpty(); // 2.1 is not 2.15
    }

    @Test
    void aWaiverOfTheInputOnAClauseThatDoesNotExistIsAnErrorWithADidYouMean() {
        String json = facts(waiver("\"2.15\", \"2.51\"", ""));
        assertThatThrownBy(() -> evaluate(json))
                .isInstanceOf(InvalidFactsException.class)
                .satisfies(e -> assertThat(((InvalidFactsException) e).path()).isEqualTo("$.waivers[0].clauses[1]"))
                .hasMessageContaining("unknown clause `2.51`; did you mean `2.15`?");
    }

    @Test
    void aWaiverWithoutClausesOrIdIsAnInputError() {
        assertThatThrownBy(() -> FactsJson.read(facts("{\"id\": \"w-1\", \"accountId\": \"acc-1\"}"), null))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageContaining("$.waivers[0]")
                .hasMessageContaining("clauses");
        assertThatThrownBy(() -> FactsJson.read(facts("{\"accountId\": \"acc-1\", \"clauses\": [\"2.15\"]}"), null))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageContaining("missing required field `id`");
    }

    static PolicyPack packWith(String waiversJson) {
        Map<String, String> files = new LinkedHashMap<>();
        PolicyPack.defaultPack().files().forEach((k, v) -> files.put(k, new String(v, StandardCharsets.UTF_8)));
        files.put("waivers.json", waiversJson);
        return PolicyPack.ofFiles("test-pack", files);
    }

    @Test
    void thePacksWaiversApplyLikeTheInputs() {
        DroolsAupEvaluator e = DroolsAupEvaluator.builder()
                .policyPack(packWith(
                        "{\"waivers\": [" + waiver("\"2.15\"", ", \"expiresAt\": \"2027-01-01T00:00:00Z\"") + "]}"))
                .build();
        EvaluationResult r = e.evaluate(FactsJson.read(facts(""), null));
        assertThat(r.suppressed()).extracting(SuppressedViolation::waiver).containsExactly("w-1");
        assertThat(r.policy().digest()).isNotEqualTo(TestPolicy.DEFAULT.policy().digest());
    }

    @Test
    void aPackWaiverOnAClauseThatDoesNotExistIsAnErrorAtItsLineWithADidYouMean() {
        String text = """
                {"waivers": [
                  {"id": "w-1", "accountId": "acc-1",
                   "clauses": ["2.51"],
                   "expires": "2027-01-01T00:00:00Z"}
                ]}
                """;
        PolicyValidator.Validation v = PolicyValidator.validate(packWith(text));
        assertThat(v.valid()).isFalse();
        assertThat(v.errors())
                .extracting(PolicyProblem::toString)
                .contains(
                        "waivers.json:3:16: error: $.waivers[0].clauses[0]: unknown clause `2.51`; did you mean"
                                + " `2.15`? (see `aup-rules clauses` for the ids)",
                        "waivers.json:4:15: error: $.waivers[0].expires: unknown field `expires`; did you mean"
                                + " `expiresAt`?");
    }

    @Test
    void aValidPackWaiverFileHasNoProblems() {
        PolicyValidator.Validation v = PolicyValidator.validate(
                packWith("{\"waivers\": [" + waiver("\"2.15\"", ", \"match\": {\"process\": \"icecast*\"}") + "]}"));
        assertThat(v.problems()).extracting(PolicyProblem::path).doesNotContain("waivers.json");
        assertThat(v.valid()).isTrue();
    }
}
