package org.auprules.api;

import org.auprules.api.facts.FactSet;
import org.auprules.api.policy.ClauseCatalog;

/**
 * Judges facts about accounts against an Acceptable Use Policy.
 *
 * <p>Implementations are thread-safe: one evaluator serves any number of threads at once, and the
 * same facts always give an equal result.
 *
 * <pre>{@code
 * AupEvaluator evaluator = DroolsAupEvaluator.builder().defaultPolicy().build();
 * EvaluationResult result = evaluator.evaluate(facts);
 * result.violations().forEach(v -> System.out.println(v.clauseId() + " " + v.message()));
 * }</pre>
 */
public interface AupEvaluator {

    /**
     * Evaluates every account in {@code facts}.
     *
     * @param facts the facts to judge
     * @return the violations, notices and the policy that found them
     * @throws InvalidFactsException when the facts break the contract (an unknown account, a
     *                               missing id); nothing is evaluated then
     * @throws EvaluationFailedException when a rule of the policy throws; it names the rule and
     *                                   the account, and no partial result is returned
     */
    EvaluationResult evaluate(FactSet facts);

    /** {@return the policy this evaluator applies now} */
    PolicyInfo policy();

    /** {@return the clause catalog of the policy this evaluator applies now} */
    ClauseCatalog catalog();
}
