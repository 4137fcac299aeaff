package org.auprules.decisionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.internal.CanonicalFacts;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed mid-run leaves a log whose every complete line parses; at most the last line is
 * torn, and the reader reports it. The writer is a child JVM ({@link Writer}) running four
 * threads that evaluate and log without pause, killed with {@code destroyForcibly}.
 */
class DecisionLogCrashTest {

    static final int LINES_BEFORE_KILL = 300;

    @Test
    void aWriterKilledMidRunLeavesOnlyWholeLinesAndAtMostATornLastOne(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        Path output = dir.resolve("child.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), Writer.class.getName(), log.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (newlines(log) < LINES_BEFORE_KILL) {
                if (!child.isAlive()) {
                    fail("the writer exited with " + child.exitValue() + " before the kill:\n"
                            + Files.readString(output));
                }
                if (System.nanoTime() > deadline) {
                    fail("the writer wrote " + newlines(log) + " lines in 120 s:\n" + Files.readString(output));
                }
                Thread.sleep(20);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS))
                    .as("the writer died")
                    .isTrue();
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }

        byte[] bytes = Files.readAllBytes(log);
        long whole = newlines(log);
        DecisionLogReader.Contents contents = DecisionLogReader.read(log);
        assertThat(contents.decisions()).as("every complete line parses").hasSize((int) whole);
        assertThat(whole).isGreaterThanOrEqualTo(LINES_BEFORE_KILL);
        assertThat(contents.decisions())
                .extracting(DecisionRecord::input)
                .containsOnly(CanonicalFacts.sha256(Writer.FACTS));
        assertThat(contents.decisions())
                .allSatisfy(d -> assertThat(d.violations()).hasSize(Writer.VIOLATIONS));
        boolean endsMidLine = bytes.length > 0 && bytes[bytes.length - 1] != '\n';
        if (endsMidLine) {
            assertThat(contents.defects()).singleElement().satisfies(d -> {
                assertThat(d.torn()).isTrue();
                assertThat(d.line()).isEqualTo(whole + 1);
            });
        } else {
            assertThat(contents.defects()).isEmpty();
        }
    }

    private static long newlines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long n = 0;
        for (byte b : Files.readAllBytes(file)) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The child process: four threads evaluate the same facts and log every decision until killed. */
    public static final class Writer {

        static final int VIOLATIONS = 2;
        static final FactSet FACTS = FactsJson.read("""
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1"}],
                 "mailingLists": [{"id": "list-1", "accountId": "acc-1", "source": "PURCHASED", "subscriberCount": 10,
                                   "withOptInIp": 10, "withConfirmation": 10, "withContactInfo": 10}],
                 "blacklistListings": [{"accountId": "acc-1", "ip": "198.51.100.7", "list": "zen.spamhaus.org"}]}
                """, null);

        /** Runs until killed. */
        public static void main(String[] args) throws InterruptedException {
            DecisionLoggingEvaluator evaluator = new DecisionLoggingEvaluator(
                    DroolsAupEvaluator.builder().defaultPolicy().build(),
                    DecisionLog.open(Path.of(args[0]), DecisionLog.Sync.NONE, Clock.systemUTC()));
            List<Thread> threads = List.of(
                    new Thread(() -> loop(evaluator)),
                    new Thread(() -> loop(evaluator)),
                    new Thread(() -> loop(evaluator)),
                    new Thread(() -> loop(evaluator)));
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        }

        private static void loop(DecisionLoggingEvaluator evaluator) {
            while (true) {
                evaluator.evaluate(FACTS);
            }
        }
    }
}
