package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.auprules.api.AupEvaluator;
import org.auprules.api.Escalation;
import org.auprules.api.EvaluationResult;
import org.auprules.api.PolicyInfo;
import org.auprules.api.Summary;
import org.auprules.api.SuppressedViolation;
import org.auprules.api.Violation;
import org.auprules.api.facts.FactSet;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.drools.CompiledPolicy;
import org.auprules.examples.changes.ViolationChange;
import org.auprules.examples.history.HistoryReport;
import org.auprules.json.FactsJsonLines;
import org.jspecify.annotations.Nullable;

/**
 * {@code evaluate --history DB} of a JSON Lines input. Each line's account is evaluated with the
 * store's prior findings of that account added to its history, as a whole document's accounts
 * are; every account's findings are kept (not its facts) and recorded in one transaction once the
 * whole stream has been evaluated, so a stream that stops at a bad line, or a store that fails,
 * records nothing. The accounts' lines are printed as they finish, before the run is recorded.
 */
final class LinesHistory {

    private final HistoryOption store;
    private final boolean sinceLast;
    private final Set<String> accounts = new LinkedHashSet<>();
    private final List<Violation> violations = new ArrayList<>();
    private final List<SuppressedViolation> suppressed = new ArrayList<>();
    private final List<Escalation> escalations = new ArrayList<>();
    private Instant evaluatedAt = Instant.EPOCH;

    LinesHistory(HistoryOption store, boolean sinceLast) {
        this.store = store;
        this.sinceLast = sinceLast;
    }

    /** {@return an evaluator that adds the store's prior findings of a line's account before evaluating it} */
    AupEvaluator withPriorFindings(AupEvaluator evaluator) {
        return new AupEvaluator() {
            @Override
            public EvaluationResult evaluate(FactSet facts) {
                return evaluator.evaluate(store.withPriorFindings(facts));
            }

            @Override
            public PolicyInfo policy() {
                return evaluator.policy();
            }

            @Override
            public ClauseCatalog catalog() {
                return evaluator.catalog();
            }
        };
    }

    /** {@return a sink that keeps each account's findings for the record, then hands the result on} */
    FactsJsonLines.Evaluator.Sink keeping(FactsJsonLines.Evaluator.Sink next) {
        return new FactsJsonLines.Evaluator.Sink() {
            @Override
            public void start(Instant at) {
                evaluatedAt = at;
                next.start(at);
            }

            @Override
            public void account(FactsJsonLines.Evaluator.AccountResult r) {
                accounts.add(r.accountId());
                violations.addAll(r.result().violations());
                suppressed.addAll(r.result().suppressed());
                escalations.addAll(r.result().escalations());
                next.account(r);
            }
        };
    }

    /**
     * Records every account of the stream in one transaction; ends with exit code 5 when it cannot.
     *
     * @return the changes since the store's previous run, or {@code null} without {@code --since-last}
     */
    @Nullable
    List<ViolationChange> record(CompiledPolicy policy) {
        List<Violation> all = new ArrayList<>(violations);
        Collections.sort(all);
        List<SuppressedViolation> apart = new ArrayList<>(suppressed);
        Collections.sort(apart);
        EvaluationResult whole = new EvaluationResult(
                policy.info(),
                evaluatedAt,
                all,
                List.of(),
                List.of(),
                Summary.of(accounts.size(), all, apart.size()),
                apart,
                escalations.stream().sorted().toList());
        List<ViolationChange> changes = store.record(accounts, whole, policy);
        return sinceLast ? changes : null;
    }

    /** Prints what {@code --since-last} adds after the stream's own output, for text and jsonl. */
    void printChanges(@Nullable List<ViolationChange> changes, OutputFormat format, PrintWriter out) {
        if (changes == null) {
            return;
        }
        if (format == OutputFormat.TEXT) {
            out.print(store.text(changes));
        } else if (format == OutputFormat.JSONL) {
            out.print(HistoryReport.jsonLines(changes));
        }
        out.flush();
    }
}
