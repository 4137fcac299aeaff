package org.auprules.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.json.FactsJson;
import org.auprules.json.FactsJsonWriter;

/**
 * The per-account measurements of {@code aup-rules bench}, on a fleet of {@link FleetGenerator}:
 * thread CPU per account with the JSON reading included, accounts per second on one and more
 * threads, and the latency of one account at a time.
 *
 * <p>It uses only the library's public API as it was before issue 12, so that the same file can
 * measure an older build side by side with this one (docs/performance.md, "Per account"):
 *
 * <pre>{@code
 * java -cp "$(ls old/aup-rules-examples/target/lib/*.jar | tr '\n' :)old/aup-rules-examples/target/aup-rules.jar" \
 *     aup-rules-examples/src/main/java/org/auprules/examples/bench/FleetBench.java 2000 5
 * }</pre>
 */
public final class FleetBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final DroolsAupEvaluator evaluator;
    private final FactSet fleet;
    private final String json;
    private final int accounts;

    /**
     * A bench of a generated fleet.
     *
     * @param evaluator what evaluates it, on the calling thread
     * @param accounts  how many accounts the fleet has
     * @param seed      the generator's seed
     */
    public FleetBench(DroolsAupEvaluator evaluator, int accounts, long seed) {
        this.evaluator = evaluator;
        this.fleet = FleetGenerator.generate(accounts, seed);
        this.json = FactsJsonWriter.write(fleet);
        this.accounts = accounts;
    }

    /**
     * The fleet's facts, accounts included.
     *
     * @return how many facts the fleet has
     */
    public long facts() {
        return fleet.accounts().size()
                + fleet.accountFactLists().values().stream()
                        .mapToLong(List::size)
                        .sum();
    }

    /**
     * The fleet, as generated.
     *
     * @return its facts
     */
    public FactSet fleet() {
        return fleet;
    }

    /**
     * The median, over {@code rounds} rounds, of the CPU time per account to read the fleet's JSON
     * document and evaluate it on one thread at a time: the calling thread's, which reads the JSON
     * and groups the facts, plus that of the evaluator's session runner, on which the accounts'
     * sessions fire one after the other while the caller waits. Counting the caller alone (as
     * {@link #callerCpuMicrosPerAccount} does) leaves the rules out.
     *
     * @param rounds how many rounds are timed
     * @return microseconds of thread CPU per account
     */
    public double cpuMicrosPerAccount(int rounds) {
        return median(rounds, true);
    }

    /**
     * Like {@link #cpuMicrosPerAccount}, counting the calling thread alone: reading the JSON,
     * grouping the facts and handing the sessions over, not the sessions themselves.
     *
     * @param rounds how many rounds are timed
     * @return microseconds of the calling thread's CPU per account
     */
    public double callerCpuMicrosPerAccount(int rounds) {
        return median(rounds, false);
    }

    private double median(int rounds, boolean allThreads) {
        double[] per = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            Map<Long, Long> before = allThreads ? threadCpu() : Map.of();
            long start = THREADS.getCurrentThreadCpuTime();
            FactSet read = FactsJson.read(json, "fleet.json");
            evaluator.evaluate(read);
            long spent = THREADS.getCurrentThreadCpuTime() - start;
            if (allThreads) {
                long self = Thread.currentThread().getId();
                for (Map.Entry<Long, Long> e : threadCpu().entrySet()) {
                    if (e.getKey() != self) {
                        spent += e.getValue() - before.getOrDefault(e.getKey(), 0L);
                    }
                }
            }
            per[r] = spent / 1000.0 / accounts;
        }
        Arrays.sort(per);
        return per[rounds / 2];
    }

    /** The CPU time of every live thread of the JVM's own (not its compiler or GC threads), by id. */
    private static Map<Long, Long> threadCpu() {
        Map<Long, Long> out = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                out.put(id, cpu);
            }
        }
        return out;
    }

    /**
     * Accounts per second evaluating the parsed fleet with this many threads, the best of
     * {@code rounds} rounds (the evaluator's own parallelism: the caller's thread and
     * {@code threads - 1} of a pool).
     *
     * @param threads how many threads evaluate
     * @param rounds  how many rounds are timed
     * @return accounts per second
     */
    public double accountsPerSecond(int threads, int rounds) {
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
        try {
            DroolsAupEvaluator.Builder builder =
                    DroolsAupEvaluator.builder().compiledPolicy(evaluator.compiledPolicy());
            if (pool != null) {
                builder.executor(pool).parallelism(threads);
            }
            DroolsAupEvaluator parallel = builder.build();
            double best = 0;
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                parallel.evaluate(fleet);
                best = Math.max(best, accounts / ((System.nanoTime() - start) / 1e9));
            }
            return best;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The wall time of each account evaluated alone, its JSON read included, sorted.
     *
     * @param limit at most this many accounts are timed
     * @return microseconds per account, fastest first
     */
    public double[] latenciesMicros(int limit) {
        List<String> documents = perAccountDocuments(limit);
        double[] out = new double[documents.size()];
        for (int i = 0; i < documents.size(); i++) {
            long start = System.nanoTime();
            evaluator.evaluate(FactsJson.read(documents.get(i), "account.json"));
            out[i] = (System.nanoTime() - start) / 1000.0;
        }
        Arrays.sort(out);
        return out;
    }

    /** The fleet cut into one document per account, each with that account's facts. */
    private List<String> perAccountDocuments(int limit) {
        ObjectNode tree = FactsJsonWriter.toTree(fleet);
        Map<String, ObjectNode> byAccount = new LinkedHashMap<>();
        for (JsonNode account : tree.get("accounts")) {
            if (byAccount.size() == limit) {
                break;
            }
            ObjectNode doc = tree.objectNode();
            for (Map.Entry<String, JsonNode> e : tree.properties()) {
                if (!e.getValue().isArray()) {
                    doc.set(e.getKey(), e.getValue());
                }
            }
            doc.putArray("accounts").add(account);
            byAccount.put(account.get("id").asText(), doc);
        }
        for (Map.Entry<String, JsonNode> e : tree.properties()) {
            if (e.getValue().isArray() && !e.getKey().equals("accounts")) {
                for (JsonNode fact : e.getValue()) {
                    ObjectNode doc = byAccount.get(fact.path("accountId").asText());
                    if (doc != null) {
                        ArrayNode list =
                                doc.has(e.getKey()) ? (ArrayNode) doc.get(e.getKey()) : doc.putArray(e.getKey());
                        list.add(fact);
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        byAccount.values().forEach(d -> out.add(d.toString()));
        return out;
    }

    /**
     * Prints the thread CPU per account of a fleet, for comparing two builds: every thread's
     * ({@code cpuMicrosPerAccount}) and the calling thread's alone ({@code callerCpuMicrosPerAccount}).
     *
     * @param args the number of accounts (2000) and of rounds (5)
     */
    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        FleetBench bench =
                new FleetBench(DroolsAupEvaluator.builder().defaultPolicy().build(), accounts, 42);
        bench.cpuMicrosPerAccount(rounds * 2); // warm-up
        double all = bench.cpuMicrosPerAccount(rounds);
        double caller = bench.callerCpuMicrosPerAccount(rounds);
        System.out.printf(
                "{\"accounts\": %d, \"cpuMicrosPerAccount\": %.1f, \"callerCpuMicrosPerAccount\": %.1f}%n",
                accounts, all, caller);
    }
}
