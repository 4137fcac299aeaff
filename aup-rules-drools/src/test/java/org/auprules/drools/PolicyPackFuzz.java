package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.internal.PolicyTables;
import org.auprules.fuzzing.Bounded;
import org.auprules.fuzzing.Failures;
import org.auprules.fuzzing.FuzzCases;
import org.auprules.fuzzing.FuzzTries;
import org.auprules.fuzzing.JsonMutation;
import org.auprules.fuzzing.Located;
import org.auprules.fuzzing.Seeds;
import org.auprules.fuzzing.TextMutation;

/**
 * {@code policy.json}, fuzzed: the default pack's, changed structurally and below the structure,
 * parses to a document and tables, or to problems that each name {@code policy.json} (or
 * {@code signatures.csv}) with a line and column of its text; never an exception. A document with
 * its keys reordered and reformatted is the same document with the same tables.
 */
@AddLifecycleHook(FuzzTries.class)
class PolicyPackFuzz {

    static final String POLICY = Seeds.text(Seeds.PACK.resolve("policy.json"));
    static final String SIGNATURES = Seeds.text(Seeds.PACK.resolve("signatures.csv"));
    static final JsonNode TREE = Seeds.tree(POLICY);

    /** What reading a pack of these two files gives: the document's and the tables' problems. */
    record Read(PolicyDocument.Parsed document, PolicyTables tables, List<PolicyProblem> tableProblems) {}

    static Read read(String policy) {
        PolicyPack pack = PolicyPack.ofFiles("fuzz-pack", Map.of("policy.json", policy, "signatures.csv", SIGNATURES));
        PackReading reading = pack.reading();
        return new Read(reading.document(), reading.tables(), reading.tableProblems());
    }

    @Provide
    Arbitrary<List<JsonMutation>> changes() {
        return JsonMutation.lists(3);
    }

    @Provide
    Arbitrary<List<TextMutation>> textChanges() {
        return TextMutation.lists(2);
    }

    @Property
    @FuzzCases(300)
    void mutatedPolicyJson_parsesOrNamesEachProblemWithItsLocation(
            @ForAll("changes") List<JsonMutation> changes,
            @ForAll JsonMutation.Style style,
            @ForAll("textChanges") List<TextMutation> textChanges) {
        String text = TextMutation.apply(style.write(JsonMutation.apply(TREE, changes)), textChanges);
        Failures.keep("policy-json", text, () -> {
            Read read = Bounded.call("parsing policy.json", () -> read(text)).get();
            List<PolicyProblem> problems = new ArrayList<>(read.document().problems());
            problems.addAll(read.tableProblems());
            boolean errors = problems.stream().anyMatch(PolicyProblem::isError);
            Statistics.label("outcome")
                    .collect(
                            read.document().document().isEmpty()
                                    ? "no document"
                                    : errors ? "document, table errors" : problems.isEmpty() ? "clean" : "warnings");
            if (read.document().document().isEmpty()) {
                assertThat(problems)
                        .as("a document that did not parse says why")
                        .anyMatch(PolicyProblem::isError);
            } else {
                assertThat(read.document().problems()).noneMatch(PolicyProblem::isError);
            }
            for (PolicyProblem p : problems) {
                if (p.path().equals("signatures.csv")) {
                    Located.problem(p, "signatures.csv", SIGNATURES);
                } else {
                    Located.problem(p, "policy.json", text);
                }
            }
        });
    }

    @Property
    @FuzzCases(30)
    void reorderedAndReformattedPolicyJson_isTheSameDocument(@ForAll long shuffle, @ForAll JsonMutation.Style style) {
        String text = style.write(JsonMutation.shuffleKeys(TREE, new Random(shuffle)));
        Failures.keep("policy-json-reordered", text, () -> {
            Read before = read(POLICY);
            Read after = read(text);
            assertThat(after.document().problems()).isEmpty();
            assertThat(after.tableProblems()).isEqualTo(before.tableProblems());
            PolicyDocument a = after.document().document().orElseThrow();
            PolicyDocument b = before.document().document().orElseThrow();
            assertThat(describe(a)).isEqualTo(describe(b));
            assertThat(withoutLines(after.tables())).isEqualTo(withoutLines(before.tables()));
        });
    }

    /** Found by the fuzzing: an empty {@code policy.json} was an error at line 0, column 0. */
    @Example
    void anEmptyPolicyJson_isAnErrorAtItsFirstLine() {
        assertThat(read("").document().problems())
                .extracting(PolicyProblem::toString)
                .containsExactly("policy.json:1:1: error: empty file: expected a JSON object with `name`, `version`, "
                        + "`clauses` and `thresholds`");
    }

    /** Found by the fuzzing: nesting past the parser's limit was located at 0:0. */
    @Example
    void aPolicyJsonNestedPastTheParsersLimit_isMalformedWhereTheLimitIsPassed() {
        String text = "{\n  \"clauses\": " + "[".repeat(1200) + "]".repeat(1200) + "\n}";
        assertThat(read(text).document().problems()).singleElement().satisfies(p -> {
            assertThat(p.message())
                    .isEqualTo(
                            "malformed JSON: a nesting depth of 1001 objects and arrays, more than the 1000 allowed");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(1014);
        });
    }

    /** Everything a document says, in a form that compares by value. */
    static String describe(PolicyDocument d) {
        return String.join(
                "\n",
                d.name(),
                d.version(),
                String.valueOf(d.trusted()),
                d.catalog().all().toString(),
                new java.util.TreeMap<>(d.thresholds()).toString(),
                d.plans().entrySet().stream()
                        .map(e -> e.getKey() + new java.util.TreeMap<>(e.getValue()))
                        .sorted()
                        .toList()
                        .toString(),
                new java.util.TreeSet<>(d.embargoedCountries()).toString());
    }

    /** The rows of the tables, sorted, without the line each came from (reordering moves them). */
    static List<String> withoutLines(PolicyTables t) {
        List<String> rows = new ArrayList<>();
        t.signatures().rows().forEach(r -> rows.add(r.toString()));
        t.content().rows().forEach(r -> rows.add(r.toString()));
        t.reports().rows().forEach(r -> rows.add(r.toString()));
        return rows.stream()
                .map(r -> r.replaceAll("line=\\d+", "").replaceAll("column=\\d+", ""))
                .sorted()
                .toList();
    }
}
