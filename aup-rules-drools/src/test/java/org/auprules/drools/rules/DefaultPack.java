package org.auprules.drools.rules;

import java.util.List;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Notice;
import org.auprules.api.Violation;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.json.FactsJson;

/**
 * The default pack, compiled once for every rule test of this package (compiling takes seconds),
 * and short ways to evaluate a facts document written as JSON.
 */
final class DefaultPack {

    static final DroolsAupEvaluator EVALUATOR =
            DroolsAupEvaluator.builder().defaultPolicy().build();

    private DefaultPack() {}

    /** Evaluates a facts document. */
    static EvaluationResult evaluate(String json) {
        return EVALUATOR.evaluate(FactsJson.read(json, null));
    }

    /** The violations of one clause. */
    static List<Violation> violations(String json, String clause) {
        return violations(evaluate(json), clause);
    }

    /** The violations of one clause in a result. */
    static List<Violation> violations(EvaluationResult result, String clause) {
        return result.violations().stream()
                .filter(v -> v.clauseId().equals(clause))
                .toList();
    }

    /** The notices of a facts document. */
    static List<Notice> notices(String json) {
        return evaluate(json).notices();
    }
}
