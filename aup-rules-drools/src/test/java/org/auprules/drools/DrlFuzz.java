package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.internal.DrlLexer;
import org.auprules.drools.internal.DrlOutline;
import org.auprules.fuzzing.Bounded;
import org.auprules.fuzzing.Failures;
import org.auprules.fuzzing.FuzzCases;
import org.auprules.fuzzing.FuzzTries;
import org.auprules.fuzzing.Located;
import org.auprules.fuzzing.Seeds;
import org.auprules.fuzzing.Seeds.Named;
import org.auprules.fuzzing.TextMutation;

/**
 * DRL, fuzzed: the default pack's rule files with tokens deleted, repeated, swapped or inserted
 * (keywords, brackets, quotes, comments, unicode escapes, metadata, calls) and their text changed
 * below the tokens. The lexer and the outline read any text; {@code validate} of a pack holding the
 * mutated file returns problems that each name a file of the pack with a line and column of its
 * text, never an exception, and never runs anything of the pack (a canary system property that the
 * inserted code would set stays unset).
 */
@AddLifecycleHook(FuzzTries.class)
class DrlFuzz {

    static final String CANARY = "auprules.fuzz.drl.canary";
    static final List<Named<String>> RULE_FILES = ruleFiles();
    static final String POLICY = Seeds.text(Seeds.PACK.resolve("policy.json"));
    static final String SIGNATURES = Seeds.text(Seeds.PACK.resolve("signatures.csv"));

    /** What a token is replaced by or gets beside it. */
    static final List<String> VOCABULARY = List.of(
            "rule",
            "\"r\"",
            "when",
            "then",
            "end",
            "not",
            "exists",
            "forall",
            "accumulate",
            "from",
            "collect",
            "eval(true)",
            "function",
            "import",
            "global",
            "query",
            "declare",
            "dialect \"mvel\"",
            "dialect \"java\"",
            "salience 10",
            "no-loop",
            "lock-on-active",
            "@clause(\"2.20\")",
            "@clause(\"9.99\")",
            "@severity(HIGH)",
            "@message(\"{$p} {$q.x}\")",
            "@note(System.setProperty(\"" + CANARY + "\", \"metadata\"))",
            "System.setProperty(\"" + CANARY + "\", \"consequence\");",
            "modify($p) { }",
            "update($p);",
            "insert(new Object());",
            "$p : HostedProcess()",
            "HostedProcess( name == \"x\" )",
            "Findings",
            "kcontext",
            "\\u0022",
            "\\u002F\\u002A",
            "/*",
            "*/",
            "//",
            "\"",
            "'",
            "(",
            ")",
            "{",
            "}",
            ";",
            ",",
            ":",
            "==",
            "&&",
            "||",
            "$",
            "#",
            "\n",
            "ÿ",
            "\uFEFF");

