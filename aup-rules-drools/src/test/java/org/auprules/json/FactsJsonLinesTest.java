package org.auprules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.MalformedInputException;
import org.auprules.api.facts.FactSet;
import org.junit.jupiter.api.Test;

/** A line of the JSON Lines form reads as the one-account document it stands for; errors name the line and path. */
class FactsJsonLinesTest {

    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    static final String LINE =
            "{\"account\": {\"id\": \"acc-1\", \"plan\": \"shared-basic\", \"ips\": [\"203.0.113.7\"]}, "
                    + "\"processes\": [{\"id\": \"p-1\", \"accountId\": \"acc-1\", \"name\": \"xmrig\", \"cpuPercent\": 97.5}],"
                    + " \"resourceUsage\": [{\"accountId\": \"acc-1\", \"cpuPercent\": 12}]}";

    static final String SAME_AS_DOCUMENT =
            "{\"evaluatedAt\": \"2026-11-28T12:00:00Z\", \"accounts\": [{\"id\": \"acc-1\","
                    + " \"plan\": \"shared-basic\", \"ips\": [\"203.0.113.7\"]}], \"processes\": [{\"id\": \"p-1\", \"accountId\":"
                    + " \"acc-1\", \"name\": \"xmrig\", \"cpuPercent\": 97.5}], \"resourceUsage\": [{\"accountId\": \"acc-1\","
                    + " \"cpuPercent\": 12}]}";

    @Test
    void accountLine_readsAsTheOneAccountDocument() {
        FactsJsonLines.Line line = FactsJsonLines.read(LINE, 3, "fleet.jsonl", AT);

        assertThat(line).isInstanceOf(FactsJsonLines.AccountLine.class);
        FactsJsonLines.AccountLine account = (FactsJsonLines.AccountLine) line;
        assertThat(account.facts()).isEqualTo(FactsJson.read(SAME_AS_DOCUMENT, null));
        assertThat(account.number()).isEqualTo(3);
        assertThat(account.text()).isEqualTo(LINE);
    }

    @Test
    void headerLine_givesTheMomentAndNoAccount() {
        assertThat(FactsJsonLines.read("{\"evaluatedAt\": \"2026-11-28T12:00:00Z\"}", 1, null, null))
                .isEqualTo(new FactsJsonLines.Header(AT));
    }

