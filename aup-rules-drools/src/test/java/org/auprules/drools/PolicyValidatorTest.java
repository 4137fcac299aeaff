package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.auprules.drools.TestPacks.lines;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.rules.SignatureTable;
import org.junit.jupiter.api.Test;

/** Every message the validator prints, each at the file, line and column of the mistake. */
class PolicyValidatorTest {

    private static final String MISTAKES = TestPacks.HEADER + """
            rule "2.12 IRC server process"
                @clause("2.21") @severity("HIGH") @message("{$p} is an IRC server")
            when
                $p : HostedProcess( name == "unrealircd",
                                    cpuPercnt > 5 )
            then
                findings.violation(kcontext, "irc " + $p.nme(), $p);
            end

            rule "2.14 scanner"
                @clause("2.14") @message("scan")
            when
                $n : NetworkActivity( distinctDestinations > 5 )
            then
                findings.violation(kcontext, $n);
            end

            rule "3.1 burden"
                @clause("3.1") @severity("HGH") @certainty("MAYBE") @message("cpu")
            when
                $u : ResourceUsag( cpuPercent > 100 )
            then
                findings.violation(kcontext, $u);
            end

            rule "1.A.4 enforcement is not a prohibition"
                @clause("1.A.4") @severity("LOW") @message("x")
            when
                $l : MailingList( source == ListSource.PURCHASD )
            then
                findings.violation(kcontext, $l);
            end

            rule "2.17 derivation with severity"
                @severity("HIGH")
            when
                $p : HostedProcess( )
            then
            end

            rule "2.5 misspelt metadata"
                @clase("2.5")
            when
                $w : Website( )
            then
                findings.violation(kcontext, $w);
            end
            """;

    private static final String SAME_NAME = TestPacks.HEADER + """
            rule "2.14 scanner"
                @clause("2.14") @severity("HIGH")
            when
                $n : NetworkActivity( )
            then
            end
            """;

    @Test
    void everyRuleMistakeIsReportedAtOnce_withTheLineAndColumnOfTheWrongName() {
        PolicyValidator.Validation v =
                PolicyValidator.validate(TestPacks.pack(Map.of("rules/a.drl", MISTAKES, "rules/b.drl", SAME_NAME)));

        assertThat(v.valid()).isFalse();
        assertThat(v.policy()).isEmpty();
        assertThat(lines(v.problems()))
                .containsExactly(
                        "rules/a.drl:6:1: error: rule `2.12 IRC server process`: unknown clause `2.21`; did you mean `2.12`?",
                        "rules/a.drl:10:25: error: rule `2.12 IRC server process`: unknown field `cpuPercnt` of `HostedProcess`;"
                                + " did you mean `cpuPercent`?",
                        "rules/a.drl:12:46: error: rule `2.12 IRC server process`: in the consequence: unknown method `nme()` of"
                                + " `HostedProcess`; did you mean `name`?",
                        "rules/a.drl:15:1: error: rule `2.14 scanner`: missing @severity; expected one of LOW, MEDIUM, HIGH,"
                                + " CRITICAL",
                        "rules/a.drl:23:1: error: rule `3.1 burden`: unknown certainty `MAYBE`; expected CONFIRMED or SUSPECTED",
                        "rules/a.drl:23:1: error: rule `3.1 burden`: unknown severity `HGH`; expected one of LOW, MEDIUM, HIGH,"
                                + " CRITICAL",
                        "rules/a.drl:26:10: error: rule `3.1 burden`: unknown fact type `ResourceUsag`; did you mean"
                                + " `ResourceUsage`?",
                        "rules/a.drl:31:1: error: rule `1.A.4 enforcement is not a prohibition`: clause `1.A.4` is ENFORCEMENT,"
                                + " not a PROHIBITION: rules can only cite clauses that can be broken",
                        "rules/a.drl:34:44: error: rule `1.A.4 enforcement is not a prohibition`: unknown value `PURCHASD` of"
                                + " `ListSource`; did you mean `PURCHASED`?",
                        "rules/a.drl:39:1: error: rule `2.17 derivation with severity`: has @severity but no @clause",
                        "rules/a.drl:46:1: error: rule `2.5 misspelt metadata`: calls `findings.violation` but has no @message;"
                                + " add one that says what matched, such as @message(\"{$p} is an IRC server\")",
                        "rules/a.drl:46:1: error: rule `2.5 misspelt metadata`: reports a violation with `findings.violation`"
                                + " but has no @clause; add @clause(\"…\") and @severity(\"…\")",
                        "rules/a.drl:47:5: warning: rule `2.5 misspelt metadata`: unknown metadata `@clase`; did you mean"
                                + " `@clause`?",
                        "rules/b.drl:6:1: error: duplicate rule name `2.14 scanner`; also declared at rules/a.drl:15: every rule"
                                + " of a package needs its own name");
    }

