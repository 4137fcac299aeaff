package org.auprules.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.auprules.examples.bench.FleetGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an operator runs it: {@code java -Xmx256m -jar aup-rules.jar serve}, a
 * child process. A fleet of JSON Lines streams through its capped heap; the Python client of
 * docs/server.md talks to it; SIGTERM lets the request in flight finish and exits 0.
 *
 * <p>The fleet has {@code -Dserve.it.accounts} accounts, 100,000 by default: generated and sent one
 * account at a time while the answers are read line by line, so neither side holds it. The
 * server's GC log shows that what survives a collection stays far below the 256 MiB cap.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeJarIT {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final int ACCOUNTS = Integer.getInteger("serve.it.accounts", 100_000);

    private static final Path gcLog = Path.of("target", "serve-jar-it-gc.log");
    private static Process server;
    private static String base;
    private static final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final CountDownLatch live = new CountDownLatch(1);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-Xlog:gc:file=" + gcLog,
                        "-jar",
                        "target/aup-rules.jar",
                        "serve",
                        "--addr",
                        "127.0.0.1:0",
                        "--drain-timeout",
                        "30s")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                    if (line.contains("policy live:")) {
                        live.countDown();
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        base = url.get(60, TimeUnit.SECONDS);
        assertThat(live.await(120, TimeUnit.SECONDS))
                .as("policy live; log: %s", log)
                .isTrue();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server.isAlive()) {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    @Order(1)
    void aFleetOfJsonLines_streamsThroughAServerWith256MiBOfHeap_everyAccountAnsweredOnceInOrder() throws Exception {
        AtomicLong sent = new AtomicLong();
        AtomicReference<Throwable> writerFailed = new AtomicReference<>();
        long start = System.nanoTime();
        long answered = 0;
        long withViolations = 0;
        try (DuplexLines request = new DuplexLines(base)) {
            // the fleet is generated one account at a time as it is sent: the test holds no more of
            // it than the server does
            Thread writer = new Thread(() -> {
                try {
                    FleetGenerator.forEachAccount(ACCOUNTS, 20261202L, one -> {
                        try {
                            request.send(FleetLines.of(one).get(0));
                            if (sent.incrementAndGet() % 256 == 0) {
                                request.flush();
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    request.end();
                } catch (IOException | RuntimeException e) {
                    writerFailed.set(e);
                }
            });
            writer.setDaemon(true);
            writer.start();
            assertThat(request.status()).isEqualTo(200);
            String l;
            while ((l = request.readLine()) != null) {
                // accountId is the last member of an answer line, decisionId the one before it
                String expected = String.format(Locale.ROOT, "\"accountId\":\"acc-%07d\"}", answered);
                if (!l.endsWith(expected)
                        || !l.contains("\"summary\":{\"accounts\":1,")
                        || !l.contains("\"decisionId\":\"")) {
                    throw new AssertionError("answer " + (answered + 1) + " is not account acc-"
                            + String.format(Locale.ROOT, "%07d", answered) + "'s, with a decisionId: "
                            + abbreviate(l) + "; writer: " + writerFailed.get());
                }
                answered++;
                if (!l.contains("\"violations\":[]")) {
                    withViolations++;
                }
            }
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        HeapUse heap = HeapUse.of(gcLog);
        System.out.printf(
                Locale.ROOT,
                "ServeJarIT: %d accounts of JSON Lines in %.1f s (%.0f accounts/s), server heap %s, load %s%n",
                ACCOUNTS,
                seconds,
                ACCOUNTS / seconds,
                heap,
                ServeBenchCommand.loadAverage());

        assertThat(writerFailed.get()).isNull();
        assertThat(sent.get()).isEqualTo(ACCOUNTS);
        assertThat(answered)
                .as("one answer per account, in order, none left out")
                .isEqualTo(ACCOUNTS);
        assertThat(withViolations)
                .as("the generator makes 1 account in 20 break a clause")
                .isBetween(ACCOUNTS / 40L, ACCOUNTS / 10L);
        assertThat(server.isAlive())
                .as("alive (it exits on an OutOfMemoryError); log %s", log)
                .isTrue();
        assertThat(log).noneMatch(line -> line.contains("OutOfMemoryError") || line.contains("internal error"));
        assertThat(heap.collections()).as("the GC log of the server: %s", gcLog).isPositive();
        assertThat(heap.maxCapacityMiB())
                .as("the heap never grew past -Xmx256m")
                .isLessThanOrEqualTo(256);
        assertThat(heap.maxAfterGcMiB())
                .as("what survives a collection stays far below the cap: the fleet is not held")
                .isLessThan(128);
    }

    private static String abbreviate(String line) {
        return line.length() > 300 ? line.substring(0, 150) + " … " + line.substring(line.length() - 150) : line;
    }

    /** The server's heap as its GC log reports it: {@code GC(n) Pause … 120M->30M(256M) …}. */
    record HeapUse(int collections, long maxAfterGcMiB, long maxCapacityMiB) {
        private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) Pause .* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

        static HeapUse of(Path gcLog) throws IOException {
            int n = 0;
            long after = 0;
            long capacity = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    n++;
                    after = Math.max(after, Long.parseLong(m.group(2)));
                    capacity = Math.max(capacity, Long.parseLong(m.group(3)));
                }
            }
            return new HeapUse(n, after, capacity);
        }

        @Override
        public String toString() {
            return "at most " + maxAfterGcMiB + " MiB live after " + collections + " collections, capacity at most "
                    + maxCapacityMiB + " MiB";
        }
    }

    @Test
    @Order(2)
    void thePythonClientOfTheDocs_talksToTheServer(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            python = Path.of("python3");
        }
        Path lines = dir.resolve("fleet.ndjson");
        Files.writeString(lines, ServeHttpTest.adNetworkLine() + "\n{\"account\": {\"id\": \"quiet\"}}\n");
        Process doc = run(
                python.toString(),
                "../docs/aup_rules_client.py",
                "--url",
                base,
                "--account",
                "acc-ad-network",
                "samples/fleet.json");
        Process ndjson =
                run(python.toString(), "../docs/aup_rules_client.py", "--url", base, "--lines", lines.toString());
        String docOut = new String(doc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String linesOut = new String(ndjson.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(doc.waitFor()).as(docOut).isEqualTo(1);
        assertThat(docOut).contains("acc-ad-network 2.10 ").contains("1 answer(s), ");
        assertThat(ndjson.waitFor()).as(linesOut).isEqualTo(1);
        assertThat(linesOut)
                .contains("acc-ad-network 2.10 ")
                .contains("2 answer(s), ")
                .doesNotContain("quiet");
    }

    private static Process run(String... cmd) throws IOException {
        return new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    @Test
    @Order(3)
    void sigterm_refusesNewConnections_letsTheRequestInFlightFinish_andExitsZero() throws Exception {
        String line = "{\"account\": {\"id\": \"slow\", \"plan\": \"shared-basic\"}}";
        try (DuplexLines inFlight = new DuplexLines(base)) {
            inFlight.send(line);
            inFlight.flush();
            assertThat(inFlight.status()).isEqualTo(200);
            assertThat(inFlight.readLine()).contains("\"decisionId\"");

            // SIGTERM through the handle: Process.destroy() would also close our end of its stderr
            server.toHandle().destroy();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (log.stream().noneMatch(l -> l.contains("stopping:")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(log)
                    .as("alive %s, exit %s, log %s", server.isAlive(), server.isAlive() ? "-" : server.exitValue(), log)
                    .anyMatch(l -> l.contains("stopping: no new connections, 1 request(s) in flight"));
            assertThatThrownBy(() -> client.send(
                            HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class);
            assertThat(server.isAlive()).as("waits for the request in flight").isTrue();

            inFlight.send(line);
            inFlight.send(line);
            inFlight.end();
            List<String> rest = new ArrayList<>();
            String l;
            while ((l = inFlight.readLine()) != null) {
                rest.add(l);
            }
            assertThat(rest).hasSize(2).allMatch(r -> r.contains("\"decisionId\""));
        }
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
        assertThat(log).anyMatch(l -> l.endsWith("aup-rules serve: stopped"));
    }
}
