package org.auprules.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.auprules.api.EvaluationResult;
import org.auprules.api.SuppressedViolation;
import org.auprules.api.Violation;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.examples.bench.baseline.BaselinePolicy;
import org.auprules.examples.bench.baseline.EasyRulesBaseline;
import org.auprules.examples.bench.baseline.Found;
import org.auprules.examples.bench.baseline.JavaBaseline;
import org.auprules.examples.bench.baseline.RuleSubset;

/**
 * The three-way comparison of {@code aup-rules bench}: the same rules ({@link RuleSubset}) run by
 * the library, by hand-written Java and by Easy Rules on the same parsed facts in this JVM, their
 * violations compared, and the CPU time of each measured in interleaved rounds: the CPU of every
 * thread of the JVM but the JIT compilers', since the library judges accounts on a runner thread
 * while the caller waits.
 */
public final class ThreeWay {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * What one comparison measured.
     *
     * @param rules              the subset's rules that report violations
     * @param accounts           the accounts of the fleet
     * @param violations         the violations each of the three found on it
     * @param identical          whether all three found the same ones
     * @param libraryMicros      the library's median CPU per account, in microseconds
     * @param javaMicros         hand-written Java's
     * @param easyRulesMicros    Easy Rules'
     */
    public record Figures(
            int rules,
            int accounts,
            int violations,
            boolean identical,
            double libraryMicros,
            double javaMicros,
            double easyRulesMicros) {

        /** {@return the library's CPU per account over hand-written Java's} */
        public double libraryOverJava() {
            return libraryMicros / javaMicros;
        }

        /** {@return the library's CPU per account over Easy Rules'} */
        public double libraryOverEasyRules() {
            return libraryMicros / easyRulesMicros;
        }
    }

    private final DroolsAupEvaluator library;
    private final JavaBaseline java;
    private final EasyRulesBaseline easyRules;
    private final int rules;

    /** The library on the subset's pack, and both baselines reading that pack's policy.json. */
    public ThreeWay() {
        this.library = RuleSubset.library();
        BaselinePolicy policy = new BaselinePolicy(library.compiledPolicy().pack());
        this.java = new JavaBaseline(policy);
        this.easyRules = new EasyRulesBaseline(policy);
        this.rules = RuleSubset.ruleIds(library.compiledPolicy()).size();
    }

    /**
     * The library's evaluator of the subset.
     *
     * @return the evaluator
     */
    public DroolsAupEvaluator library() {
        return library;
    }

    /**
     * The hand-written Java baseline.
     *
     * @return it
     */
    public JavaBaseline java() {
        return java;
    }

    /**
     * The Easy Rules baseline.
     *
     * @return it
     */
    public EasyRulesBaseline easyRules() {
        return easyRules;
    }

    /**
     * How many of the subset's rules report violations.
     *
     * @return 40 for the default pack's subset
     */
    public int rules() {
        return rules;
    }

    /**
     * Whether the three give the same violations on these facts.
     *
     * @param facts the facts
     * @return whether they agree
     */
    public boolean identical(FactSet facts) {
        Set<String> byLibrary = keys(library.evaluate(facts));
        return byLibrary.equals(keys(java.evaluate(facts))) && byLibrary.equals(keys(easyRules.evaluate(facts)));
    }

    /**
     * The violations of the library as the comparison sees them: suppressed ones included, since the
     * baselines know no waivers.
     *
     * @param result what the library's {@code evaluate} returned
     * @return each violation's key, sorted
     */
    public static Set<String> keys(EvaluationResult result) {
        Set<String> keys = new TreeSet<>();
        for (Violation v : result.violations()) {
            keys.add(Found.key(v));
        }
        for (SuppressedViolation s : result.suppressed()) {
            keys.add(Found.key(s.violation()));
        }
        return keys;
    }

    /**
     * The violations of a baseline as the comparison sees them.
     *
     * @param found what the baseline returned
     * @return each violation's key, sorted
     */
    public static Set<String> keys(List<Found> found) {
        Set<String> keys = new TreeSet<>();
        for (Found f : found) {
            keys.add(f.key());
        }
        return keys;
    }

    /**
     * Evaluates the facts three ways, checks that the violations agree and measures each: every
     * round times the three one after the other, in a rotating order, as the CPU time of the JVM's
     * threads (but the JIT's); the figure
     * of each is its median over the rounds.
     *
     * @param fleet  the accounts
     * @param warmUp rounds run first and not counted
     * @param rounds rounds timed
     * @return the figures
     */
    public Figures measure(FactSet fleet, int warmUp, int rounds) {
        Set<String> byLibrary = keys(library.evaluate(fleet));
        Set<String> byJava = keys(java.evaluate(fleet));
        Set<String> byEasyRules = keys(easyRules.evaluate(fleet));
        boolean identical = byLibrary.equals(byJava) && byLibrary.equals(byEasyRules);
        List<Supplier<Object>> three =
                List.of(() -> library.evaluate(fleet), () -> java.evaluate(fleet), () -> easyRules.evaluate(fleet));
        double[][] cpu = new double[3][rounds];
        for (int r = -warmUp; r < rounds; r++) {
            for (int k = 0; k < 3; k++) {
                int which = Math.floorMod(r + k, 3);
                Map<Long, Long> start = cpuByThread();
                Object out = three.get(which).get();
                long used = cpuSince(start);
                if (out == null) {
                    throw new IllegalStateException("no result");
                }
                if (r >= 0) {
                    cpu[which][r] = used / 1000.0 / fleet.accounts().size();
                }
            }
        }
        return new Figures(
                rules,
                fleet.accounts().size(),
                byLibrary.size(),
                identical,
                median(cpu[0]),
                median(cpu[1]),
                median(cpu[2]));
    }

    /**
     * The CPU time of every live thread of this JVM but the JIT's compilers, by thread id. The
     * library runs each call's sessions on a runner thread of its own while the caller waits
     * (BoundedSession, for its deadline), so the caller's thread CPU alone would leave the rules
     * out; the JIT's threads are left out because they compile for whichever implementation.
     */
    static Map<Long, Long> cpuByThread() {
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && !t.getThreadName().contains("CompilerThread")) {
                long cpu = THREADS.getThreadCpuTime(t.getThreadId());
                if (cpu >= 0) {
                    out.put(t.getThreadId(), cpu);
                }
            }
        }
        return out;
    }

    /** The CPU time the JVM's threads (but the JIT's) used since {@code start}; new threads count from zero. */
    static long cpuSince(Map<Long, Long> start) {
        long used = 0;
        for (Map.Entry<Long, Long> now : cpuByThread().entrySet()) {
            used += now.getValue() - start.getOrDefault(now.getKey(), 0L);
        }
        return used;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
