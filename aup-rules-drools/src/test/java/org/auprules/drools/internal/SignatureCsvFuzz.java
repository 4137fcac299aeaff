package org.auprules.drools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.auprules.api.PolicyProblem;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.drools.PolicyDocument;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.rules.Signature;
import org.auprules.fuzzing.Bounded;
import org.auprules.fuzzing.Failures;
import org.auprules.fuzzing.FuzzCases;
import org.auprules.fuzzing.FuzzTries;
import org.auprules.fuzzing.Located;
import org.auprules.fuzzing.Seeds;
import org.auprules.fuzzing.TextMutation;

/**
 * {@code signatures.csv}, fuzzed: the default pack's table with fields replaced by hostile values
 * and its text changed below the CSV structure parses to a table, or to problems that each name
 * {@code signatures.csv} with a line and column of the text; never an exception. A table that
 * parses matches process names and command lines without failing. Reordering rows, CRLF line ends,
 * blank and comment lines, and a byte-order mark give the same rows; generated rows read back as
 * written.
 */
@AddLifecycleHook(FuzzTries.class)
class SignatureCsvFuzz {

    static final String CSV = Seeds.text(Seeds.PACK.resolve("signatures.csv"));
    static final ClauseCatalog CATALOG = PolicyDocument.parse(PolicyPack.defaultPack())
            .document()
            .orElseThrow()
            .catalog();

    /** Values that a field of a row gets instead of its own. */
    static final List<String> FIELDS = List.of(
            "",
            " ",
            "\"",
            "\"unterminated",
            "\"quoted, with a comma\"",
            "\"a \"\"quote\"\" inside\"",
            "re:",
            "re:(",
            "re:[a-",
            "re:\\",
            "re:^x{99999}$",
            "re:(?i)xmrig",
            "PROCESS",
            "process",
            "PORT",
            "65535",
            "0-65535",
            "70000",
            "6889-6881",
            "-1",
            "2.20",
            "2.99",
            "1.A.4",
            "P.1",
            "HIGH",
            "high",
            "CRITICAL ",
            "CONFIRMED",
            "x".repeat(5000),
            "\u0000",
            "é\u0301",
            "\uFEFF",
            "#comment");

