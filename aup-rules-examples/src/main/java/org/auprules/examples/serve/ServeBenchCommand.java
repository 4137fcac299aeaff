package org.auprules.examples.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.auprules.examples.bench.FleetGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aup-rules serve-bench}: a bounded load run against a server of its own on the loopback
 * interface: a fixed number of one-account JSON requests, then of 1,000-account JSON Lines batches,
 * from several client threads; it prints requests/s and p50/p99 latency of each, with the load average.
 */
@Command(
        name = "serve-bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measures `aup-rules serve` on the loopback interface and stops by itself: it starts a server on "
                    + "127.0.0.1 (any free port, the shipped pack), sends a fixed number of one-account JSON "
                    + "requests, then of JSON Lines batches, and prints requests/s and p50/p99 latency of each, "
                    + "with the load average. docs/server.md shows its figures.",
            "",
            "Examples:",
            "  aup-rules serve-bench",
            "  aup-rules serve-bench --requests 20000 --batches 50 --threads 8",
            ""
        },
        footer = {"", "Exit codes:", "  0  the run finished and every request got 200", "  1  a request failed"})
public final class ServeBenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--requests",
            defaultValue = "5000",
            description = "One-account requests (default: ${DEFAULT-VALUE}).")
    int requests = 5000;

    @Option(names = "--batches", defaultValue = "20", description = "JSON Lines batches (default: ${DEFAULT-VALUE}).")
    int batches = 20;

    @Option(
            names = "--batch-size",
            defaultValue = "1000",
            description = "Accounts per batch (default: ${DEFAULT-VALUE}).")
    int batchSize = 1000;

    @Option(names = "--threads", defaultValue = "4", description = "Client threads (default: ${DEFAULT-VALUE}).")
    int threads = 4;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (requests < 1 || batches < 1 || batchSize < 1 || threads < 1) {
            spec.commandLine()
                    .getErr()
                    .println("aup-rules: --requests, --batches, --batch-size and --threads must be at least 1");
            return 2;
        }
        List<String> singles = new ArrayList<>();
        for (String line : FleetLines.of(FleetGenerator.generate(200, 7))) {
            singles.add(NdjsonToDocument.document(line));
        }
        String batch = String.join("\n", FleetLines.of(FleetGenerator.generate(batchSize, 11))) + "\n";
        String before = loadAverage();
        try (AupServer server = AupServer.start(ServerOptions.defaults(), m -> {})) {
            server.policyLoaded().join();
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create(server.baseUrl() + "/v1/evaluate");
            // warm-up: the JIT and the session pools, not measured
            run(client, uri, singles, "application/json", Math.min(requests, 500), threads);
            run(client, uri, List.of(batch), Evaluation.NDJSON, Math.min(batches, 3), Math.min(threads, 2));
            Result one = run(client, uri, singles, "application/json", requests, threads);
            Result many = run(client, uri, List.of(batch), Evaluation.NDJSON, batches, Math.min(threads, 2));
            out.printf(
                    Locale.ROOT,
                    "aup-rules serve-bench: %s, shipped pack, %d client threads (%d for batches)%n",
                    server.baseUrl(),
                    threads,
                    Math.min(threads, 2));
            out.println(one.line("one-account JSON", 1));
            out.println(many.line(String.format(Locale.ROOT, "%,d-account JSON Lines", batchSize), batchSize));
            out.println("load average before: " + before + "   after: " + loadAverage());
            out.flush();
            return one.failures + many.failures == 0 ? 0 : 1;
        }
    }

    /** Latencies of one measured run. */
    @SuppressWarnings("ArrayRecordComponent") // a private, short-lived holder of one run's latencies, never compared
    private record Result(int count, long wallNanos, long[] latencies, int failures) {
        String line(String what, int accountsPerRequest) {
            double seconds = wallNanos / 1e9;
            double rate = count / seconds;
            return String.format(
                    Locale.ROOT,
                    "%-24s %7d requests  %9.1f req/s%s  p50 %7.2f ms  p99 %7.2f ms%s",
                    what,
                    count,
                    rate,
                    accountsPerRequest > 1
                            ? String.format(Locale.ROOT, " (%,.0f accounts/s)", rate * accountsPerRequest)
                            : "",
                    percentile(0.50),
                    percentile(0.99),
                    failures == 0 ? "" : "  FAILED: " + failures);
        }

        double percentile(double p) {
            int i = (int) Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1);
            return latencies[Math.max(0, i)] / 1e6;
        }
    }

    private static Result run(HttpClient client, URI uri, List<String> bodies, String type, int count, int threads)
            throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .header("Content-Type", type)
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size())))
                                .build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            if (r.statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        latencies[i] = System.nanoTime() - t0;
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long wall = System.nanoTime() - start;
        Arrays.sort(latencies);
        return new Result(count, wall, latencies, failures.get());
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
                    .split(" ", -1);
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | UncheckedIOException e) {
            return "unknown (no /proc/loadavg)";
        }
    }
}
