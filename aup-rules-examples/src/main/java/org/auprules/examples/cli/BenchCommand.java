package org.auprules.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.examples.bench.FleetBench;
import org.auprules.examples.bench.FleetGenerator;
import org.auprules.examples.bench.ThreeWay;
import org.auprules.examples.bench.baseline.RuleSubset;
import org.auprules.json.FactsJsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aup-rules bench}: how fast this machine starts, builds the pack and evaluates a generated fleet. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures the default pack on a generated fleet and prints one JSON document.",
            "",
            "The document gives the machine (cores, JVM, load average before and after), the cold start "
                    + "(a child JVM running 'aup-rules evaluate' once on a small generated fleet, timed from "
                    + "outside), the time to build the default pack in this JVM, accounts and facts per second "
                    + "on each thread count, the thread CPU per account with the JSON reading included, the "
                    + "latency of one account evaluated alone (p50, p99) and the peak heap of evaluating the "
                    + "whole fleet.",
            "",
            "Its threeWay section runs the same 40 rules of the default pack three ways on the same parsed "
                    + "fleet, in this JVM: the library (a pack of only those rules), hand-written Java and Easy "
                    + "Rules (benchmark baselines, used by no other command). It checks that the three find the "
                    + "same violations and gives each one's CPU time per account (every thread of the JVM but the "
                    + "JIT compilers': the library judges accounts on a runner thread while the caller waits), "
                    + "measured in interleaved rounds, and the library's ratio to each.",
            "",
            "Progress goes to standard error. Figures on a loaded machine are slower and noisier: compare "
                    + "loadAverage before trusting them, and compare builds side by side in the same run "
                    + "(docs/performance.md)."
        },
        footer = {
            "",
            "Examples:",
            "  aup-rules bench",
            "  aup-rules bench --accounts 2000 --seed 7 --threads 1,2,4",
            "  aup-rules bench --accounts 200 --rounds 2 --no-cold-start",
            "",
            "Exit codes:",
            "  0  success",
            "  1  threeWay: the three found different violations (the JSON is printed)",
            "  2  an invalid option"
        })
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--accounts", paramLabel = "N", description = "Accounts in the generated fleet (default: 10000).")
    int accounts = 10_000;

    @Option(names = "--seed", paramLabel = "S", description = "The generator's seed (default: 42).")
    long seed = 42;

    @Option(
            names = "--threads",
            paramLabel = "N",
            split = ",",
            description = "Thread counts to measure accounts per second on (default: 1,2).")
    List<Integer> threads = new ArrayList<>(List.of(1, 2));

    @Option(
            names = "--rounds",
            paramLabel = "R",
            description = "Timed rounds of each measurement, after as many rounds of warm-up (default: 5).")
    int rounds = 5;

    @Option(
            names = "--no-cold-start",
            negatable = false,
            description = "Skip the child JVM of the cold start (its field is then absent).")
    boolean noColdStart;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (accounts < 1) {
            throw new ParameterException(spec.commandLine(), "--accounts must be at least 1, got " + accounts);
        }
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds must be at least 1, got " + rounds);
        }
        for (int t : threads) {
            if (t < 1) {
                throw new ParameterException(spec.commandLine(), "--threads must be at least 1 each, got " + t);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = mapper.createObjectNode();
        ObjectNode machine = doc.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        machine.set("loadAverageBefore", loadAverage(mapper));

        if (!noColdStart) {
            progress(err, "cold start: a child JVM runs 'aup-rules evaluate' once");
            doc.set("coldStart", coldStart(mapper));
        }

        progress(err, "building the default pack");
        long buildStart = System.nanoTime();
        DroolsAupEvaluator evaluator =
                DroolsAupEvaluator.builder().defaultPolicy().build();
        doc.put("packBuildMillis", millis(System.nanoTime() - buildStart));

        progress(err, "generating " + accounts + " accounts (seed " + seed + ")");
        resetPeaks();
        FleetBench bench = new FleetBench(evaluator, accounts, seed);
        ObjectNode fleet = doc.putObject("fleet");
        fleet.put("accounts", accounts);
        fleet.put("facts", bench.facts());
        fleet.put("seed", seed);
        evaluator.evaluate(bench.fleet());
        fleet.put("peakHeapMiB", peakHeap() >> 20);

        progress(err, "thread CPU per account, reading the JSON included (" + rounds + " rounds after warm-up)");
        bench.cpuMicrosPerAccount(rounds);
        doc.put("cpuMicrosPerAccount", round(bench.cpuMicrosPerAccount(rounds)));

        ArrayNode throughput = doc.putArray("throughput");
        double single = 0;
        for (int t : threads) {
            progress(err, "accounts per second on " + t + " thread(s)");
            bench.accountsPerSecond(t, rounds);
            double perSecond = bench.accountsPerSecond(t, rounds);
            if (t == 1) {
                single = perSecond;
            }
            ObjectNode row = throughput.addObject();
            row.put("threads", t);
            row.put("accountsPerSecond", Math.round(perSecond));
            row.put("factsPerSecond", Math.round(perSecond * bench.facts() / accounts));
            if (single > 0 && t > 1) {
                row.put("speedupOverOneThread", round(perSecond / single));
            }
        }

        progress(err, "latency of one account at a time");
        int sample = Math.min(accounts, 2000);
        bench.latenciesMicros(sample);
        double[] latencies = bench.latenciesMicros(sample);
        ObjectNode latency = doc.putObject("latencyMicros");
        latency.put("accounts", latencies.length);
        latency.put("p50", round(percentile(latencies, 50)));
        latency.put("p99", round(percentile(latencies, 99)));

        progress(
                err, "three ways: the library, hand-written Java and Easy Rules on the same " + accounts + " accounts");
        ThreeWay.Figures three = new ThreeWay().measure(bench.fleet(), Math.max(rounds, 5), rounds);
        doc.set("threeWay", threeWay(mapper, three));

        machine.set("loadAverageAfter", loadAverage(mapper));
        spec.commandLine().getOut().println(mapper.writeValueAsString(doc));
        spec.commandLine().getOut().flush();
        if (!three.identical()) {
            err.println("bench: the three ways found different violations, so their ratios compare nothing");
            err.flush();
            return 1;
        }
        return 0;
    }

    private ObjectNode threeWay(ObjectMapper mapper, ThreeWay.Figures three) {
        ObjectNode out = mapper.createObjectNode();
        out.put("rules", three.rules());
        ArrayNode files = out.putArray("ruleFiles");
        RuleSubset.DRL_FILES.forEach(files::add);
        out.put("accounts", three.accounts());
        out.put("violations", three.violations());
        out.put("identicalViolations", three.identical());
        out.put("rounds", rounds);
        ObjectNode cpu = out.putObject("cpuMicrosPerAccount");
        cpu.put("library", round2(three.libraryMicros()));
        cpu.put("handWrittenJava", round2(three.javaMicros()));
        cpu.put("easyRules", round2(three.easyRulesMicros()));
        out.put("libraryOverJava", round2(three.libraryOverJava()));
        out.put("libraryOverEasyRules", round2(three.libraryOverEasyRules()));
        return out;
    }

    /** Runs the CLI once in a child JVM on a small fleet, timed from before it starts until it exits. */
    private ObjectNode coldStart(ObjectMapper mapper) throws IOException, InterruptedException {
        Path facts = Files.createTempFile("aup-rules-bench-", ".json");
        try {
            Files.writeString(facts, FactsJsonWriter.write(FleetGenerator.generate(10, seed)), StandardCharsets.UTF_8);
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    AupRulesCli.class.getName(),
                    "evaluate",
                    "--format",
                    "json",
                    facts.toString());
            long start = System.nanoTime();
            Process child = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!child.waitFor(5, TimeUnit.MINUTES)) {
                child.destroyForcibly();
                throw new IllegalStateException("the cold-start child JVM ran for more than 5 minutes");
            }
            ObjectNode out = mapper.createObjectNode();
            out.put("command", "aup-rules evaluate --format json <10 generated accounts>");
            out.put("wallMillis", millis(System.nanoTime() - start));
            out.put("exitCode", child.exitValue());
            return out;
        } finally {
            Files.deleteIfExists(facts);
        }
    }

    private static ArrayNode loadAverage(ObjectMapper mapper) {
        ArrayNode out = mapper.createArrayNode();
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", -1);
            for (int i = 0; i < 3; i++) {
                out.add(Double.parseDouble(parts[i]));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the one-minute figure the JVM knows, when it knows one
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            if (one >= 0) {
                out.add(round(one));
            }
        }
        return out;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since {@link #resetPeaks}: an upper bound of the heap in use at once. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void progress(PrintWriter err, String step) {
        err.println("bench: " + step);
        err.flush();
    }
}
