package org.auprules.decisionlog;

import java.io.Closeable;
import java.util.Objects;
import org.auprules.api.AupEvaluator;
import org.auprules.api.EvaluationResult;
import org.auprules.api.PolicyInfo;
import org.auprules.api.facts.FactSet;
import org.auprules.api.policy.ClauseCatalog;

/**
 * An {@link AupEvaluator} that writes every evaluation to a {@link DecisionLog}, then returns its
 * result. Input that the evaluator rejects is not logged, since nothing was decided. When the
 * line cannot be written the evaluation fails too: a decision that must be audited is never
 * handed out unrecorded. Thread-safe when the evaluator it wraps is.
 *
 * <pre>{@code
 * try (DecisionLoggingEvaluator evaluator = new DecisionLoggingEvaluator(
 *         DroolsAupEvaluator.builder().defaultPolicy().build(), DecisionLog.open(Path.of("decisions.jsonl")))) {
 *     EvaluationResult result = evaluator.evaluate(facts);
 * }
 * }</pre>
 */
public final class DecisionLoggingEvaluator implements AupEvaluator, Closeable {

    private final AupEvaluator delegate;
    private final DecisionLog log;

    /**
     * Wraps an evaluator so that every decision it makes is logged.
     *
     * @param delegate the evaluator that decides
     * @param log      the log every decision is appended to; closed with this evaluator
     */
    public DecisionLoggingEvaluator(AupEvaluator delegate, DecisionLog log) {
        this.delegate = Objects.requireNonNull(delegate, "evaluator must not be null");
        this.log = Objects.requireNonNull(log, "decision log must not be null");
    }

    /**
     * Evaluates with the wrapped evaluator and logs the decision.
     *
     * @param facts the facts to judge
     * @return the wrapped evaluator's result, once it is in the log
     * @throws java.io.UncheckedIOException when the decision cannot be logged
     */
    @Override
    public EvaluationResult evaluate(FactSet facts) {
        EvaluationResult result = delegate.evaluate(facts);
        log.append(facts, result);
        return result;
    }

    /**
     * The policy of the wrapped evaluator, which is the one the log records.
     *
     * @return the wrapped evaluator's policy
     */
    @Override
    public PolicyInfo policy() {
        return delegate.policy();
    }

    /**
     * The clauses of the wrapped evaluator's policy.
     *
     * @return the wrapped evaluator's catalog
     */
    @Override
    public ClauseCatalog catalog() {
        return delegate.catalog();
    }

    /**
     * The log decisions go to.
     *
     * @return the log this evaluator appends to and closes
     */
    public DecisionLog log() {
        return log;
    }

    /** Closes the log. */
    @Override
    public void close() {
        log.close();
    }
}