    static List<Named<String>> ruleFiles() {
        try (var files = Files.list(Seeds.PACK.resolve("rules"))) {
            return files.sorted()
                    .map(f -> new Named<>("rules/" + f.getFileName(), Seeds.text(f)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One change to the tokens of a text: word, number, string, punctuation or space runs. */
    record TokenChange(int kind, int at, int pick) {
        static final Pattern PIECE = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"|\\w+|\\s+|.", Pattern.DOTALL);

        String applyTo(String text) {
            List<String> pieces = new ArrayList<>();
            Matcher m = PIECE.matcher(text);
            while (m.find()) {
                pieces.add(m.group());
            }
            if (pieces.isEmpty()) {
                return VOCABULARY.get(pick % VOCABULARY.size());
            }
            int i = at % pieces.size();
            switch (kind % 4) {
                case 0 -> pieces.remove(i);
                case 1 -> pieces.add(i, pieces.get(i));
                case 2 -> {
                    int j = pick % pieces.size();
                    String a = pieces.get(i);
                    pieces.set(i, pieces.get(j));
                    pieces.set(j, a);
                }
                default -> pieces.add(i, " " + VOCABULARY.get(pick % VOCABULARY.size()) + " ");
            }
            return String.join("", pieces);
        }
    }

    @Provide
    Arbitrary<Named<String>> files() {
        return Arbitraries.of(RULE_FILES);
    }

    @Provide
    Arbitrary<List<TokenChange>> tokenChanges() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Combinators.combine(any, any, any)
                .as(TokenChange::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<TextMutation>> textChanges() {
        return TextMutation.lists(2);
    }

    static String mutate(String text, List<TokenChange> tokens, List<TextMutation> textChanges) {
        String t = text;
        for (TokenChange c : tokens) {
            t = c.applyTo(t);
        }
        return TextMutation.apply(t, textChanges);
    }

    @Property
    @FuzzCases(300)
    void mutatedDrl_isLexedAndOutlinedWithPositionsInsideTheText(
            @ForAll("files") Named<String> file,
            @ForAll("tokenChanges") List<TokenChange> tokens,
            @ForAll("textChanges") List<TextMutation> textChanges) {
        String text = mutate(file.value(), tokens, textChanges);
        Failures.keep("drl-outline", text, () -> {
            int lines = Seeds.lines(text);
            List<DrlLexer.Token> tokenList =
                    Bounded.call("lexing", () -> DrlLexer.tokenize(text)).get();
            assertThat(tokenList).allSatisfy(t -> {
                assertThat(t.line()).isBetween(1, lines);
                assertThat(t.column()).isPositive();
            });
            DrlOutline outline =
                    Bounded.call("outlining", () -> DrlOutline.of(text)).get();
            assertThat(outline.rules()).allSatisfy(r -> {
                assertThat(r.line()).isBetween(1, lines);
                assertThat(r.endLine()).isBetween(r.line(), lines);
            });
            Statistics.label("rules outlined").collect(Math.min(outline.rules().size(), 5));
        });
    }

    @Property
    @FuzzCases(8)
    void aPackWithAMutatedRuleFile_validatesToLocatedProblems_andRunsNothing(
            @ForAll("files") Named<String> file,
            @ForAll("tokenChanges") List<TokenChange> tokens,
            @ForAll("textChanges") List<TextMutation> textChanges) {
        String text = mutate(file.value(), tokens, textChanges);
        Failures.keep("drl-validate", text, () -> {
            Map<String, String> files = new TreeMap<>();
            files.put("policy.json", POLICY);
            files.put("signatures.csv", SIGNATURES);
            files.put(file.name(), text);
            PolicyPack pack = PolicyPack.ofFiles("fuzz-pack", files);
            System.clearProperty(CANARY);
            PolicyValidator.Validation v = Bounded.call("validating", () -> PolicyValidator.validate(pack))
                    .get();
            assertThat(System.getProperty(CANARY))
                    .as("validate ran code of the pack")
                    .isNull();
            Statistics.label("outcome").collect(v.valid() ? "valid" : "errors");
            for (PolicyProblem p : v.problems()) {
                assertThat(files).as("the file of %s", p).containsKey(p.path());
                Located.problem(p, p.path(), files.get(p.path()));
            }
            assertThat(v.valid()).isEqualTo(v.errors().isEmpty());
        });
    }

    /**
     * What the inserted metadata of the property would do, made certain: {@code validate} of a rule
     * whose {@code @note} is a call must not make that call (issue 10: metadata values are literals).
     */
    @Example
    void validatingARuleWithACallAsMetadata_runsNothing() {
        String drl = """
                package rules;
                import org.auprules.api.facts.*;
                import org.auprules.drools.rules.*;
                global Findings findings;
                rule "2.20 metadata call"
                    @clause("2.20")
                    @severity(HIGH)
                    @note(System.setProperty("%s", "metadata"))
                when
                    $p : HostedProcess( name == "x" )
                then
                    findings.violation(kcontext, $p);
                end
                """.formatted(CANARY);
        Map<String, String> files = new TreeMap<>(Map.of("policy.json", POLICY, "rules/x.drl", drl));
        System.clearProperty(CANARY);
        PolicyValidator.Validation v = Bounded.call(
                        "validating", () -> PolicyValidator.validate(PolicyPack.ofFiles("fuzz-pack", files)))
                .get();
        assertThat(System.getProperty(CANARY)).as("validate ran the metadata").isNull();
        v.problems().forEach(p -> Located.problem(p, p.path(), files.get(p.path())));
    }

    /**
     * Found by the fuzzing: a Drools error without a column (here for a rule whose helper import
     * was broken) came out as {@code file:13:0}; it now points at the line's first character.
     */
    @Example
    void aDroolsErrorWithoutAColumn_pointsAtTheStartOfItsLine() {
        String drl = """
                package rules;

                import org.auprules.api.facts.*;
                / org.auprules.drools.rules.*;

                rule "3.4 derive mail sent in another domain's name"
                when
                    $a : Account()
                    $m : EmailMessage( fromDomainAligned == false, fromDomain != null,
                                       Domains.ownedBy(fromDomain, $a.domains()) == false )
                then
                    insertLogical(new ForgedSender($m, $m.fromDomain()));
                end
                """;
        Map<String, String> files = new TreeMap<>(Map.of("policy.json", POLICY, "rules/x.drl", drl));
        PolicyValidator.Validation v = PolicyValidator.validate(PolicyPack.ofFiles("fuzz-pack", files));
        assertThat(v.errors()).isNotEmpty().allSatisfy(p -> Located.problem(p, p.path(), files.get(p.path())));
        assertThat(v.errors()).filteredOn(p -> p.line() == 9).isNotEmpty().allSatisfy(p -> assertThat(p.column())
                .isEqualTo(5));
    }
}
