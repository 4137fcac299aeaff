package org.auprules.examples.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mustachejava.util.HtmlEscaper;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.api.desk.NoticeRules;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.Fact;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.internal.NoticeFilesReader;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NoticeRendererTest {

    /** Fact types no rule of the default pack cites as evidence: they can never reach a notice. */
    private static final Set<String> NEVER_EVIDENCE = Set.of("account", "permit");

    private static CompiledPolicy policy;
    private static DroolsAupEvaluator evaluator;
    private static NoticeRenderer renderer;
    private static NoticeRules rules;

    @BeforeAll
    static void compile() {
        policy = CompiledPolicy.compile(PolicyPack.defaultPack());
        evaluator = DroolsAupEvaluator.builder().compiledPolicy(policy).build();
        renderer = NoticeRenderer.of(policy);
        rules = policy.noticeRules().orElseThrow();
    }

    @Test
    void masksEveryFactTypeOfTheSampleFleetAndShowsWhatThePackAllows() {
        FactSet facts = FactsJson.read(Path.of("samples/fleet.json"));
        EvaluationResult result = evaluator.evaluate(facts);
        Map<String, Fact> index = index(facts);
        Set<String> citedTypes = new LinkedHashSet<>();
        int hiddenChecked = 0;
        int shownChecked = 0;
        for (String account : accountsWithViolations(result)) {
            CustomerNotice notice = renderer.render(facts, result, account);
            for (Violation v : result.violationsOf(account)) {
                assertThat(notice.text()).doesNotContain(v.ruleId()).doesNotContain(v.message());
                for (Evidence e : v.evidence()) {
                    citedTypes.add(e.type());
                    Fact fact = index.get(e.type() + "/" + e.id());
                    assertThat(fact).as(e.toString()).isNotNull();
                    if (fact instanceof AccountFact af
                            && af.accountId() != null
                            && !af.accountId().equals(account)) {
                        continue;
                    }
                    List<String> visible = rules.visibleFields().getOrDefault(e.type(), List.of());
                    for (RecordComponent c : fact.getClass().getRecordComponents()) {
                        Optional<String> value = NoticeRenderer.format(read(c, fact));
                        if (value.isEmpty()) {
                            continue;
                        }
                        if (visible.contains(c.getName())) {
                            assertThat(notice.text()).as(e + "." + c.getName()).contains(value.get());
                            assertThat(notice.html()).as(e + "." + c.getName()).contains(escaped(value.get()));
                            shownChecked++;
                        } else if (distinctive(c.getName(), value.get())) {
                            assertThat(notice.text()).as(e + "." + c.getName()).doesNotContain(value.get());
                            assertThat(notice.html())
                                    .as(e + "." + c.getName())
                                    .doesNotContain(value.get())
                                    .doesNotContain(escaped(value.get()));
                            hiddenChecked++;
                        }
                    }
                    assertThat(notice.text()).as("fact id " + e.id()).doesNotContain(e.id());
                    assertThat(notice.html()).as("fact id " + e.id()).doesNotContain(e.id());
                }
            }
        }
        Set<String> everyType = new LinkedHashSet<>(NoticeFilesReader.FACT_TYPES.keySet());
        everyType.removeAll(NEVER_EVIDENCE);
        assertThat(citedTypes)
                .as("every fact type a rule can cite is cited in the fleet")
                .containsAll(everyType);
        assertThat(citedTypes).doesNotContainAnyElementsOf(NEVER_EVIDENCE);
        assertThat(rules.visibleFields().keySet())
                .containsExactlyInAnyOrderElementsOf(NoticeFilesReader.FACT_TYPES.keySet());
        assertThat(hiddenChecked).isGreaterThan(30);
        assertThat(shownChecked).isGreaterThan(100);
    }

    @Test
    void hidesReporterIdentitySignatureNamesCommandLinesAndTargets() {
        FactSet facts = FactsJson.read("""
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-a", "owner": "Owner Secret", "contactEmail": "owner@secret.example"}],
                 "files": [{"id": "f-hidden-1", "accountId": "acc-a", "path": "/home/a/public_html/c99.php",
                            "sizeBytes": 4242, "mimeType": "text/x-php", "scannerSignature": "Php.Webshell.C99",
                            "categories": ["HACKING"]}],
                 "processes": [{"id": "p-hidden-1", "accountId": "acc-a", "pid": 31337, "name": "unrealircd",
                                "commandLine": "/opt/SECRET-CMDLINE/unrealircd", "listeningPorts": [6667]}],
                 "accessAttempts": [{"id": "a-hidden-1", "accountId": "acc-a", "kind": "BRUTE_FORCE",
                                     "target": "ssh://10.9.8.7", "attempts": 350, "windowSeconds": 600}],
                 "reports": [{"id": "r-hidden-1", "accountId": "acc-a", "type": "HACKING", "verified": true,
                              "receivedAt": "2026-11-27T10:00:00Z", "reporter": "abuse@reporter-secret.example",
                              "organisation": "Secret CERT", "email": "victim@secret.example",
                              "url": "https://a.example/c99.php"}]}
                """, "hidden.json");
        EvaluationResult result = evaluator.evaluate(facts);
        assertThat(result.violationsOf("acc-a"))
                .extracting(v -> v.clause().id().value())
                .contains("2.12", "3.3", "2.17");
        CustomerNotice n = renderer.render(facts, result, "acc-a");
        for (String out : List.of(n.text(), n.html())) {
            assertThat(out)
                    .doesNotContain(
                            "Php.Webshell.C99",
                            "SECRET-CMDLINE",
                            "10.9.8.7",
                            "reporter-secret",
                            "Secret CERT",
                            "victim@secret.example",
                            "Owner Secret",
                            "owner@secret.example")
                    .doesNotContain("f-hidden-1", "p-hidden-1", "a-hidden-1", "r-hidden-1")
                    .contains(
                            "unrealircd",
                            "31337",
                            "6667",
                            "/home/a/public_html/c99.php",
                            "350",
                            "https://a.example/c99.php");
        }
        for (Violation v : result.violationsOf("acc-a")) {
            assertThat(n.text()).doesNotContain(v.ruleId());
        }
    }

    @Test
    void quotesEachClauseVerbatimFromTheCatalog() {
        FactSet facts = ircFacts("unrealircd");
        EvaluationResult result = evaluator.evaluate(facts);
        CustomerNotice n = renderer.render(facts, result, "acc-a");
        String text = policy.catalog().all().stream()
                .filter(c -> c.id().value().equals("2.12"))
                .findFirst()
                .orElseThrow()
                .text();
        assertThat(text).isNotBlank();
        assertThat(n.text()).contains("Clause 2.12").contains("\"" + text + "\"");
        assertThat(n.html()).contains("<blockquote>" + escaped(text) + "</blockquote>");
        assertThat(n.text()).doesNotContain("Clause 2.13");
    }

    @Test
    void deadlineIsTheEvaluationTimePlusTheClausesOrTheSeveritysPeriod() {
        FactSet facts = ircFacts("unrealircd");
        EvaluationResult result = evaluator.evaluate(facts);
        Violation irc = result.violationsOf("acc-a").stream()
                .filter(v -> v.clause().id().value().equals("2.12"))
                .findFirst()
                .orElseThrow();
        Duration period = rules.bySeverity().get(irc.severity());
        assertThat(rules.byClause()).doesNotContainKey("2.12").doesNotContainKey("2");
        String due = result.evaluatedAt().plus(period).toString();
        assertThat(due).isEqualTo(irc.severity() == Severity.HIGH ? "2026-11-30T12:00:00Z" : due);
        CustomerNotice n = renderer.render(facts, result, "acc-a");
        assertThat(n.text()).contains("What you must do, by " + due).contains("You must act by " + due);
        assertThat(n.text())
                .contains(rules.remedy("2.12"))
                .contains(rules.remedies().get("2"));

        // a clause's own deadline wins over its severity's: 1.B.1 has 24 hours in the default pack
        assertThat(rules.deadline("1.B.1", Severity.LOW)).isEqualTo(Duration.ofHours(24));
        assertThat(rules.deadline("1.B.2", Severity.LOW))
                .isEqualTo(rules.bySeverity().get(Severity.LOW));
        assertThat(rules.remedy("1.B.1")).isEqualTo(rules.remedies().get("1.B"));
        assertThat(rules.remedy("P.1")).isEqualTo(rules.remedies().get("default"));
    }

    @Test
    void escapesHostileValuesInTheHtmlAndNotInTheText() {
        String hostile = "<script>alert('x')</script>";
        FactSet facts = ircFacts(hostile);
        EvaluationResult result = evaluator.evaluate(facts);
        assertThat(result.violationsOf("acc-a"))
                .extracting(v -> v.clause().id().value())
                .contains("2.12");
        CustomerNotice n = renderer.render(facts, result, "acc-a");
        assertThat(n.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(");
        assertThat(n.text()).contains(hostile);
    }

    @Test
    void anAccountWithoutViolationsIsToldSoAndWaivedOnesAreLeftOut() {
        FactSet facts = FactsJson.read(Path.of("samples/desk/desk.json"));
        EvaluationResult result = evaluator.evaluate(facts);
        assertThat(result.violationsOf("acc-radio")).isEmpty();
        assertThat(result.suppressed()).anyMatch(s -> s.violation().accountId().equals("acc-radio"));
        CustomerNotice n = renderer.render(facts, result, "acc-radio");
        assertThat(n.violations()).isZero();
        assertThat(n.text()).contains("Our review found no breach").doesNotContain("Clause 2.15");
        assertThat(n.html()).contains("Our review found no breach").doesNotContain("data-clause");

        CustomerNotice mailer = renderer.render(facts, result, "acc-mailer");
        assertThat(mailer.violations())
                .isEqualTo(result.violationsOf("acc-mailer").size())
                .isPositive();
        assertThat(mailer.text()).doesNotContain("Our review found no breach").contains("Clause 1.A.1");
    }

    @Test
    void leavesOtherAccountsFactsOut() {
        FactSet facts = FactsJson.read("""
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-a"}, {"id": "acc-b"}],
                 "processes": [
                   {"id": "p-a", "accountId": "acc-a", "pid": 1111, "name": "unrealircd", "listeningPorts": [6667]},
                   {"id": "p-b", "accountId": "acc-b", "pid": 2222, "name": "inspircd", "listeningPorts": [6697]}]}
                """, "two.json");
        EvaluationResult result = evaluator.evaluate(facts);
        assertThat(result.violationsOf("acc-b")).isNotEmpty();
        CustomerNotice a = renderer.render(facts, result, "acc-a");
        assertThat(a.text()).contains("unrealircd", "1111").doesNotContain("inspircd", "2222", "acc-b");
        assertThat(a.html()).contains("unrealircd", "1111").doesNotContain("inspircd", "2222", "acc-b");
    }

    @Test
    void anUnknownAccountIsAnErrorWithADidYouMean() {
        FactSet facts = ircFacts("unrealircd");
        EvaluationResult result = evaluator.evaluate(facts);
        assertThatThrownBy(() -> renderer.render(facts, result, "acc-b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown account `acc-b`; did you mean `acc-a`?");
        assertThatThrownBy(() -> renderer.render(facts, result, "zzzzzzzzzz"))
                .hasMessage("unknown account `zzzzzzzzzz`; the facts hold 1 account(s)");
    }

    @Test
    void aPackWithoutNoticesSaysWhatToAdd() {
        Map<String, String> files = new LinkedHashMap<>();
        PolicyPack.defaultPack().files().keySet().stream()
                .filter(f -> !f.startsWith(NoticeFilesReader.FOLDER))
                .forEach(f -> files.put(f, PolicyPack.defaultPack().text(f).orElseThrow()));
        CompiledPolicy bare = CompiledPolicy.compile(PolicyPack.ofFiles("bare", files));
        assertThat(bare.noticeRules()).isEmpty();
        assertThatThrownBy(() -> NoticeRenderer.of(bare))
                .hasMessageContaining("has no customer notices: add notices/masking.json");
    }

    @Test
    void partialsComeFromThePacksNoticesFolderOnly() {
        Map<String, String> files = new LinkedHashMap<>();
        PolicyPack.defaultPack()
                .files()
                .keySet()
                .forEach(f -> files.put(f, PolicyPack.defaultPack().text(f).orElseThrow()));
        files.put("notices/notice.txt.mustache", "{{>footer}}|{{accountId}}");
        files.put("notices/footer.mustache", "Signed, the abuse desk");
        NoticeRenderer r = NoticeRenderer.of(CompiledPolicy.compile(PolicyPack.ofFiles("branded", files)));
        FactSet facts = ircFacts("unrealircd");
        assertThat(r.render(facts, evaluator.evaluate(facts), "acc-a").text())
                .isEqualTo("Signed, the abuse desk|acc-a");

        // a partial outside notices/ does not even compile: the pack's check finds it first
        files.put("notices/notice.txt.mustache", "{{>../policy.json}}");
        assertThatThrownBy(() -> NoticeRenderer.of(CompiledPolicy.compile(PolicyPack.ofFiles("escape", files))))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("notices/notice.txt.mustache:1:1: error: `{{>../policy.json}}` includes"
                        + " `notices/../policy.json`, which is not a file of the pack's notices/ folder");
    }

    private static FactSet ircFacts(String processName) {
        String name = processName.replace("\\", "\\\\").replace("\"", "\\\"");
        return FactsJson.read("""
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-a"}],
                 "processes": [{"id": "p-1", "accountId": "acc-a", "pid": 4242, "name": "%s",
                                "commandLine": "ircd -f", "listeningPorts": [6667]}]}
                """.formatted(name), "irc.json");
    }

    /** A hidden value worth looking for: not the addressee's own id, not a short word or number another field may show. */
    private static boolean distinctive(String field, String value) {
        if (field.equals("accountId") || value.length() < 5 || value.equals("false")) {
            return false;
        }
        return !value.matches("[0-9.]+");
    }

    private static Set<String> accountsWithViolations(EvaluationResult result) {
        Set<String> out = new LinkedHashSet<>();
        result.violations().forEach(v -> out.add(v.accountId()));
        return out;
    }

    private static Map<String, Fact> index(FactSet facts) {
        Map<String, Fact> index = new LinkedHashMap<>();
        facts.accounts().forEach(a -> index.put("account/" + a.id(), a));
        facts.accountFactLists().forEach((list, fs) -> {
            for (int i = 0; i < fs.size(); i++) {
                AccountFact f = fs.get(i);
                index.put(f.evidenceType() + "/" + (f.id() == null ? list + "[" + i + "]" : f.id()), f);
            }
        });
        return index;
    }

    private static Object read(RecordComponent c, Object r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new LinkageError(e.getMessage(), e);
        }
    }

    private static String escaped(String value) {
        StringWriter w = new StringWriter();
        HtmlEscaper.escape(value, w);
        return w.toString();
    }
}
