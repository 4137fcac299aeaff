package org.auprules.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>The fleet has {@code -Dserve.it.accounts} accounts (2,000 by default, to stay well under a
 * minute on a loaded 2-core machine; docs/server.md gives the 100,000-account run).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeJarIT {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final int ACCOUNTS = Integer.getInteger("serve.it.accounts", 2_000);

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
    void aFleetOfJsonLines_streamsThroughAServerWith256MiBOfHeap() throws Exception {
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        long[] counts = new long[3];
        try (DuplexLines request = new DuplexLines(base)) {
            Thread writer = new Thread(() -> {
                try {
                    for (int chunk = 0; chunk * 1000 < ACCOUNTS; chunk++) {
                        int size = Math.min(1000, ACCOUNTS - chunk * 1000);
                        for (String line : FleetLines.of(FleetGenerator.generate(size, 1000L + chunk))) {
                            request.send(line);
                            sent.incrementAndGet();
                        }
                        request.flush();
                    }
                    request.end();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            assertThat(request.status()).isEqualTo(200);
            String l;
            while ((l = request.readLine()) != null) {
                counts[0]++;
                if (l.contains("\"decisionId\"") && l.contains("\"summary\":{\"accounts\":1,")) {
                    counts[1]++;
                }
                if (!l.contains("\"violations\":[]")) {
                    counts[2]++;
                }
            }
            writer.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "ServeJarIT: %d accounts of JSON Lines in %.1f s (%.0f accounts/s), load %s%n",
                ACCOUNTS, seconds, ACCOUNTS / seconds, ServeBenchCommand.loadAverage());

        assertThat(sent.get()).isEqualTo(ACCOUNTS);
        assertThat(counts[0]).isEqualTo(ACCOUNTS);
        assertThat(counts[1]).as("every line one account with its decisionId").isEqualTo(ACCOUNTS);
        assertThat(counts[2])
                .as("the generator makes 1 account in 20 break a clause")
                .isBetween(ACCOUNTS / 40L, ACCOUNTS / 10L);
        assertThat(server.isAlive()).isTrue();
        assertThat(log).noneMatch(l -> l.contains("OutOfMemoryError"));
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