    @Test
    void aSyntaxErrorDoesNotHideTheMistakesOfTheRulesAfterIt() {
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.withRules("""
                rule "2.12 unfinished pattern"
                    @clause("2.12") @severity("HIGH") @message("irc")
                when
                    $p : HostedProcess( name == "unrealircd"
                then
                    findings.violation(kcontext, $p);
                end

                rule "3.1 memory"
                    @clause("3.1") @severity("MEDIUM") @message("memory")
                when
                    $u : ResourceUsage( memoryMbb > 4096 )
                then
                    findings.violation(kcontext, $u);
                end
                """));

        assertThat(lines(v.problems()))
                .containsExactly(
                        "rules/test.drl:10:1: error: rule `2.12 unfinished pattern`: syntax error: mismatched input `then` in"
                                + " rule `2.12 unfinished pattern`",
                        "rules/test.drl:17:25: error: rule `3.1 memory`: unknown field `memoryMbb` of `ResourceUsage`; did you"
                                + " mean `memoryMb`?");
    }

    @Test
    void aForbiddenCallDoesNotHideTheMistakesOfOtherRules() {
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.withRules("""
                rule "3.7 exit"
                    @clause("3.7") @severity("HIGH")
                when
                    $p : HostedProcess( )
                then
                    System.exit(1);
                end

                rule "3.1 inodes"
                    @clause("3.1") @severity("MEDIUM") @message("inodes")
                when
                    $u : ResourceUsage( inode > 1 )
                then
                    findings.violation(kcontext, $u);
                end
                """));

        assertThat(lines(v.problems()))
                .containsExactly(
                        "rules/test.drl:11:5: error: rule `3.7 exit`: `java.lang.System` is not allowed in an untrusted"
                                + " pack: rules may use the fact types, the pack's helper types and the JDK members"
                                + " listed in docs/security.md",
                        "rules/test.drl:17:25: error: rule `3.1 inodes`: unknown field `inode` of `ResourceUsage`; did you mean"
                                + " `inodes`?");
    }

    @Test
    void aFieldErrorWithoutALineFromDroolsIsFoundInItsRule() {
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.withRules("""
                rule "2.12 same name as a site"
                    @clause("2.12") @severity("LOW") @message("x")
                when
                    $p : HostedProcess( )
                    $w : Website( domain == $p.nam() )
                then
                    findings.violation(kcontext, $p);
                end
                """));

        assertThat(lines(v.problems()))
                .containsExactly(
                        "rules/test.drl:10:32: error: rule `2.12 same name as a site`: unknown field `nam` of `HostedProcess`;"
                                + " did you mean `name`?");
    }

    @Test
    void duplicateRuleNamesInOneFileAreReported() {
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.withRules("""
                rule "2.12 twice"
                when
                    HostedProcess( )
                then
                end

                rule "2.12 twice"
                when
                    Website( )
                then
                end
                """));

        assertThat(lines(v.problems()))
                .containsExactly("rules/test.drl:12:1: error: duplicate rule name `2.12 twice`;"
                        + " also declared at rules/test.drl:6: every rule of a package needs its own name");
    }

    @Test
    void rulesOfTheSameNameInDifferentPackagesAreNotDuplicates() {
        String other = SAME_NAME.replace("package rules;", "package rules.other;");
        PolicyValidator.Validation v =
                PolicyValidator.validate(TestPacks.pack(Map.of("rules/b.drl", SAME_NAME, "rules/other/c.drl", other)));

        assertThat(v.errors()).isEmpty();
        assertThat(v.valid()).isTrue();
    }

    @Test
    void thresholdsThatAreUnknownOrOfTheWrongTypeAreReportedInPolicyJson() {
        String json = TestPacks.policyJson()
                .replace("\"bulkRecipientsPerMessage\": 100", "\"bulkRecipientsPerMesage\": 100")
                .replace("\"spamComplaints\": 3", "\"spamComplaints\": \"three\"")
                .replace("\"optOutBusinessDays\": 10", "\"optOutBusinessDays\": 10.5")
                .replace("\"inodes\": 500000", "\"inodes\": -1");
        PolicyValidator.Validation v = PolicyValidator.validate(
                TestPacks.pack(Map.of(PolicyPack.POLICY_FILE, json, "rules/test.drl", SAME_NAME)));

        assertThat(lines(v.problems()))
                .containsExactly(
                        at(json, "\"thresholds\"", 17, "error: missing threshold `bulkRecipientsPerMessage`"),
                        at(
                                json,
                                "\"bulkRecipientsPerMesage\"",
                                32,
                                "error: unknown threshold `bulkRecipientsPerMesage`;"
                                        + " did you mean `bulkRecipientsPerMessage`?"),
                        at(
                                json,
                                "\"spamComplaints\"",
                                23,
                                "error: threshold `spamComplaints` must be a number, got" + " `\"three\"`"),
                        at(
                                json,
                                "\"optOutBusinessDays\"",
                                27,
                                "error: threshold `optOutBusinessDays` must be a whole number," + " got `10.5`"),
                        at(json, "\"inodes\": -1", 15, "error: threshold `inodes` must not be negative, got `-1`"));
    }

    @Test
    void thresholdsBeyondTheirJavaType_areTooLarge_atTheEdge() {
        String json = TestPacks.policyJson()
                .replace("\"bruteForceAttempts\": 20", "\"bruteForceAttempts\": 2147483648")
                .replace("\"spamComplaints\": 3", "\"spamComplaints\": 2147483647")
                .replace("\"inodes\": 500000", "\"inodes\": 18446744073709551617")
                .replace("\"memoryMb\": 2048,", "\"memoryMb\": 9223372036854775807,")
                .replace("\"cpuSustainedSeconds\": 3600", "\"cpuSustainedSeconds\": 9223372036854775808")
                .replace("\"attackPacketsPerSecond\": 50000", "\"attackPacketsPerSecond\": 1e30");
        PolicyValidator.Validation v = PolicyValidator.validate(
                TestPacks.pack(Map.of(PolicyPack.POLICY_FILE, json, "rules/test.drl", SAME_NAME)));

        assertThat(lines(v.problems()))
                .containsExactly(
                        at(
                                json,
                                "\"bruteForceAttempts\"",
                                27,
                                "error: threshold `bruteForceAttempts` is too large:" + " `2147483648`"),
                        at(
                                json,
                                "\"attackPacketsPerSecond\"",
                                31,
                                "error: threshold `attackPacketsPerSecond` is too large:" + " `1.0E30`"),
                        at(
                                json,
                                "\"cpuSustainedSeconds\"",
                                28,
                                "error: threshold `cpuSustainedSeconds` is too large:" + " `9223372036854775808`"),
                        at(
                                json,
                                "\"inodes\": 1",
                                15,
                                "error: threshold `inodes` is too large: `18446744073709551617`"));
    }

    @Test
    void anUnknownSectionOfPolicyJsonIsAWarning() {
        String json = TestPacks.policyJson().replaceFirst("\\{", "{\n  \"treshold\": {},");
        PolicyValidator.Validation v = PolicyValidator.validate(
                TestPacks.pack(Map.of(PolicyPack.POLICY_FILE, json, "rules/test.drl", SAME_NAME)));

        assertThat(v.valid()).isTrue();
        assertThat(lines(v.problems()))
                .singleElement()
                .asString()
                .startsWith("policy.json:2:15: warning: unknown section `treshold`; expected one of");
    }

    @Test
    void aProhibitionThatNoRuleCitesIsAWarningAtItsClause() {
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.pack(Map.of("rules/test.drl", SAME_NAME)));

        String json = TestPacks.policyJson();
        assertThat(v.valid()).isTrue();
        assertThat(v.errors()).isEmpty();
        List<String> warnings =
                v.warnings().stream().map(PolicyProblem::toString).toList();
        assertThat(warnings)
                .contains(at(
                        json,
                        "\"id\": \"2.12\"",
                        13,
                        "warning: clause `2.12` is a PROHIBITION that"
                                + " no rule and no table row cites: nothing enforces it"));
        assertThat(warnings)
                .noneMatch(w -> w.contains("clause `2.14`"))
                .noneMatch(w -> w.contains("clause `1.A.4`"))
                .noneMatch(w -> w.contains("clause `P.1`"));
    }

    @Test
    void aClauseThatATableRowCitesIsEnforced_whenARuleReadsTheTable() {
        String reader = TestPacks.HEADER + """
                global SignatureTable signatures;

                rule "signatures.csv: process name"
                    @clauseFrom("signatures.csv") @message("process `{$p.name}`")
                when
                    $p : HostedProcess( )
                    SignatureMatch( $s : signature ) from signatures.matchingProcessName($p)
                then
                    findings.violation(kcontext, $s, $p);
                end
                """;
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.pack(Map.of(
                PolicyPack.POLICY_FILE, TestPacks.policyJson(), "rules/test.drl", reader, SignatureTable.SOURCE, """
                        # process signatures
                        kind,pattern,clause,severity,certainty,description
                        PROCESS,unrealircd,2.12,HIGH,CONFIRMED,IRC server process
                        """)));

        List<String> warnings =
                v.warnings().stream().map(PolicyProblem::toString).toList();
        assertThat(v.errors()).isEmpty();
        assertThat(warnings)
                .noneMatch(w -> w.contains("clause `2.12`"))
                .as("contentCategories maps GAMBLING to 2.6, but no rule reads that table")
                .anyMatch(w -> w.contains("clause `2.6`"))
                .anyMatch(w -> w.contains("clause `2.13`"));
    }

    @Test
    void aBadTableRow_isOneError_notAWarningForEveryClauseTheTableCites() {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        PolicyPack.defaultPack()
                .files()
                .forEach((name, bytes) -> files.put(name, new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        String csv = files.get(SignatureTable.SOURCE);
        int line = csv.split("\n", -1).length;
        files.put(SignatureTable.SOURCE, csv + "PROCESS,re:(miniircd,2.12,HIGH,CONFIRMED,IRC server process\n");

        PolicyValidator.Validation v = PolicyValidator.validate(PolicyPack.ofFiles("test", files));

        assertThat(v.valid()).isFalse();
        assertThat(v.problems())
                .extracting(PolicyProblem::toString)
                .containsExactly("signatures.csv:" + line
                        + ":9: error: invalid regular expression `(miniircd`: missing closing )");
    }

    @Test
    void theDefaultPackIsValid() {
        PolicyValidator.Validation v = PolicyValidator.validate(PolicyPack.defaultPack());

        assertThat(v.errors()).isEmpty();
        assertThat(v.valid()).isTrue();
        assertThat(v.policy())
                .get()
                .extracting(p -> p.info().digest())
                .isEqualTo(PolicyPack.defaultPack().digest());
        assertThat(v.warnings()).allMatch(w -> w.message().contains("no rule and no table row cites"));
    }

    @Test
    void aMissingRulesFolderIsAnError() {
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.pack(Map.of()));

        assertThat(lines(v.problems()))
                .containsExactly("rules/:0:0: error: no rule files: a pack needs at least one `rules/*.drl`");
    }

    /** A problem at the first line of {@code json} containing {@code needle}. */
    private static String at(String json, String needle, int column, String rest) {
        List<String> lines = Arrays.asList(json.split("\n", -1));
        int line = 1
                + lines.indexOf(lines.stream()
                        .filter(l -> l.contains(needle))
                        .findFirst()
                        .orElseThrow());
        return "policy.json:" + line + ":" + column + ": " + rest;
    }
}
