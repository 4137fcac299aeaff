package org.auprules.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyProblem;
import org.auprules.api.facts.ContentCategory;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.Kind;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.rules.TableRow;
import org.auprules.testing.Traceability.By;
import org.auprules.testing.Traceability.Citation;
import org.auprules.testing.Traceability.ClauseTrace;
import org.auprules.testing.Traceability.Gap;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's traceability, on the default pack: every PROHIBITION clause of the catalog has a rule
 * or table row that can cite it, nothing cites anything else, and the pack's scenarios show every
 * clause both broken and kept. Each check is then run on a pack edited to break it, to show that it
 * would fail.
 */
class TraceabilityTest {

    static final CompiledPolicy POLICY = CompiledPolicy.compile(PolicyPack.defaultPack());
    static final Traceability DEFAULT = Traceability.of(POLICY);
    static final String EMBARGO_RULE = "rule \"1.C.2 use of the account from an embargoed place\"";

    /** The default pack's files as text, with one file changed. */
    static PolicyPack edited(String file, UnaryOperator<String> edit) {
        Map<String, String> files = new LinkedHashMap<>();
        PolicyPack.defaultPack()
                .files()
                .forEach((name, bytes) -> files.put(name, new String(bytes, StandardCharsets.UTF_8)));
        assertThat(files).containsKey(file);
        String before = files.get(file);
        String after = edit.apply(before);
        assertThat(after).as("the edit of " + file + " changes it").isNotEqualTo(before);
        files.put(file, after);
        return PolicyPack.ofFiles("edited", files);
    }

    /** A DRL text without one rule: from its {@code rule "name"} to its {@code end}. */
    static String withoutRule(String drl, String name) {
        int start = drl.indexOf("rule \"" + name + "\"");
        assertThat(start).as("rule `" + name + "` is in the file").isNotNegative();
        int end = drl.indexOf("\nend\n", start) + "\nend\n".length();
        return drl.substring(0, start) + drl.substring(end);
    }

    /** The 1-based line of the default pack's file on which {@code needle} starts. */
    static int line(String file, String needle) {
        return lineOf(PolicyPack.defaultPack().text(file).orElseThrow(), needle);
    }

    static Set<String> ids(List<ClauseTrace> traces) {
        return traces.stream().map(ClauseTrace::id).collect(Collectors.toCollection(TreeSet::new));
    }

    // ------------------------------------------------------------------ the default pack

    @Test
    void everyProhibitionOfTheDefaultPack_hasARuleOrTableRowThatCanCiteIt() {
        assertThat(DEFAULT.clauses())
                .extracting(ClauseTrace::id)
                .containsExactlyElementsOf(POLICY.catalog().prohibitions().stream()
                        .map(c -> c.id().value())
                        .toList());
        assertThat(DEFAULT.clauses()).hasSize(35);
        assertThat(DEFAULT.clauses())
                .filteredOn(t -> t.gaps().contains(Gap.NO_RULE))
                .as("PROHIBITION clauses that no rule and no table row can cite")
                .isEmpty();
    }

    @Test
    void theRulesAndRowsOfATrace_areTheOnesThatCiteItsClause() {
        Set<String> byDrl = POLICY.rules().stream()
                .map(CompiledPolicy.RuleInfo::clause)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        assertThat(ids(DEFAULT.clauses().stream()
                        .filter(t -> !t.rules().isEmpty())
                        .toList()))
                .containsExactlyInAnyOrderElementsOf(byDrl);
        assertThat(ids(DEFAULT.clauses().stream()
                        .filter(t -> !t.rows().isEmpty())
                        .toList()))
                .containsExactlyInAnyOrderElementsOf(POLICY.tableClauseIds());
        assertThat(DEFAULT.trace("2.12").orElseThrow().rules()).isEmpty();
        assertThat(DEFAULT.trace("2.12").orElseThrow().rows())
                .extracting(Citation::toString)
                .contains(
                        "signatures.csv:" + line("signatures.csv", "PROCESS,unrealircd,")
                                + " 2.12 IRC server process (PROCESS `unrealircd`)",
                        "signatures.csv:" + line("signatures.csv", "PORT,6660-6669,")
                                + " 2.12 IRC port (PORT `6660-6669`)")
                .noneMatch(s -> s.contains("irssi") || s.contains("weechat"));
        assertThat(DEFAULT.trace("1.C.2").orElseThrow().rules())
                .extracting(Citation::toString)
                .containsExactly("rules/export.drl:" + line("rules/export.drl", EMBARGO_RULE)
                        + " 1.C.2 use of the account from an embargoed place");
        assertThat(DEFAULT.trace("1.D.1").orElseThrow().rules()).isEmpty();
        assertThat(DEFAULT.trace("1.D.1").orElseThrow().rows())
                .extracting(Citation::toString)
                .containsExactly("policy.json:" + line("policy.json", "{\"clause\": \"1.D.1\"")
                        + " 1.D.1 verified law-enforcement report (verified `LAW_ENFORCEMENT` report)");
        assertThat(DEFAULT.trace("2.18").orElseThrow().rows())
                .extracting(Citation::file, Citation::name, Citation::detail)
                .containsExactly(
                        tuple(
                                "policy.json",
                                "2.18 sale of controlled substances",
                                "category `CONTROLLED_SUBSTANCE_SALE`, unless a valid `CONTROLLED_SUBSTANCE` permit is on file"));
    }

