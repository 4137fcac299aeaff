package org.auprules.drools;

import java.util.List;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Violation;
import org.auprules.json.FactsJson;

/** The default policy compiled once per test JVM, and short ways to evaluate JSON facts with it. */
final class TestPolicy {

    static final DroolsAupEvaluator DEFAULT =
            DroolsAupEvaluator.builder().defaultPolicy().build();

    private TestPolicy() {}

    /** Evaluates a facts document with the default policy. */
    static EvaluationResult evaluate(String json) {
        return DEFAULT.evaluate(FactsJson.read(json, null));
    }

    /** The rule ids of the violations of one clause. */
    static List<String> rulesCiting(EvaluationResult result, String clause) {
        return result.violations().stream()
                .filter(v -> v.clauseId().equals(clause))
                .map(Violation::ruleId)
                .toList();
    }

    /** The clause ids cited, in output order. */
    static List<String> clauses(EvaluationResult result) {
        return result.violations().stream().map(Violation::clauseId).toList();
    }
}
