package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.auprules.examples.history.HistoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --history DB --since-last} as the desk runs it, night after night, against one
 * database; {@link HistorySqliteTest} and {@link HistoryPostgresTest} run it on SQLite and PostgreSQL.
 */
abstract class HistoryStoreContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** {@return a new, empty store: a file path or a JDBC URL} */
    abstract String newStore() throws Exception;

    /** Makes every later insert of a finding of {@code accountId} fail in the database itself. */
    abstract void failInsertsOf(String db, String accountId) throws Exception;

    /** Undoes {@link #failInsertsOf}. */
    abstract void allowInserts(String db) throws Exception;

    /** Night one: a bulk mailer (1.A.2, 1.A.5) and an account over its process limit (3.1); acc-fine is clean. */
    static final String NIGHT_1 = sample("samples/desk/night-1.json");

    /** Night two: the mailer sent one more bulk message, acc-busy calmed down, acc-fine sent mail without opt-out. */
    static final String NIGHT_2 = sample("samples/desk/night-2.json");

    @Test
    void theSecondNightReportsWhatOpenedChangedAndResolved() throws Exception {
        String db = newStore();
        CliRun first = evaluate(db, NIGHT_1, "--since-last");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out())
                .contains(": 3 opened, 0 changed, 0 resolved")
                .containsPattern("OPENED +acc-busy  3\\.1  MEDIUM")
                .containsPattern("OPENED +acc-spam  1\\.A\\.2  HIGH");

        CliRun second = evaluate(db, NIGHT_2, "--since-last", "--format", "json");
        assertThat(second.code()).as(second.toString()).isZero();
        JsonNode doc = JSON.readTree(second.out());
        assertThat(doc.get("violations")).isNotEmpty();
        List<String> changes = new ArrayList<>();
        for (JsonNode c : doc.get("changes")) {
            changes.add(c.get("change").asText() + " " + c.get("accountId").asText() + " "
                    + c.get("clause").asText());
        }
        // acc-spam's 1.A.2 and 1.A.5 grew by b-2; acc-busy is no longer over its limit; acc-fine is new
        assertThat(changes)
                .containsExactly(
                        "RESOLVED acc-busy 3.1",
                        "OPENED acc-fine 1.A.1",
                        "CHANGED acc-spam 1.A.2",
                        "CHANGED acc-spam 1.A.5");
        JsonNode changed = doc.get("changes").get(2);
        assertThat(changed.get("previous").get("evidence").findValuesAsText("id"))
                .containsExactly("b-1");
        assertThat(changed.get("violation").get("evidence").findValuesAsText("id"))
                .containsExactly("b-1", "b-2");

        // the same night again: nothing changed, and nothing escalates itself from the night before
        CliRun again = evaluate(db, NIGHT_2, "--since-last");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains(": 0 opened, 0 changed, 0 resolved").doesNotContain("OPENED");
        assertThat(HistoryStore.open(db).runs()).isEqualTo(3);

        // without --since-last the run is recorded and the output is the plain report
        CliRun plain = evaluate(db, NIGHT_2);
        assertThat(plain.out()).doesNotContain("since the last run");
        assertThat(HistoryStore.open(db).runs()).isEqualTo(4);

        // back to night one, as JSON Lines: the accounts' lines, then one line per change
        CliRun lines = evaluate(db, NIGHT_1, "--since-last", "--format", "jsonl");
        assertThat(lines.code()).as(lines.toString()).isZero();
        List<String> tail = new ArrayList<>();
        for (String line : lines.lines()) {
            JsonNode n = JSON.readTree(line);
            if (n.has("change")) {
                tail.add(n.get("change").asText() + " " + n.get("accountId").asText() + " "
                        + n.get("clause").asText());
            } else {
                assertThat(tail).as("account lines come before the changes").isEmpty();
            }
        }
        assertThat(tail)
                .containsExactly(
                        "OPENED acc-busy 3.1",
                        "RESOLVED acc-fine 1.A.1",
                        "CHANGED acc-spam 1.A.2",
                        "CHANGED acc-spam 1.A.5");
    }

    @Test
    void aSecondCanSpamViolationWithinNinetyDaysEscalatesFromTheStore() throws Exception {
        String db = newStore();
        assertThat(evaluate(db, mail("2026-11-01T03:00:00Z", "m-1")).code()).isZero();
        // still the same offence the next night: not a repeat
        CliRun ongoing = evaluate(db, mail("2026-11-02T03:00:00Z", "m-1"), "--format", "json");
        JsonNode same = JSON.readTree(ongoing.out());
        assertThat(same.get("violations").get(0).get("severity").asText()).isEqualTo("MEDIUM");
        assertThat(same.has("escalations")).isFalse();
        assertThat(evaluate(db, quiet("2026-11-03T03:00:00Z")).out()).contains("0 violations");

        // 90 days after the first offence (2026-11-01T03:00Z), to the second: a repeat
        CliRun repeat = evaluate(db, mail("2027-01-30T03:00:00Z", "m-2"), "--format", "json", "--since-last");
        assertThat(repeat.code()).as(repeat.toString()).isZero();
        JsonNode doc = JSON.readTree(repeat.out());
        JsonNode v = doc.get("violations").get(0);
        assertThat(v.get("severity").asText()).isEqualTo("HIGH");
        assertThat(v.get("actions").toString()).contains("\"action\":\"REPORT_TO_FTC\",\"modality\":\"RECOMMENDED\"");
        assertThat(doc.get("escalations").get(0).get("escalation").asText()).isEqualTo("can-spam-repeat");
        assertThat(doc.get("changes").get(0).get("change").asText()).isEqualTo("OPENED");
    }

    @Test
    void aFirstOffenceOlderThanNinetyDaysDoesNotEscalate() throws Exception {
        String db = newStore();
        assertThat(evaluate(db, mail("2026-11-01T03:00:00Z", "m-1")).code()).isZero();
        assertThat(evaluate(db, quiet("2026-11-03T03:00:00Z")).code()).isZero();
        // one second past the 90 days
        JsonNode doc = JSON.readTree(evaluate(db, mail("2027-01-30T03:00:01Z", "m-2"), "--format", "json")
                .out());
        assertThat(doc.get("violations").get(0).get("severity").asText()).isEqualTo("MEDIUM");
        assertThat(doc.has("escalations")).isFalse();
    }

    @Test
    void aRunThatFailsHalfwayRecordsNothing() throws Exception {
        String db = newStore();
        assertThat(evaluate(db, NIGHT_1).code()).isZero();
        HistoryStore store = HistoryStore.open(db);
        int findings = store.findings();
        assertThat(findings).isEqualTo(3);

        // acc-busy's finding and acc-fine's are inserted before acc-spam's fails
        failInsertsOf(db, "acc-spam");
        CliRun failed = evaluate(db, NIGHT_2, "--since-last");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(HistoryOption.HISTORY_FAILED);
        assertThat(failed.out()).isEmpty();
        assertThat(failed.err()).contains("cannot record the run, nothing of it was recorded");
        assertThat(store.runs()).isEqualTo(1);
        assertThat(store.findings()).isEqualTo(findings);

        // the next run compares with night one: the failed run left no trace
        allowInserts(db);
        CliRun next = evaluate(db, NIGHT_2, "--since-last");
        assertThat(next.code()).as(next.toString()).isZero();
        assertThat(next.out()).contains(": 1 opened, 2 changed, 1 resolved");
        assertThat(store.runs()).isEqualTo(2);
    }

    @Test
    void aJsonLinesRunIsRecordedAndComparedLikeTheWholeDocument() throws Exception {
        String db = newStore();
        String night1 = lines(NIGHT_1);
        CliRun first = evaluate(db, night1, "--since-last", "--format", "jsonl");
        assertThat(first.code()).as(first.toString()).isZero();
        List<String> tail = new ArrayList<>();
        boolean summary = false;
        for (String line : first.lines()) {
            JsonNode n = JSON.readTree(line);
            if (n.has("change")) {
                assertThat(summary)
                        .as("the changes come after the summary line")
                        .isTrue();
                tail.add(n.get("change").asText() + " " + n.get("accountId").asText() + " "
                        + n.get("clause").asText());
            } else {
                assertThat(tail).as("account lines come before the changes").isEmpty();
                summary = n.has("summary");
            }
        }
        assertThat(tail).containsExactly("OPENED acc-busy 3.1", "OPENED acc-spam 1.A.2", "OPENED acc-spam 1.A.5");
        HistoryStore store = HistoryStore.open(db);
        assertThat(store.runs()).isEqualTo(1);
        assertThat(store.findings()).isEqualTo(3);

        // the next night as a whole document compares with the streamed run as with any other
        CliRun second = evaluate(db, NIGHT_2, "--since-last");
        assertThat(second.out()).contains(": 1 opened, 2 changed, 1 resolved");

        // and the same night again as JSON Lines, text and json: nothing changed
        CliRun text = evaluate(db, lines(NIGHT_2), "--since-last");
        assertThat(text.code()).as(text.toString()).isZero();
        assertThat(text.out()).contains(": 0 opened, 0 changed, 0 resolved").doesNotContain("OPENED");
        CliRun json = evaluate(db, lines(NIGHT_1), "--since-last", "--format", "json");
        assertThat(json.code()).as(json.toString()).isZero();
        List<String> changes = new ArrayList<>();
        for (JsonNode c : JSON.readTree(json.out()).get("changes")) {
            changes.add(c.get("change").asText() + " " + c.get("accountId").asText());
        }
        assertThat(changes)
                .containsExactly("OPENED acc-busy", "RESOLVED acc-fine", "CHANGED acc-spam", "CHANGED acc-spam");
        assertThat(store.runs()).isEqualTo(4);
        // without --since-last: recorded, and nothing added to the stream's output
        CliRun plain = evaluate(db, lines(NIGHT_1), "--format", "jsonl");
        assertThat(plain.lines()).noneMatch(l -> l.contains("\"change\""));
        assertThat(store.runs()).isEqualTo(5);
    }

    @Test
    void aJsonLinesRunEscalatesFromTheStore() throws Exception {
        String db = newStore();
        assertThat(evaluate(db, lines(mail("2026-11-01T03:00:00Z", "m-1"))).code())
                .isZero();
        assertThat(evaluate(db, lines(quiet("2026-11-03T03:00:00Z"))).code()).isZero();
        // explain reads the store and says where the escalation comes from, and writes nothing
        CliRun why = CliRun.of(
                "explain",
                "--account",
                "acc-1",
                "--clause",
                "1.A.1",
                "--history",
                db,
                write(mail("2027-01-30T03:00:00Z", "m-2")).toString());
        assertThat(why.code()).as(why.toString()).isZero();
        assertThat(why.out())
                .contains(
                        "  raised   1.A.1 commercial email without an opt-out mechanism  [escalation can-spam-repeat]\n"
                                + "           a second CAN-SPAM violation within 90 days is at least HIGH, and the desk should"
                                + " report it to the FTC\n"
                                + "           1 prior violation in the 90 days before, 1 needed: 1.A.1 at 2026-11-01T03:00:00Z\n"
                                + "           severity MEDIUM -> HIGH; adds REPORT_TO_FTC (RECOMMENDED, 1.A.4)\n");
        assertThat(HistoryStore.open(db).runs()).isEqualTo(2);

        CliRun repeat = evaluate(db, lines(mail("2027-01-30T03:00:00Z", "m-2")), "--format", "jsonl");
        assertThat(repeat.code()).as(repeat.toString()).isZero();
        JsonNode account = JSON.readTree(repeat.lines().get(1));
        assertThat(account.get("violations").get(0).get("severity").asText()).isEqualTo("HIGH");
        assertThat(account.get("violations").get(0).get("actions").toString())
                .contains("\"action\":\"REPORT_TO_FTC\",\"modality\":\"RECOMMENDED\"");
        assertThat(HistoryStore.open(db).runs()).isEqualTo(3);
    }

    @Test
    void aJsonLinesRunThatStopsOrCannotBeRecordedRecordsNothing() throws Exception {
        String db = newStore();
        assertThat(evaluate(db, lines(NIGHT_1)).code()).isZero();
        HistoryStore store = HistoryStore.open(db);
        int findings = store.findings();

        // a bad line halfway: the lines before it were printed, nothing was recorded
        String[] l = lines(NIGHT_2).split("\n");
        l[2] = l[2].replaceFirst("\"plan\":\"[^\"]*\"", "\"plan\":7");
        CliRun bad = evaluate(db, String.join("\n", l) + "\n", "--since-last", "--format", "jsonl");
        assertThat(bad.code()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains(":3:").contains("$.account.plan");
        assertThat(bad.lines()).noneMatch(x -> x.contains("\"change\"") || x.contains("\"summary\""));
        assertThat(store.runs()).isEqualTo(1);
        assertThat(store.findings()).isEqualTo(findings);

        // the database fails while recording: exit 5, the accounts' lines but no summary, nothing recorded
        failInsertsOf(db, "acc-spam");
        CliRun failed = evaluate(db, lines(NIGHT_2), "--since-last", "--format", "jsonl");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(HistoryOption.HISTORY_FAILED);
        assertThat(failed.err()).contains("cannot record the run, nothing of it was recorded");
        assertThat(failed.lines()).anyMatch(x -> x.contains("\"accountId\":\"acc-spam\""));
        assertThat(failed.lines()).noneMatch(x -> x.contains("\"summary\"") || x.contains("\"change\""));
        assertThat(store.runs()).isEqualTo(1);
        assertThat(store.findings()).isEqualTo(findings);

        allowInserts(db);
        CliRun next = evaluate(db, lines(NIGHT_2), "--since-last");
        assertThat(next.code()).as(next.toString()).isZero();
        assertThat(next.out()).contains(": 1 opened, 2 changed, 1 resolved");
    }

    /** The facts document as JSON Lines, as {@code aup-rules convert} writes it. */
    String lines(String document) throws IOException {
        CliRun converted = CliRun.of("convert", write(document).toString());
        assertThat(converted.code()).as(converted.toString()).isZero();
        return converted.out();
    }

    @Test
    void sinceLastNeedsAStore() throws Exception {
        CliRun r = CliRun.of("evaluate", "--since-last", write(NIGHT_1).toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("give --history DB");
        assertThat(r.out()).isEmpty();
    }

    /** acc-1 sends one commercial message without an opt-out (1.A.1, MEDIUM). */
    static String mail(String at, String id) {
        return """
                {"evaluatedAt": "%s", "accounts": [{"id": "acc-1", "plan": "shared-basic"}],
                 "emails": [{"id": "%s", "accountId": "acc-1", "sentAt": "%s", "recipientCount": 3,
                             "commercial": true, "hasRemovalLink": false}]}
                """.formatted(at, id, at);
    }

    static String quiet(String at) {
        return """
                {"evaluatedAt": "%s", "accounts": [{"id": "acc-1", "plan": "shared-basic"}]}
                """.formatted(at);
    }

    private static String sample(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    CliRun evaluate(String db, String facts, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("evaluate", "--history", db));
        args.addAll(List.of(more));
        args.add(write(facts).toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    private Path write(String facts) throws IOException {
        Path f = Files.createTempFile(dir, "facts", ".json");
        Files.writeString(f, facts);
        return f;
    }
}
