package org.auprules.drools;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.auprules.drools.internal.RuleSandbox;

/**
 * What the sandbox costs when the default pack is compiled, in a warm JVM: the check of the DRL
 * text, the ASM check of the compiled classes, and the whole compilation that includes both.
 * Not a test (timings fail on a busy machine); run it by hand, as docs/security.md says:
 *
 * <pre>{@code
 * java -cp aup-rules-drools/target/test-classes:aup-rules-drools/target/classes:$(cat cp.txt) \
 *     org.auprules.drools.SandboxCost 20
 * }</pre>
 */
public final class SandboxCost {

    private SandboxCost() {}

    /** Runs the measurement; the argument is the number of measured rounds (default 20). */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        PolicyPack pack = PolicyPack.defaultPack();
        double[] source = new double[rounds];
        double[] compiled = new double[rounds];
        double[] whole = new double[rounds];
        for (int warm = 0; warm < 5; warm++) {
            once(pack, new double[3]);
        }
        for (int r = 0; r < rounds; r++) {
            double[] t = new double[3];
            once(pack, t);
            source[r] = t[0];
            compiled[r] = t[1];
            whole[r] = t[2];
        }
        System.out.printf(
                "default pack, %d rounds, median ms: source check %.1f, ASM check %.1f, whole compile %.1f"
                        + " (the two checks are %.0f%% of it); load average %.2f%n",
                rounds,
                median(source),
                median(compiled),
                median(whole),
                100 * (median(source) + median(compiled)) / median(whole),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void once(PolicyPack pack, double[] t) {
        long a = System.nanoTime();
        RuleSandbox.check(pack.source(), true);
        long b = System.nanoTime();
        CompiledPolicy policy = PolicyCompiler.compileOrThrow(pack, false);
        long c = System.nanoTime();
        RuleSandbox.checkCompiled(policy.kieBase(), pack.source());
        long d = System.nanoTime();
        t[0] = (b - a) / 1e6;
        t[1] = (d - c) / 1e6;
        // compileOrThrow runs both checks itself; the whole compilation is its own time
        t[2] = (c - b) / 1e6;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
