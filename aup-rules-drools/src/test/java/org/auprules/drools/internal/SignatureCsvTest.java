package org.auprules.drools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.auprules.api.Certainty;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Severity;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyDocument;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.rules.Signature;
import org.auprules.drools.rules.SignatureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading signatures.csv: every bad row is reported where it is, in words an analyst can act on. */
class SignatureCsvTest {

    private static final ClauseCatalog CATALOG = PolicyDocument.parse(PolicyPack.defaultPack())
            .document()
            .orElseThrow()
            .catalog();

    private static SignatureCsv.Parsed parse(String text) {
        return SignatureCsv.parse(text, CATALOG);
    }

    /** The problems of a table of the header and one row, which is line 2. */
    private static List<PolicyProblem> problemsOfRow(String row) {
        return parse(SignatureCsv.HEADER + "\n" + row + "\n").problems();
    }

    @Test
    void validTable_readsEveryRowWithItsLine() {
        SignatureCsv.Parsed parsed = parse("""
                # miners
                kind,pattern,clause,severity,certainty,description

                PROCESS,xmrig,2.20,HIGH,CONFIRMED,cryptocurrency miner
                # ports are weaker evidence
                PORT,6881-6889,3.5,MEDIUM,SUSPECTED,BitTorrent port
                """);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.table().rows())
                .containsExactly(
                        new Signature(
                                SignatureKind.PROCESS,
                                "xmrig",
                                "2.20",
                                Severity.HIGH,
                                Certainty.CONFIRMED,
                                "cryptocurrency miner",
                                4),
                        new Signature(
                                SignatureKind.PORT,
                                "6881-6889",
                                "3.5",
                                Severity.MEDIUM,
                                Certainty.SUSPECTED,
                                "BitTorrent port",
                                6));
    }

    @Test
    void quotedFields_holdCommasAndQuotes() {
        SignatureCsv.Parsed parsed = parse(SignatureCsv.HEADER + "\n"
                + "COMMAND_LINE,\"re:-t\\s*\\d{1,3}\",2.20,HIGH,CONFIRMED,\"miner, \"\"threads\"\" option\"\n");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.table().rows())
                .extracting(Signature::pattern, Signature::description)
                .containsExactly(tuple("re:-t\\s*\\d{1,3}", "miner, \"threads\" option"));
    }

    @Test
    void spacesCaseWindowsLineEndsAndAByteOrderMark_areTolerated() {
        SignatureCsv.Parsed parsed = parse("""
                \uFEFFKind, Pattern ,clause,severity,certainty,description\r
                 process , xmrig , 2.20 , high , confirmed , cryptocurrency miner \r
                """);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.table().rows())
                .extracting(
                        Signature::kind,
                        Signature::pattern,
                        Signature::severity,
                        Signature::certainty,
                        Signature::description,
                        Signature::line)
                .containsExactly(tuple(
                        SignatureKind.PROCESS, "xmrig", Severity.HIGH, Certainty.CONFIRMED, "cryptocurrency miner", 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "PROCES,xmrig,2.20,HIGH,CONFIRMED,miner | 1 | unknown kind `PROCES`; expected one of PROCESS, COMMAND_LINE, "
                        + "FILE_SIGNATURE, SOFTWARE, PORT; did you mean `PROCESS`?",
                ",xmrig,2.20,HIGH,CONFIRMED,miner | 1 | missing kind; expected one of PROCESS, COMMAND_LINE, FILE_SIGNATURE, "
                        + "SOFTWARE, PORT",
                "PROCESS,,2.20,HIGH,CONFIRMED,miner | 9 | empty pattern: write an exact name, or `re:` and a regular expression",
                "PROCESS,re:,2.20,HIGH,CONFIRMED,miner | 9 | empty pattern: write an exact name, or `re:` and a regular expression",
                "PROCESS,re:(xmrig,2.20,HIGH,CONFIRMED,miner | 9 | invalid regular expression `(xmrig`: missing closing )",
                "FILE_SIGNATURE,re:c99[,2.17,HIGH,CONFIRMED,web shell | 16 | invalid regular expression `c99[`: "
                        + "missing closing ]",
                "PROCESS,re:^xmrig(?!-proxy),2.20,HIGH,CONFIRMED,miner | 9 | invalid regular expression "
                        + "`^xmrig(?!-proxy)`: invalid or unsupported Perl syntax",
                "PROCESS,re:^(xm)rig\\1$,2.20,HIGH,CONFIRMED,miner | 9 | invalid regular expression "
                        + "`^(xm)rig\\1$`: invalid escape sequence",
                "COMMAND_LINE,re:(pool)?,2.20,HIGH,CONFIRMED,miner | 14 | regular expression `(pool)?` matches an empty text, "
                        + "so it would match every value",
                "PROCESS,xmrig,2.200,HIGH,CONFIRMED,miner | 15 | unknown clause `2.200`; did you mean `2.20`?",
                "PROCESS,xmrig,,HIGH,CONFIRMED,miner | 15 | missing clause: expected the id of a PROHIBITION clause, such as `2.12`",
                "PROCESS,xmrig,1.A.4,HIGH,CONFIRMED,miner | 15 | clause `1.A.4` is ENFORCEMENT, not a PROHIBITION: a row can only "
                        + "cite a clause that can be broken",
                "PROCESS,xmrig,2,HIGH,CONFIRMED,miner | 15 | clause `2` is HEADING, not a PROHIBITION: a row can only cite a clause "
                        + "that can be broken",
                "PROCESS,xmrig,2.20,HGH,CONFIRMED,miner | 20 | unknown severity `HGH`; expected one of LOW, MEDIUM, HIGH, CRITICAL",
                "PROCESS,xmrig,2.20,,CONFIRMED,miner | 20 | missing severity; expected one of LOW, MEDIUM, HIGH, CRITICAL",
                "PROCESS,xmrig,2.20,HIGH,MAYBE,miner | 25 | unknown certainty `MAYBE`; expected CONFIRMED or SUSPECTED",
                "PROCESS,xmrig,2.20,HIGH,,miner | 25 | missing certainty; expected CONFIRMED or SUSPECTED",
                "PROCESS,xmrig,2.20,HIGH,CONFIRMED, | 35 | empty description: with the clause it makes the violation's rule id, "
                        + "as in `2.12 IRC server process`",
                "PORT,abc,2.12,MEDIUM,SUSPECTED,IRC port | 6 | invalid port `abc`: expected a port number such as `6697` or a "
                        + "range such as `6881-6889`",
                "PORT,70000,2.12,MEDIUM,SUSPECTED,IRC port | 6 | port `70000` is out of range: ports run from 1 to 65535",
                "PORT,0-80,2.12,MEDIUM,SUSPECTED,IRC port | 6 | port `0` is out of range: ports run from 1 to 65535",
                "PORT,6889-6881,3.5,MEDIUM,SUSPECTED,BitTorrent port | 6 | port range `6889-6881` runs backwards: write the "
                        + "lower port first",
                "PORT,re:66\\d\\d,2.12,MEDIUM,SUSPECTED,IRC port | 6 | a PORT pattern is a number or a range such as `6881-6889`, "
                        + "not a regular expression",
                "COMMAND_LINE,program:xmrig options:-o,2.20,HIGH,CONFIRMED,miner | 28 | expected a term `program:…`, "
                        + "`option:…` or `argument:…`, got `options:-o`; terms are separated by blanks, so write `\\s` for "
                        + "a blank in a regular expression",
                "COMMAND_LINE,option:url,2.20,HIGH,CONFIRMED,miner | 21 | option `url` must start with `-`, as in `-o` "
                        + "or `--url`",
                "COMMAND_LINE,\"option:--url=re:(stratum\",2.20,HIGH,CONFIRMED,miner | 28 | invalid regular expression "
                        + "`(stratum`: missing closing )",
                "COMMAND_LINE,option:--algo=,2.20,HIGH,CONFIRMED,miner | 28 | empty value after `=`: write the value, or "
                        + "leave out `=`",
                "PROCESS,program:xmrig,2.20,HIGH,CONFIRMED,miner | 9 | a `program:`, `option:` or `argument:` pattern belongs "
                        + "to a COMMAND_LINE row, not PROCESS; a PROCESS row names what it matches, e.g. `xmrig`",
                "PROCESS,xmrig,2.20,HIGH,CONFIRMED | 1 | expected 6 fields (kind,pattern,clause,severity,certainty,description), "
                        + "got 5",
                "PROCESS,xmrig,2.20,HIGH,CONFIRMED,miner,extra | 41 | expected 6 fields (kind,pattern,clause,severity,certainty,"
                        + "description), got 7; put a field that holds a comma in double quotes",
                "COMMAND_LINE,\"re:x{1,3},2.20,HIGH,CONFIRMED,miner | 14 | unterminated quoted field: a field that starts with "
                        + "`\"` must end with `\"`",
                "COMMAND_LINE,\"pool\"x,2.20,HIGH,CONFIRMED,miner | 20 | unexpected text after a quoted field: expected `,`",
            })
    void badRow_isReportedAtItsLineAndTheColumnOfTheBadField(String row, int column, String message) {
        assertThat(problemsOfRow(row))
                .extracting(
                        PolicyProblem::path,
                        PolicyProblem::line,
                        PolicyProblem::column,
                        PolicyProblem::severity,
                        PolicyProblem::message)
                .containsExactly(tuple("signatures.csv", 2, column, PolicyProblem.Level.ERROR, message));
    }

    @Test
    void commandPatternRows_areRead_andTheirOptionNamesKeepTheirCase() {
        SignatureCsv.Parsed parsed = parse(SignatureCsv.HEADER + "\n"
                + "COMMAND_LINE,program:hydra option:-l,2.17,HIGH,CONFIRMED,hacking tool\n"
                + "COMMAND_LINE,program:hydra option:-L,2.17,HIGH,CONFIRMED,hacking tool\n"
                + "COMMAND_LINE,stratum+tcp://,2.20,HIGH,CONFIRMED,cryptocurrency miner\n");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.table().rows())
                .extracting(Signature::pattern, Signature::isCommandPattern, Signature::cited)
                .containsExactly(
                        tuple("program:hydra option:-l", true, "signatures.csv line 2"),
                        tuple("program:hydra option:-L", true, "signatures.csv line 3"),
                        tuple("stratum+tcp://", false, "signature `stratum+tcp://`"));
        assertThat(parse(SignatureCsv.HEADER + "\n"
                                + "COMMAND_LINE,program:hydra option:-l,2.17,HIGH,CONFIRMED,hacking tool\n"
                                + "COMMAND_LINE,program:hydra option:-l,2.17,HIGH,CONFIRMED,hacking tool\n")
                        .problems())
                .extracting(PolicyProblem::line, PolicyProblem::severity)
                .containsExactly(tuple(3, PolicyProblem.Level.WARNING));
    }

    @Test
    void everyBadFieldOfARow_isReported() {
        assertThat(problemsOfRow("PROCES,re:(,2.99,HGH,MAYBE,"))
                .extracting(PolicyProblem::column)
                .containsExactly(1, 8, 13, 18, 22, 28);
    }

    @Test
    void problem_printsAsPathLineColumn() {
        assertThat(problemsOfRow("PROCESS,re:(xmrig,2.20,HIGH,CONFIRMED,miner").get(0))
                .hasToString("signatures.csv:2:9: error: invalid regular expression `(xmrig`: missing closing )");
    }

    @Test
    void lineNumbers_countCommentsAndBlankLines() {
        List<PolicyProblem> problems = parse("""
                # a comment
                kind,pattern,clause,severity,certainty,description

                # another comment
                PROCESS,xmrig,2.20,HIGH,CONFIRMED,cryptocurrency miner
                PROCESS,nmap,2.14,HGH,CONFIRMED,IP scanner
                """).problems();

        assertThat(problems)
                .extracting(PolicyProblem::line, PolicyProblem::column)
                .containsExactly(tuple(6, 19));
    }

    @Test
    void tableWithAnError_hasNoRowsAtAll() {
        SignatureCsv.Parsed parsed = parse(SignatureCsv.HEADER + "\n"
                + "PROCESS,xmrig,2.20,HIGH,CONFIRMED,cryptocurrency miner\n"
                + "PROCESS,nmap,2.14,HGH,CONFIRMED,IP scanner\n");

        assertThat(parsed.table().rows()).isEmpty();
    }

    @Test
    void missingHeader_isReported() {
        assertThat(parse("PROCESS,xmrig,2.20,HIGH,CONFIRMED,cryptocurrency miner\n")
                        .problems())
                .extracting(PolicyProblem::line, PolicyProblem::column, PolicyProblem::message)
                .containsExactly(tuple(
                        1,
                        1,
                        "expected the header `kind,pattern,clause,severity,certainty,description` "
                                + "as the first line, got `PROCESS,xmrig,2.20,HIGH,CONFIRMED,cryptocurrency miner`"));
        assertThat(parse("# only a comment\n").problems())
                .extracting(PolicyProblem::message)
                .containsExactly("missing header: the first line must be `kind,pattern,clause,severity,certainty,"
                        + "description`");
    }

    @Test
    void duplicateRow_isAWarningAndTheTableStillLoads() {
        SignatureCsv.Parsed parsed = parse(SignatureCsv.HEADER + "\n"
                + "PROCESS,xmrig,2.20,HIGH,CONFIRMED,cryptocurrency miner\n"
                + "PROCESS,XMRig,2.20,MEDIUM,CONFIRMED,miner\n");

        assertThat(parsed.problems())
                .extracting(PolicyProblem::line, PolicyProblem::severity, PolicyProblem::message)
                .containsExactly(tuple(
                        3,
                        PolicyProblem.Level.WARNING,
                        "duplicate of line 2: the same kind, pattern and clause; remove one of them"));
        assertThat(parsed.table().rows()).hasSize(2);
    }

    @Test
    void badTable_failsTheCompileOfThePack() {
        Map<String, String> files = new HashMap<>();
        PolicyPack.defaultPack()
                .files()
                .keySet()
                .forEach(p -> files.put(p, PolicyPack.defaultPack().text(p).orElseThrow()));
        files.put(
                "signatures.csv", SignatureCsv.HEADER + "\nPROCESS,xmrig,2.21x,HIGH,CONFIRMED,cryptocurrency miner\n");

        InvalidPolicyException e = assertThrows(
                InvalidPolicyException.class, () -> CompiledPolicy.compile(PolicyPack.ofFiles("test-pack", files)));

        assertThat(e.problems())
                .extracting(PolicyProblem::toString)
                .containsExactly("signatures.csv:2:15: error: unknown clause `2.21x`");
    }
}