    @Test
    void writeLine_readsBackToEqualFacts() {
        FactSet facts = ((FactsJsonLines.AccountLine) FactsJsonLines.read(LINE, 1, null, null)).facts();

        String written = FactsJsonLines.writeLine(facts);

        assertThat(written).doesNotContain("\n").startsWith("{\"account\":{\"id\":\"acc-1\"");
        assertThat(((FactsJsonLines.AccountLine) FactsJsonLines.read(written, 1, null, null)).facts())
                .isEqualTo(facts);
        assertThatThrownBy(() -> FactsJsonLines.writeLine(FactSet.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one account, got 0");
    }

    @Test
    void unknownFieldInAFact_namesTheLineOfTheStreamAndThePathInTheLine() {
        String line = "{\"account\": {\"id\": \"acc-1\"}, \"processes\": [{\"id\": \"p\", \"accountId\": \"acc-1\","
                + " \"cpuPercnt\": 3}]}";

        assertThatThrownBy(() -> FactsJsonLines.read(line, 17, "fleet.jsonl", AT))
                .isInstanceOfSatisfying(InvalidFactsException.class, e -> {
                    assertThat(e.path()).isEqualTo("$.processes[0].cpuPercnt");
                    assertThat(e.line()).isEqualTo(17);
                    assertThat(e.column()).isEqualTo(line.indexOf("3}") + 1);
                    assertThat(e.source()).contains("fleet.jsonl");
                    assertThat(e.getMessage())
                            .startsWith("$.processes[0].cpuPercnt: unknown field `cpuPercnt`")
                            .endsWith("(line 17)");
                });
    }

    @Test
    void errorInTheAccount_isAtTheLinesAccountField_notTheDocumentsAccounts() {
        String line = "{\"account\": {\"id\": \"acc-1\", \"ips\": [\"203.0.113.*\"]}}";
        InvalidFactsException found = new InvalidFactsException("$.accounts[0].ips[0]", "`203.0.113.*` is neither");

        assertThat(FactsJsonLines.locate(found, line, 2, null))
                .satisfies(e -> assertThat(e.path()).isEqualTo("$.account.ips[0]"))
                .satisfies(e -> assertThat(e.column()).isEqualTo(line.indexOf("\"203") + 1))
                .hasMessage("$.account.ips[0]: `203.0.113.*` is neither (line 2)");
        assertThatThrownBy(() -> FactsJsonLines.read("{\"account\": {\"id\": \"a\", \"plan\": 7}}", 5, null, null))
                .isInstanceOfSatisfying(
                        InvalidFactsException.class, e -> assertThat(e.path()).isEqualTo("$.account.plan"))
                .hasMessageContaining("expected a string")
                .hasMessageContaining("(line 5)");
        assertThatThrownBy(() -> FactsJsonLines.read("{\"account\": {\"plan\": \"x\"}}", 6, null, null))
                .isInstanceOfSatisfying(
                        InvalidFactsException.class, e -> assertThat(e.path()).isEqualTo("$.account"))
                .hasMessageContaining("missing required field `id` (line 6)");
    }

    @Test
    void factOfAnotherAccount_isRefusedWhenTheLineIsEvaluated() {
        InvalidFactsException found = new InvalidFactsException(
                "$.emails[0].accountId", "unknown account `acc-9`: expected the id of an entry of `$.accounts`");
        String line = "{\"account\": {\"id\": \"acc-1\"}, \"emails\": [{\"id\": \"m\", \"accountId\": \"acc-9\"}]}";

        InvalidFactsException located = FactsJsonLines.locate(found, line, 4, "fleet.jsonl");

        assertThat(located.path()).isEqualTo("$.emails[0].accountId");
        assertThat(located.line()).isEqualTo(4);
        assertThat(located.getMessage())
                .isEqualTo("$.emails[0].accountId: unknown account `acc-9`: a line holds the facts of its own "
                        + "`account` only (line 4)");
    }

    @Test
    void linesThatAreNotOneAccount_areRefusedWithWhatALineHolds() {
        assertThatThrownBy(() -> FactsJsonLines.read("[1, 2]", 3, null, null))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageContaining("expected one JSON object per line, got `[1, 2]` (line 3)");
        assertThatThrownBy(() -> FactsJsonLines.read("{\"account\": {\"id\": \"a\"}} {\"account\": {}}", 3, null, null))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageContaining("more than one JSON value on the line");
        assertThatThrownBy(() -> FactsJsonLines.read("{\"emails\": []}", 6, null, null))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageContaining("$: missing required field `account`");
        assertThatThrownBy(() -> FactsJsonLines.read("{\"accounts\": [{\"id\": \"a\"}]}", 2, null, null))
                .isInstanceOfSatisfying(
                        InvalidFactsException.class, e -> assertThat(e.path()).isEqualTo("$.accounts"))
                .hasMessageContaining("a line holds one account, as `account`");
        assertThatThrownBy(() -> FactsJsonLines.read("{\"account\": {\"id\": \"a\"}, \"emial\": []}", 2, null, null))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageContaining("$.emial: unknown field `emial`; expected one of accessAttempts, account,");
        assertThatThrownBy(() -> FactsJsonLines.read(
                        "{\"account\": {\"id\": \"a\"}, \"evaluatedAt\": \"2026-11-28T12:00:00Z\"}", 2, null, null))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageContaining("$.evaluatedAt: `evaluatedAt` holds for the whole stream");
    }

    @Test
    void textThatIsNotJson_isMalformed_atTheLineAndColumn() {
        assertThatThrownBy(() -> FactsJsonLines.read("{\"account\": {\"id\": \"a\"}", 9, "f.jsonl", null))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.line()).isEqualTo(9);
                    assertThat(e.column()).isPositive();
                })
                .hasMessageStartingWith("malformed JSON: ")
                .hasMessageContaining("(line 9, column");
    }

    @Test
    void forEachLine_skipsBlankLinesAndAByteOrderMark_andRefusesALateHeader() {
        String stream = "\uFEFF{\"evaluatedAt\": \"2026-11-28T12:00:00Z\"}\n\n" + LINE + "\r\n   \n"
                + LINE.replace("acc-1", "acc-2") + "\n";
        List<String> seen = new ArrayList<>();

        FactsJsonLines.forEachLine(
                in(stream),
                null,
                l -> seen.add(
                        l instanceof FactsJsonLines.AccountLine a
                                ? a.number() + ":" + a.facts().accounts().get(0).id() + "@"
                                        + a.facts().evaluatedAt()
                                : "header"));

        assertThat(seen).containsExactly("header", "3:acc-1@" + AT, "5:acc-2@" + AT);
        assertThatThrownBy(() -> FactsJsonLines.forEachLine(
                        in(LINE + "\n{\"evaluatedAt\": \"2026-11-28T12:00:00Z\"}\n"), "s", l -> {}))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageContaining("a header line comes first, before any account")
                .hasMessageContaining("(line 2)");
    }

    @Test
    void bytesThatAreNotUtf8_areMalformed_withTheirLine() {
        byte[] bad = (LINE + "\n{\"account\": {\"id\": \"").getBytes(StandardCharsets.UTF_8);
        byte[] stream = new byte[bad.length + 3];
        System.arraycopy(bad, 0, stream, 0, bad.length);
        stream[bad.length] = (byte) 0xC3;
        stream[bad.length + 1] = '"';
        stream[bad.length + 2] = '}';

        assertThatThrownBy(() -> FactsJsonLines.forEachLine(new ByteArrayInputStream(stream), null, l -> {}))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("not UTF-8 text (line 2)");
    }

    static ByteArrayInputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
