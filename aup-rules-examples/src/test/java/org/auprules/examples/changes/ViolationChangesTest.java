package org.auprules.examples.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.examples.changes.ViolationChange.Kind;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;

/** Changes between two real verdicts on the sample fleet, after edits to its facts. */
class ViolationChangesTest {

    static final DroolsAupEvaluator EVALUATOR =
            DroolsAupEvaluator.builder().defaultPolicy().build();
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static ObjectNode fleet() throws IOException {
        return (ObjectNode) MAPPER.readTree(Files.readString(Path.of("samples/fleet.json")));
    }

    static List<Violation> evaluate(JsonNode facts) {
        EvaluationResult result = EVALUATOR.evaluate(FactsJson.read(facts.toString(), "fleet.json"));
        return result.violations();
    }

    static List<ViolationChange> changes(List<Violation> before, List<Violation> after) {
        return ViolationChanges.between(before, after, "sha256:test", NOW);
    }

    @Test
    void theSameVerdictTwiceChangesNothing() throws IOException {
        List<Violation> once = evaluate(fleet());
        assertThat(once).isNotEmpty();
        assertThat(changes(once, evaluate(fleet()))).isEmpty();
    }

    @Test
    void aProcessThatIsGoneResolvesItsViolationsAndNothingElse() throws IOException {
        ObjectNode edited = fleet();
        ArrayNode processes = (ArrayNode) edited.get("processes");
        String removed = null;
        for (int i = 0; i < processes.size(); i++) {
            if (processes.get(i).get("name").asText().contains("xmrig")) {
                removed = processes.get(i).get("id").asText();
                processes.remove(i);
                break;
            }
        }
        assertThat(removed).as("the sample fleet runs a miner").isNotNull();
        List<ViolationChange> changes = changes(evaluate(fleet()), evaluate(edited));

        assertThat(changes).isNotEmpty().allSatisfy(c -> {
            assertThat(c.kind()).isEqualTo(Kind.RESOLVED);
            assertThat(c.previousViolation()).contains(c.violation());
        });
        String id = removed;
        assertThat(changes).allSatisfy(c -> assertThat(c.violation().evidence()).anyMatch(e -> e.id().equals(id)));
    }

    @Test
    void anEditBackIsTheMirrorImage() throws IOException {
        ObjectNode edited = fleet();
        ((ArrayNode) edited.get("processes")).removeAll();
        List<Violation> before = evaluate(fleet());
        List<Violation> after = evaluate(edited);
        List<ViolationChange> forward = changes(before, after);
        List<ViolationChange> back = changes(after, before);

        assertThat(forward).extracting(ViolationChange::kind).containsOnly(Kind.RESOLVED);
        assertThat(back).extracting(ViolationChange::kind).containsOnly(Kind.OPENED);
        assertThat(back)
                .extracting(ViolationChange::violation)
                .containsExactlyElementsOf(
                        forward.stream().map(ViolationChange::violation).toList());
    }

    @Test
    void aMessageThatNamesAnotherMomentIsNoChangeButAnotherSeverityIs() throws IOException {
        List<Violation> before = evaluate(fleet());
        Violation v = before.get(0);
        Violation reworded = new Violation(
                v.ruleId(),
                v.clause(),
                v.category(),
                v.severity(),
                v.certainty(),
                v.accountId(),
                v.actions(),
                v.message() + " (evaluated a minute later)",
                v.evidence());
        List<Violation> later = new ArrayList<>(before);
        later.set(0, reworded);

        assertThat(changes(before, later)).isEmpty();

        Violation graver = new Violation(
                v.ruleId(),
                v.clause(),
                v.category(),
                v.severity() == Severity.CRITICAL ? Severity.LOW : Severity.CRITICAL,
                v.certainty(),
                v.accountId(),
                v.actions(),
                reworded.message(),
                v.evidence());
        later.set(0, graver);
        assertThat(changes(before, later)).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.CHANGED);
            assertThat(c.violation()).isEqualTo(graver);
        });
    }

    @Test
    void moreEvidenceForTheSameFindingIsAChangeNotANewFinding() throws IOException {
        List<Violation> before = evaluate(fleet());
        Violation grown = before.stream()
                .filter(v -> v.evidence().size() >= 2)
                .findFirst()
                .orElseThrow();
        Violation smaller = new Violation(
                grown.ruleId(),
                grown.clause(),
                grown.category(),
                Severity.LOW,
                grown.certainty(),
                grown.accountId(),
                grown.actions(),
                grown.message(),
                grown.evidence().subList(0, 1));
        List<Violation> earlier = new ArrayList<>(before);
        earlier.set(earlier.indexOf(grown), smaller);

        List<ViolationChange> changes = changes(earlier, before);

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.CHANGED);
            assertThat(c.violation()).isEqualTo(grown);
            assertThat(c.previousViolation()).contains(smaller);
            assertThat(c.toJson().get("previous").get("severity").asText()).isEqualTo("LOW");
            assertThat(c.toJson().get("change").asText()).isEqualTo("CHANGED");
        });
    }

    @Test
    void disjointEvidenceUnderTheSameRuleIsOneResolvedAndOneOpened() throws IOException {
        List<Violation> before = evaluate(fleet());
        Violation v = before.get(0);
        Violation other = new Violation(
                v.ruleId(),
                v.clause(),
                v.category(),
                v.severity(),
                v.certainty(),
                v.accountId(),
                v.actions(),
                v.message(),
                List.of(new org.auprules.api.Evidence("process", "p-unrelated")));
        List<Violation> after = new ArrayList<>(before);
        after.set(0, other);

        assertThat(changes(before, after))
                .extracting(ViolationChange::kind)
                .containsExactlyInAnyOrder(Kind.OPENED, Kind.RESOLVED);
    }

    @Test
    void theOrderOfEitherVerdictDoesNotMatter() throws IOException {
        ObjectNode edited = fleet();
        ((ArrayNode) edited.get("emails")).removeAll();
        List<Violation> before = evaluate(fleet());
        List<Violation> after = evaluate(edited);
        List<ViolationChange> expected = changes(before, after);
        assertThat(expected).isNotEmpty();
        Random random = new Random(20261202);
        for (int i = 0; i < 20; i++) {
            List<Violation> b = new ArrayList<>(before);
            List<Violation> a = new ArrayList<>(after);
            Collections.shuffle(b, random);
            Collections.shuffle(a, random);
            assertThat(changes(b, a)).isEqualTo(expected);
        }
    }

    @Test
    void anOpenedChangeHasNoPreviousViolation() throws IOException {
        Violation v = evaluate(fleet()).get(0);
        assertThatThrownBy(() -> new ViolationChange(Kind.OPENED, v, v, "sha256:x", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ViolationChange(Kind.RESOLVED, v, null, "sha256:x", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ViolationChange(Kind.OPENED, v, null, "sha256:x", NOW)
                        .toJson()
                        .has("previous"))
                .isFalse();
    }
}