    /** Replaces field {@code field} of data row {@code row} (both modulo their counts) with a hostile value. */
    record FieldChange(int row, int field, int value) {
        String applyTo(String csv) {
            List<String> lines = new ArrayList<>(Arrays.asList(csv.split("\n", -1)));
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).strip();
                if (!l.isEmpty() && !l.startsWith("#") && !l.startsWith("kind,")) {
                    rows.add(i);
                }
            }
            if (rows.isEmpty()) {
                return csv;
            }
            int at = rows.get(row % rows.size());
            List<String> fields = new ArrayList<>(Arrays.asList(lines.get(at).split(",", -1)));
            fields.set(field % fields.size(), FIELDS.get(value % FIELDS.size()));
            lines.set(at, String.join(",", fields));
            return String.join("\n", lines);
        }
    }

    @Provide
    Arbitrary<List<FieldChange>> fieldChanges() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Combinators.combine(any, any, any)
                .as(FieldChange::new)
                .list()
                .ofMinSize(0)
                .ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<TextMutation>> textChanges() {
        return TextMutation.lists(3);
    }

    static SignatureCsv.Parsed parse(String text) {
        return Bounded.call("parsing signatures.csv", () -> SignatureCsv.parse(text, CATALOG))
                .get();
    }

    @Property
    @FuzzCases(300)
    void mutatedSignatures_parseOrNameEachProblemWithItsLocation(
            @ForAll("fieldChanges") List<FieldChange> fields,
            @ForAll("textChanges") List<TextMutation> textChanges,
            @ForAll("processNames") String name) {
        String csv = CSV;
        for (FieldChange f : fields) {
            csv = f.applyTo(csv);
        }
        String text = TextMutation.apply(csv, textChanges);
        Failures.keep("signatures", text, () -> {
            SignatureCsv.Parsed parsed = parse(text);
            boolean errors = parsed.problems().stream().anyMatch(PolicyProblem::isError);
            Statistics.label("outcome")
                    .collect(errors ? "errors" : parsed.problems().isEmpty() ? "clean" : "warnings");
            parsed.problems().forEach(p -> Located.problem(p, "signatures.csv", text));
            if (errors) {
                assertThat(parsed.table().rows()).isEmpty();
                return;
            }
            assertThat(parsed.table().rows())
                    .allSatisfy(r -> assertThat(r.line()).isBetween(1, Seeds.lines(text)));
            HostedProcess process = HostedProcess.builder()
                    .id("p")
                    .accountId("a")
                    .name(name)
                    .commandLine("/usr/bin/" + name + " --pool stratum+tcp://pool.example:3333")
                    .listeningPorts(List.of(6667, 80))
                    .build();
            Bounded.call("matching " + name, () -> parsed.table().matchingProcess(process))
                    .get();
        });
    }

    @Provide
    Arbitrary<String> processNames() {
        return Arbitraries.oneOf(
                Arbitraries.of("xmrig", "/tmp/.x/XMRig", "nginx", "unrealircd", "", "a", "bearerbox"),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Property
    @FuzzCases(30)
    void reorderedRowsAndOtherLineEnds_giveTheSameRows(
            @ForAll long shuffle, @ForAll boolean crlf, @ForAll boolean bom, @ForAll boolean blankLines) {
        List<String> lines = new ArrayList<>(Arrays.asList(CSV.split("\n", -1)));
        int header = lines.indexOf(SignatureCsv.HEADER);
        List<String> rows = new ArrayList<>(lines.subList(header + 1, lines.size()));
        Collections.shuffle(rows, new Random(shuffle));
        List<String> out = new ArrayList<>(lines.subList(0, header + 1));
        for (String r : rows) {
            out.add(r);
            if (blankLines) {
                out.add("   ");
                out.add("# between rows");
            }
        }
        String text = (bom ? "\uFEFF" : "") + String.join(crlf ? "\r\n" : "\n", out);
        Failures.keep("signatures-reordered", text, () -> {
            SignatureCsv.Parsed before = parse(CSV);
            SignatureCsv.Parsed after = parse(text);
            assertThat(after.problems()).isEmpty();
            assertThat(withoutLines(after.table().rows()))
                    .isEqualTo(withoutLines(before.table().rows()));
        });
    }

    @Property
    @FuzzCases(30)
    void generatedRows_readBackAsWritten(
            @ForAll("rows") List<String[]> rows, @ForAll @IntRange(min = 0, max = 3) int padding) {
        StringBuilder text = new StringBuilder(SignatureCsv.HEADER).append('\n');
        for (String[] r : rows) {
            String pad = " ".repeat(padding);
            text.append(String.join("," + pad, r)).append('\n');
        }
        Failures.keep("signatures-generated", text.toString(), () -> {
            SignatureCsv.Parsed parsed = parse(text.toString());
            assertThat(parsed.problems()).noneMatch(PolicyProblem::isError);
            assertThat(parsed.table().rows())
                    .extracting(s -> s.kind() + "," + s.pattern() + "," + s.clause() + "," + s.severity() + ","
                            + s.certainty() + "," + s.description())
                    .containsExactlyElementsOf(rows.stream()
                            .map(r -> String.join(",", r).replace("\"", ""))
                            .toList());
        });
    }

    @Provide
    Arbitrary<List<String[]>> rows() {
        Arbitrary<String> names = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyz0123456789-_.")
                .ofMinLength(1)
                .ofMaxLength(20)
                .filter(s -> !s.startsWith("re:"));
        Arbitrary<String> clauses = Arbitraries.of("2.4", "2.12", "2.13", "2.17", "2.20", "3.1", "3.5", "3.6");
        Arbitrary<String> severities = Arbitraries.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
        Arbitrary<String> certainties = Arbitraries.of("CONFIRMED", "SUSPECTED");
        Arbitrary<String> kinds = Arbitraries.of("PROCESS", "COMMAND_LINE", "FILE_SIGNATURE", "SOFTWARE");
        Arbitrary<String> descriptions = Arbitraries.of("miner", "\"a, quoted description\"", "irc server");
        return Combinators.combine(kinds, names, clauses, severities, certainties, descriptions)
                .as((k, n, c, s, ce, d) -> new String[] {k, n, c, s, ce, d})
                .list()
                .ofMaxSize(30)
                .uniqueElements(r -> r[0] + "\u0000" + r[1] + "\u0000" + r[2]);
    }

    /**
     * Found by the fuzzing (finding F-1): a {@code re:} pattern with a repeated lazy group, which the
     * parser accepts, made matching a customer's process name super-linear with java.util.regex (40
     * commas: minutes; 30 commas: 6 s), so one process name held the evaluation of the whole call
     * until its deadline and failed it. Rows now match with RE2/J, in time linear in the name.
     */
    @Example
    void aNestedQuantifierInARow_doesNotHoldTheMatchOfAProcessName() {
        SignatureCsv.Parsed parsed =
                parse(SignatureCsv.HEADER + "\nPROCESS,\"re:^(.*?,){11}P\",2.20,HIGH,SUSPECTED,miner\n");
        assertThat(parsed.problems()).isEmpty();
        for (int commas : new int[] {40, 100_000}) {
            HostedProcess process = HostedProcess.builder()
                    .id("p")
                    .accountId("a")
                    .name(",".repeat(commas) + "!")
                    .build();
            assertThat(Bounded.call("matching", () -> parsed.table().matchingProcessName(process))
                            .get())
                    .isEmpty();
        }
        HostedProcess matching = HostedProcess.builder()
                .id("p")
                .accountId("a")
                .name(",".repeat(11) + "P")
                .build();
        assertThat(parsed.table().matchingProcessName(matching)).hasSize(1);
    }

    static List<String> withoutLines(List<Signature> rows) {
        return rows.stream()
                .map(r -> r.kind() + "," + r.pattern() + "," + r.clause() + "," + r.severity() + "," + r.certainty()
                        + "," + r.description())
                .sorted()
                .toList();
    }
}