    @Test
    void everyCitationOfTheDefaultPack_namesAProhibitionOfItsCatalog() {
        assertThat(DEFAULT.strays()).isEmpty();
        List<TableRow> rows = new java.util.ArrayList<>(POLICY.signatures().rows());
        rows.addAll(POLICY.contentTable().rows());
        rows.addAll(POLICY.reportTypes().rows());
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(
                        POLICY.catalog().find(r.clause()))
                .map(Clause::kind)
                .contains(Kind.PROHIBITION));
    }

    @Test
    void everyProhibitionOfTheDefaultPack_hasAViolatingAndAnInnocentScenario() {
        assertThat(DEFAULT.gaps()).as("clauses with a gap").isEmpty();
        assertThat(DEFAULT.problems()).isEmpty();
        assertThat(DEFAULT.complete()).isTrue();
    }

    @Test
    void aScenarioCitation_pointsAtTheEntryThatCitesTheClause_andNamesItsAccounts() {
        String text = PolicyPack.defaultPack().text("scenarios/content.json").orElseThrow();
        int line = lineOf(text, "{\"accountId\": \"acc-irc-server\", \"clause\": \"2.12\"}");
        ClauseTrace irc = DEFAULT.trace("2.12").orElseThrow();
        assertThat(irc.violating())
                .contains(new Citation(
                        By.VIOLATING_SCENARIO,
                        "2.12",
                        "scenarios/content.json",
                        line,
                        "An IRC daemon is an IRC server (2.12); IRC clients are not",
                        "",
                        List.of("acc-irc-server")));
        // the client is kept clean of 2.12 by the whole-account noViolations entry on the next line
        assertThat(irc.innocent())
                .contains(new Citation(
                        By.INNOCENT_SCENARIO,
                        "2.12",
                        "scenarios/content.json",
                        line + 1,
                        "An IRC daemon is an IRC server (2.12); IRC clients are not",
                        "",
                        List.of("acc-irc-client")));
        // one scenario that expects a clause of three accounts cites it once, naming all three
        assertThat(DEFAULT.trace("1.A.3").orElseThrow().violating())
                .filteredOn(c -> c.name().startsWith("1.A.3: a blacklisted address is graver"))
                .singleElement()
                .extracting(Citation::accounts)
                .isEqualTo(List.of("acc-dedicated", "acc-shared", "acc-company"));
    }

    static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertThat(at).as(needle).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    // ------------------------------------------------------------------ each check can fail

    @Test
    void aClauseWhoseOnlyRuleIsRemoved_isReportedAsHavingNoRule() {
        assertThat(DEFAULT.trace("1.C.2").orElseThrow().rows()).isEmpty();
        Traceability t = Traceability.of(CompiledPolicy.compile(edited(
                "rules/export.drl", drl -> withoutRule(drl, "1.C.2 use of the account from an embargoed place"))));
        assertThat(t.trace("1.C.2").orElseThrow().gaps()).containsExactly(Gap.NO_RULE);
        assertThat(t.problems()).containsExactly("1.C.2: no rule or table row can cite it");
        assertThat(t.complete()).isFalse();
    }

    @Test
    void aClauseWhoseTableRowsAreRemoved_isReportedAsHavingNoRule() {
        Traceability t = Traceability.of(CompiledPolicy.compile(edited(
                "signatures.csv",
                csv -> csv.lines().filter(l -> !l.contains(",2.12,")).collect(Collectors.joining("\n", "", "\n")))));
        assertThat(t.problems()).containsExactly("2.12: no rule or table row can cite it");
    }

    @Test
    void aClauseWhoseReportTypeRowIsRemoved_isReportedAsHavingNoRule() {
        Traceability t = Traceability.of(CompiledPolicy.compile(edited(
                "policy.json", json -> json.replaceAll("\"LAW_ENFORCEMENT\": \\[\\s*\\{[^}]*\\}\\s*\\],\\s*", ""))));
        assertThat(t.trace("1.D.1").orElseThrow().gaps()).containsExactly(Gap.NO_RULE);
        assertThat(t.problems()).containsExactly("1.D.1: no rule or table row can cite it");
    }

    @Test
    void aTableThatNoRuleReads_citesNothing() {
        String[] readers = {
            "signatures.csv: process name",
            "signatures.csv: process name imitating a signature",
            "signatures.csv: command line",
            "signatures.csv: listening port",
            "signatures.csv: malware scanner signature of a file",
            "signatures.csv: software installed on a site"
        };
        CompiledPolicy policy = CompiledPolicy.compile(edited("rules/prohibited-content.drl", drl -> {
            for (String rule : readers) {
                drl = withoutRule(drl, rule);
            }
            return drl;
        }));
        Traceability t = Traceability.of(policy);
        assertThat(t.clauses())
                .flatExtracting(ClauseTrace::rows)
                .extracting(Citation::file)
                .containsOnly("policy.json");
        // the clauses only signatures.csv could cite; 2.13 keeps its SMS_GATEWAY category
        assertThat(ids(t.gaps())).containsExactly("2.12", "2.16", "3.5");
        assertThat(policy.tableClauseIds())
                .doesNotContain("2.12", "2.16", "3.5")
                .contains("2.13");
    }

    @Test
    void aScenarioCitingAnUnknownOrAnEnforcementClause_isAStrayCitation() {
        String bogus = """
                {"description": "a made-up clause",
                 "facts": {"accounts": [{"id": "a"}, {"id": "b"}]},
                 "expect": {"violations": [{"accountId": "a", "clause": "2.99"}],
                            "noViolations": [{"accountId": "b", "clause": "P.1"}]}}
                """;
        Map<String, String> files = new LinkedHashMap<>();
        PolicyPack.defaultPack()
                .files()
                .forEach((name, bytes) -> files.put(name, new String(bytes, StandardCharsets.UTF_8)));
        files.put("scenarios/zz-bogus.json", bogus);
        Traceability t = Traceability.of(CompiledPolicy.compile(PolicyPack.ofFiles("edited", files)));
        assertThat(t.gaps()).isEmpty();
        assertThat(t.strays())
                .extracting(Citation::by, Citation::clause, Citation::where)
                .containsExactly(
                        tuple(By.VIOLATING_SCENARIO, "2.99", "scenarios/zz-bogus.json:3"),
                        tuple(By.INNOCENT_SCENARIO, "P.1", "scenarios/zz-bogus.json:4"));
        assertThat(t.problems())
                .containsExactly(
                        "scenarios/zz-bogus.json:3: scenario `a made-up clause` cites `2.99`, which is not a PROHIBITION "
                                + "clause of the catalog",
                        "scenarios/zz-bogus.json:4: scenario `a made-up clause` cites `P.1`, which is not a PROHIBITION "
                                + "clause of the catalog");
        assertThat(t.complete()).isFalse();
    }

    /**
     * A rule or table row that cites a clause the catalog lacks, or one that cannot be broken, never
     * gets as far as a trace: the pack does not compile, so the default pack's tests all fail.
     */
    @Test
    void aRuleOrRowCitingAnUnknownOrEnforcementClause_stopsThePackFromCompiling() {
        assertThat(errors(edited("rules/export.drl", drl -> drl.replace("@clause(\"1.C.2\")", "@clause(\"1.C.22\")"))))
                .containsExactly("rules/export.drl:" + line("rules/export.drl", EMBARGO_RULE) + ":1: error: rule "
                        + "`1.C.2 use of the account from an embargoed place`: "
                        + "unknown clause `1.C.22`; did you mean `1.C.2`?");
        assertThat(errors(edited("rules/export.drl", drl -> drl.replace("@clause(\"1.C.2\")", "@clause(\"1.B.2\")"))))
                .singleElement()
                .asString()
                .startsWith("rules/export.drl:" + line("rules/export.drl", EMBARGO_RULE)
                        + ":1: error: rule `1.C.2 use of the account from an embargoed "
                        + "place`: clause `1.B.2` is ENFORCEMENT, not a PROHIBITION");
        assertThat(errors(edited(
                        "policy.json",
                        json -> json.replace(
                                "{\"clause\": \"1.D.1\", \"severity\": \"HIGH\"",
                                "{\"clause\": \"1.D.9\", \"severity\": \"HIGH\""))))
                .singleElement()
                .asString()
                .startsWith("policy.json:" + line("policy.json", "{\"clause\": \"1.D.1\"") + ":")
                .endsWith("unknown clause `1.D.9`; did you mean `1.D.1`?");
        assertThat(errors(edited(
                        "signatures.csv", csv -> csv.replace("PROCESS,unrealircd,2.12,", "PROCESS,unrealircd,2.99,"))))
                .singleElement()
                .asString()
                .startsWith("signatures.csv:" + line("signatures.csv", "PROCESS,unrealircd,") + ":")
                .contains("unknown clause `2.99`");
        assertThat(errors(edited(
                        "policy.json",
                        json -> json.replace(
                                "{\"clause\": \"2.8\", \"severity\"", "{\"clause\": \"P.1\", \"severity\""))))
                .singleElement()
                .asString()
                .startsWith("policy.json:"
                        + POLICY.contentTable()
                                .rowsFor(ContentCategory.PAYDAY_LOAN)
                                .get(0)
                                .line() + ":")
                .contains("clause `P.1` is ENFORCEMENT, not a PROHIBITION");
    }

    static List<String> errors(PolicyPack pack) {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> CompiledPolicy.compile(pack));
        return e.problems().stream()
                .filter(PolicyProblem::isError)
                .map(PolicyProblem::toString)
                .toList();
    }
}
