package org.auprules.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.auprules.api.EvaluationResult;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;
import org.auprules.json.FactsJson;
import org.auprules.testing.PolicyDiff.ViolationChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a policy edit changes on the same facts: appeared, disappeared and changed violations. */
class PolicyDiffTest {

    static final CompiledPolicy BASE = EntrecloudScenariosTest.RUNNER.policy();
    static final DroolsAupEvaluator EVALUATOR =
            DroolsAupEvaluator.builder().compiledPolicy(BASE).build();

    /**
     * acc-a mails 60 recipients, acc-b 150 and 60, both to no list; acc-c has a dedicated address
     * on a blacklist.
     */
    static final FactSet FACTS = FactsJson.read("""
            {"evaluatedAt": "2026-11-28T12:00:00Z",
             "accounts": [{"id": "acc-a"}, {"id": "acc-b"}, {"id": "acc-c"}],
             "emails": [{"id": "m-1", "accountId": "acc-a", "recipientCount": 60},
                        {"id": "m-2", "accountId": "acc-b", "recipientCount": 150},
                        {"id": "m-3", "accountId": "acc-b", "recipientCount": 60}],
             "blacklistListings": [{"accountId": "acc-c", "ip": "198.51.100.7", "list": "zen.spamhaus.org"}]}
            """, null);

    /** The default pack written to {@code dir}, with each {@code file → [from, to]} replacement made once. */
    static CompiledPolicy copyOfDefaultPack(Path dir, Map<String, List<String>> edits) throws IOException {
        for (var e : PolicyPack.defaultPack().files().entrySet()) {
            Path target = dir.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
        for (var edit : edits.entrySet()) {
            Path file = dir.resolve(edit.getKey());
            String text = Files.readString(file);
            String from = edit.getValue().get(0);
            assertThat(text).as("text to edit in " + edit.getKey()).contains(from);
            Files.writeString(file, text.replace(from, edit.getValue().get(1)));
        }
        return CompiledPolicy.compile(PolicyPack.fromDirectory(dir));
    }

    static PolicyDiff diff(CompiledPolicy base, CompiledPolicy head) {
        return PolicyDiff.of(
                DroolsAupEvaluator.builder().compiledPolicy(base).build().evaluate(FACTS),
                DroolsAupEvaluator.builder().compiledPolicy(head).build().evaluate(FACTS));
    }

    @Test
    void aLowerBulkThreshold_makesViolationsAppearAndWidensTheirEvidence(@TempDir Path dir) throws IOException {
        CompiledPolicy head = copyOfDefaultPack(
                dir,
                Map.of(
                        "policy.json",
                        List.of("\"bulkRecipientsPerMessage\": 100", "\"bulkRecipientsPerMessage\": 50")));
        PolicyDiff d = diff(BASE, head);
        assertThat(d.changes())
                .extracting(
                        ViolationChange::type,
                        ViolationChange::accountId,
                        ViolationChange::clause,
                        ViolationChange::ruleId,
                        ViolationChange::aspects)
                .containsExactly(
                        tuple(
                                ViolationChange.Type.APPEARED,
                                "acc-a",
                                "1.A.2",
                                "1.A.2 bulk email sent to no mailing list",
                                java.util.Set.of()),
                        tuple(
                                ViolationChange.Type.APPEARED,
                                "acc-a",
                                "1.A.5",
                                "1.A.5 emailing in bulk against 1.A.2",
                                java.util.Set.of()),
                        tuple(
                                ViolationChange.Type.CHANGED,
                                "acc-b",
                                "1.A.2",
                                "1.A.2 bulk email sent to no mailing list",
                                java.util.Set.of(ViolationChange.Aspect.EVIDENCE)),
                        tuple(
                                ViolationChange.Type.CHANGED,
                                "acc-b",
                                "1.A.5",
                                "1.A.5 emailing in bulk against 1.A.2",
                                java.util.Set.of(ViolationChange.Aspect.EVIDENCE)));
        ViolationChange widened = d.changes().get(2);
        assertThat(widened.base().orElseThrow().evidence())
                .extracting(e -> e.id())
                .containsExactly("m-2");
        assertThat(widened.head().orElseThrow().evidence())
                .extracting(e -> e.id())
                .containsExactly("m-2", "m-3");
        assertThat(d.changes()).noneMatch(c -> c.accountId().equals("acc-c"));
        assertThat(d.unchanged()).isFalse();
    }

    @Test
    void theReverseEdit_makesThemDisappear(@TempDir Path dir) throws IOException {
        CompiledPolicy lower = copyOfDefaultPack(
                dir,
                Map.of(
                        "policy.json",
                        List.of("\"bulkRecipientsPerMessage\": 100", "\"bulkRecipientsPerMessage\": 50")));
        PolicyDiff d = diff(lower, BASE);
        assertThat(d.changes())
                .filteredOn(c -> c.accountId().equals("acc-a"))
                .extracting(ViolationChange::type, ViolationChange::clause)
                .containsExactly(
                        tuple(ViolationChange.Type.DISAPPEARED, "1.A.2"),
                        tuple(ViolationChange.Type.DISAPPEARED, "1.A.5"));
        assertThat(d.changes().get(0).head()).isEmpty();
    }

    @Test
    void aRuleWhoseSeverityAndCertaintyChange_isChangedNotReplaced(@TempDir Path dir) throws IOException {
        CompiledPolicy head = copyOfDefaultPack(
                dir,
                Map.of(
                        "rules/spam.drl",
                        List.of(
                                "rule \"1.A.3 blacklisted dedicated IP address\"\n    @clause(\"1.A.3\") @severity(\"MEDIUM\")",
                                "rule \"1.A.3 blacklisted dedicated IP address\"\n    @clause(\"1.A.3\") @severity(\"HIGH\") "
                                        + "@certainty(\"SUSPECTED\")")));
        PolicyDiff d = diff(BASE, head);
        assertThat(d.changes()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(ViolationChange.Type.CHANGED);
            assertThat(c.accountId()).isEqualTo("acc-c");
            assertThat(c.aspects())
                    .containsExactlyInAnyOrder(ViolationChange.Aspect.SEVERITY, ViolationChange.Aspect.CERTAINTY);
            assertThat(c.base().orElseThrow().severity().name()).isEqualTo("MEDIUM");
            assertThat(c.head().orElseThrow().certainty().name()).isEqualTo("SUSPECTED");
        });
    }

