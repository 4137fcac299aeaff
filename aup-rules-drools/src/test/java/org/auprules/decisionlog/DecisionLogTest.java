package org.auprules.decisionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.internal.CanonicalFacts;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision log: one whole JSON line per evaluation, safe under threads, torn lines skipped and reported. */
class DecisionLogTest {

    static final DroolsAupEvaluator ENGINE =
            DroolsAupEvaluator.builder().defaultPolicy().build();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:34:56Z"), ZoneOffset.UTC);

    /** One account with a purchased list (1.A.5) and a blacklisted dedicated address (1.A.3). */
    static final FactSet FACTS = FactsJson.read("""
            {"evaluatedAt": "2026-11-28T12:00:00Z",
             "accounts": [{"id": "acc-1"}, {"id": "acc-2"}],
             "mailingLists": [{"id": "list-1", "accountId": "acc-1", "source": "PURCHASED", "subscriberCount": 10,
                               "withOptInIp": 10, "withConfirmation": 10, "withContactInfo": 10}],
             "blacklistListings": [{"accountId": "acc-1", "ip": "198.51.100.7", "list": "zen.spamhaus.org"}]}
            """, null);

    @Test
    void eachEvaluationAppendsOneLineThatReadsBack(@TempDir Path dir) {
        Path file = dir.resolve("decisions.jsonl");
        EvaluationResult result;
        try (DecisionLoggingEvaluator evaluator =
                new DecisionLoggingEvaluator(ENGINE, DecisionLog.open(file, DecisionLog.Sync.EACH_LINE, CLOCK))) {
            result = evaluator.evaluate(FACTS);
            evaluator.evaluate(FACTS);
            assertThat(evaluator.policy()).isEqualTo(ENGINE.policy());
            assertThat(evaluator.catalog()).isSameAs(ENGINE.catalog());
        }
        DecisionLogReader.Contents log = DecisionLogReader.read(file);
        assertThat(log.defects()).isEmpty();
        assertThat(log.decisions()).hasSize(2).allSatisfy(d -> {
            assertThat(d.time()).isEqualTo(CLOCK.instant());
            assertThat(d.policy()).isEqualTo(ENGINE.policy());
            assertThat(d.input()).isEqualTo(CanonicalFacts.sha256(FACTS));
            assertThat(d.evaluatedAt()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
            assertThat(d.accounts()).isEqualTo(2);
            assertThat(d.violations())
                    .extracting(DecisionRecord.LoggedViolation::clause)
                    .containsExactly("1.A.3", "1.A.5");
        });
        assertThat(log.decisions().get(0).violations().get(1))
                .isEqualTo(DecisionRecord.LoggedViolation.of(result.violations().get(1)));
    }

    @Test
    void aLineIsOneJsonObjectWithTheDocumentedFields(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Sync.NONE, CLOCK)) {
            log.append(FACTS, ENGINE.evaluate(FACTS));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).singleElement().satisfies(l -> assertThat(l)
                .startsWith("{\"time\":\"2026-11-28T12:34:56Z\",\"policy\":{\"name\":\"Entrecloud AUP\",\"version\":"
                        + "\"2017-01-01\",\"digest\":\"sha256:")
                .contains(
                        ",\"input\":\"" + CanonicalFacts.sha256(FACTS) + "\",\"evaluatedAt\":\"2026-11-28T12:00:00Z\","
                                + "\"accounts\":2,\"violations\":[{\"accountId\":\"acc-1\",\"clause\":\"1.A.3\",\"ruleId\":")
                .containsPattern(
                        "\\}]}],\"decisionId\":\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\"}$"));
    }

    @Test
    void everyDecisionHasItsOwnId_thatTheLineKeepsAndTheReaderGivesBack(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        DecisionRecord first;
        DecisionRecord second;
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Sync.NONE, CLOCK)) {
            first = log.append(FACTS, ENGINE.evaluate(FACTS));
            second = log.append(FACTS, ENGINE.evaluate(FACTS));
        }
        assertThat(first.decisionId()).isNotEqualTo(second.decisionId()).hasSize(36);
        assertThat(DecisionLogReader.read(file).decisions())
                .extracting(DecisionRecord::decisionId)
                .containsExactly(first.decisionId(), second.decisionId());
    }

    @Test
    void aLineWithoutDecisionId_readsWithAnEmptyId(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        DecisionRecord record = DecisionRecord.of(CLOCK.instant(), FACTS, ENGINE.evaluate(FACTS), "");
        Files.writeString(file, DecisionJson.write(record) + "\n");
        assertThat(Files.readString(file)).doesNotContain("decisionId");
        assertThat(DecisionLogReader.read(file).decisions()).singleElement().satisfies(d -> assertThat(d.decisionId())
                .isEmpty());
    }

    @Test
    void inputTheEvaluatorRejects_isNotLogged(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        FactSet orphan = FactsJson.read("""
                {"accounts": [{"id": "acc-1"}], "emails": [{"id": "m-1", "accountId": "acc-9"}]}""", null);
        try (DecisionLoggingEvaluator evaluator = new DecisionLoggingEvaluator(ENGINE, DecisionLog.open(file))) {
            assertThatThrownBy(() -> evaluator.evaluate(orphan)).isInstanceOf(InvalidFactsException.class);
        }
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void manyThreadsAppendWholeLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.jsonl");
        DecisionRecord record = DecisionRecord.of(CLOCK.instant(), FACTS, ENGINE.evaluate(FACTS));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Sync.NONE, CLOCK)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        log.append(record);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        DecisionLogReader.Contents contents = DecisionLogReader.read(file);
        assertThat(contents.defects()).isEmpty();
        assertThat(contents.decisions()).hasSize(400).containsOnly(record);
        assertThat(Files.readAllLines(file)).hasSize(400);
    }

    @Test
    void twoLogsOnTheSameFileInOneJvm_takeTurns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.jsonl");
        DecisionRecord record = DecisionRecord.of(CLOCK.instant(), FACTS, ENGINE.evaluate(FACTS));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (DecisionLog one = DecisionLog.open(file, DecisionLog.Sync.NONE, CLOCK);
                DecisionLog two = DecisionLog.open(dir.resolve(".").resolve("d.jsonl"), DecisionLog.Sync.NONE, CLOCK)) {
            List<Future<?>> done = new ArrayList<>();
            for (DecisionLog log : List.of(one, two, one, two)) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        log.append(record);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        DecisionLogReader.Contents contents = DecisionLogReader.read(file);
        assertThat(contents.defects()).isEmpty();
        assertThat(contents.decisions()).hasSize(200);
    }

    @Test
    void aTornLastLineIsSkippedAndReported_andTheNextAppendStartsOnALineOfItsOwn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        DecisionRecord record = DecisionRecord.of(CLOCK.instant(), FACTS, ENGINE.evaluate(FACTS));
        String line = DecisionJson.write(record);
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Sync.NONE, CLOCK)) {
            log.append(record);
            log.append(record);
        }
        long whole = Files.size(file);
        Files.writeString(file, line.substring(0, line.length() / 2), StandardOpenOption.APPEND);

        DecisionLogReader.Contents torn = DecisionLogReader.read(file);
        assertThat(torn.decisions()).hasSize(2);
        assertThat(torn.tornLastLine()).hasValueSatisfying(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.offset()).isEqualTo(whole);
            assertThat(d.toString()).startsWith("line 3 (byte " + whole + "): torn last line, not JSON: ");
        });

        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Sync.NONE, CLOCK)) {
            log.append(record);
        }
        DecisionLogReader.Contents healed = DecisionLogReader.read(file);
        assertThat(healed.decisions()).hasSize(3);
        assertThat(healed.tornLastLine()).isEmpty();
        assertThat(healed.defects()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.torn()).isFalse();
        });
    }

    @Test
    void aCompleteRecordThatOnlyLacksItsNewline_lostNothingAndCounts(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        DecisionRecord record = DecisionRecord.of(CLOCK.instant(), FACTS, ENGINE.evaluate(FACTS));
        Files.writeString(file, DecisionJson.write(record) + "\n\n" + "{\"time\": 1}\n" + DecisionJson.write(record));
        DecisionLogReader.Contents c = DecisionLogReader.read(file);
        assertThat(c.decisions()).hasSize(2);
        assertThat(c.defects())
                .extracting(DecisionLogReader.Defect::line, DecisionLogReader.Defect::problem)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "empty line"),
                        org.assertj.core.groups.Tuple.tuple(3, "missing field `policy`"));
    }

    @Test
    void anEmptyOrMissingLogReadsAsNothing(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("d.jsonl"), "", StandardCharsets.UTF_8);
        assertThat(DecisionLogReader.read(file).decisions()).isEmpty();
        assertThatThrownBy(() -> DecisionLogReader.read(dir.resolve("none.jsonl")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read decision log");
    }

    @Test
    void aClosedLogRefusesToAppend(@TempDir Path dir) {
        DecisionLog log = DecisionLog.open(dir.resolve("d.jsonl"));
        log.close();
        log.close();
        assertThatThrownBy(() -> log.append(FACTS, ENGINE.evaluate(FACTS)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("is closed");
    }

    @Test
    void aLogThatCannotBeOpened_saysWhich(@TempDir Path dir) {
        assertThatThrownBy(() -> DecisionLog.open(dir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot open decision log `" + dir + "`: ");
    }

    @Test
    void aLogInAFolderThatDoesNotExist_saysSo_ratherThanRepeatingThePath(@TempDir Path dir) {
        Path file = dir.resolve("missing").resolve("d.jsonl");

        assertThatThrownBy(() -> DecisionLog.open(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot open decision log `" + file + "`: its folder does not exist");
        assertThat(dir.resolve("missing")).doesNotExist();
    }
}
