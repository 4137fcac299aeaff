package org.auprules.examples.bench.baseline;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;

/**
 * The rules the three-way benchmark compares, and the library's side of it: a pack holding only
 * those rules.
 *
 * <p>The subset is every rule of six of the default pack's DRL files: the CAN-SPAM rules of
 * {@code spam.drl} (1.A.1, 1.A.2, 1.A.3, 1.A.5), the prohibited actions of
 * {@code prohibited-actions.drl} (3.1 to 3.4), the scripts judged by numbers of
 * {@code prohibited-scripts.drl} (2.4, 2.14, 2.15, 2.20) and the export rules of
 * {@code export.drl} (1.C.1, 1.C.2): 40 rules that report violations, and the 7 derivation rules
 * of {@code spam-derivations.drl} and {@code prohibited-actions-derivations.drl} that they read.
 * They cover thresholds per plan, windows, accumulations over an account's facts, joins between
 * facts (messages to lists, exports to licences), derived facts and negation. The table-driven
 * rules (signatures, content categories, report types) and the DMCA rules are left out: their
 * matching (command-line grammar, look-alike names, literal-gated expressions) is a library of its
 * own that a baseline would have to copy rather than write.
 *
 * <p>The library is measured on a pack of the default pack's files with only those DRL files
 * (and without its scenarios and escalations, which the baselines do not have), so that it fires
 * the same rules the baselines run, and no others: filtering the full pack's output instead would
 * charge it for 31 rules the baselines do not have.
 */
public final class RuleSubset {

    /** The DRL files of the subset, as paths in the pack. */
    public static final List<String> DRL_FILES = List.of(
            "rules/spam-derivations.drl",
            "rules/spam.drl",
            "rules/prohibited-actions-derivations.drl",
            "rules/prohibited-actions.drl",
            "rules/prohibited-scripts.drl",
            "rules/export.drl");

    private RuleSubset() {}

    /**
     * The default pack with only the subset's rules.
     *
     * @return the pack
     */
    public static PolicyPack pack() {
        Map<String, String> files = new TreeMap<>();
        PolicyPack.defaultPack().files().forEach((path, bytes) -> {
            boolean rules = path.startsWith(PolicyPack.RULES_FOLDER);
            boolean kept = rules
                    ? DRL_FILES.contains(path)
                    : !path.startsWith(PolicyPack.SCENARIOS_FOLDER) && !path.equals(PolicyPack.ESCALATIONS_FILE);
            if (kept) {
                files.put(path, new String(bytes, StandardCharsets.UTF_8));
            }
        });
        return PolicyPack.ofFiles("the default pack's rules of " + String.join(", ", DRL_FILES), files);
    }

    /**
     * The library's evaluator of the subset, on the caller's thread.
     *
     * @return the evaluator
     */
    public static DroolsAupEvaluator library() {
        return DroolsAupEvaluator.builder().policyPack(pack()).build();
    }

    /**
     * The names of the subset's rules that report violations, as the library compiled them.
     *
     * @param policy the compiled subset
     * @return the rule ids, in the pack's order
     */
    public static List<String> ruleIds(CompiledPolicy policy) {
        return policy.rules().stream()
                .filter(r -> r.clause() != null)
                .map(CompiledPolicy.RuleInfo::name)
                .toList();
    }
}