    @Test
    void theSamePolicy_changesNothing() {
        PolicyDiff d = diff(BASE, BASE);
        assertThat(d.unchanged()).isTrue();
        assertThat(PolicyDiff.summarize(List.of(d)))
                .containsExactly(
                        new PolicyDiff.Row("1.A.2", 1, 1, 0, 0, 0), new PolicyDiff.Row("1.A.3", 1, 1, 0, 0, 0),
                        new PolicyDiff.Row("1.A.5", 1, 1, 0, 0, 0), new PolicyDiff.Row("total", 3, 3, 0, 0, 0));
    }

    @Test
    void theSummaryCountsPerClauseAcrossFiles(@TempDir Path dir) throws IOException {
        CompiledPolicy head = copyOfDefaultPack(
                dir,
                Map.of(
                        "policy.json",
                        List.of("\"bulkRecipientsPerMessage\": 100", "\"bulkRecipientsPerMessage\": 50")));
        PolicyDiff d = diff(BASE, head);
        assertThat(PolicyDiff.summarize(List.of(d, d)))
                .containsExactly(
                        new PolicyDiff.Row("1.A.2", 2, 4, 2, 0, 2), new PolicyDiff.Row("1.A.3", 2, 2, 0, 0, 0),
                        new PolicyDiff.Row("1.A.5", 2, 4, 2, 0, 2), new PolicyDiff.Row("total", 6, 10, 4, 0, 4));
    }

    @Test
    void noViolationAtAll_givesATotalRowOnly() {
        EvaluationResult empty = EVALUATOR.evaluate(FactSet.empty());
        assertThat(PolicyDiff.summarize(List.of(PolicyDiff.of(empty, empty))))
                .containsExactly(new PolicyDiff.Row("total", 0, 0, 0, 0, 0));
    }
}
