package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import org.auprules.api.EvaluationResult;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.examples.changes.ViolationChange;
import org.auprules.examples.history.HistoryException;
import org.auprules.examples.history.HistoryReport;
import org.auprules.examples.history.HistoryStore;

/** {@code --history DB} and {@code --since-last}: the findings store of docs/abuse-desk.md. */
final class HistoryOption {

    /** Exit code when the history store cannot be opened, read or written. */
    static final int HISTORY_FAILED = 5;

    private final HistoryStore store;
    private final PrintWriter err;

    private HistoryOption(HistoryStore store, PrintWriter err) {
        this.store = store;
        this.err = err;
    }

    /** Opens the store (migrating its schema), or ends with exit code 5. */
    static HistoryOption open(String db, PrintWriter err) {
        try {
            return new HistoryOption(HistoryStore.open(db), err);
        } catch (HistoryException e) {
            throw fail(e, err);
        }
    }

    /** The facts with the stored prior findings of their accounts added to their history. */
    FactSet withPriorFindings(FactSet facts) {
        try {
            return store.withPriorFindings(facts);
        } catch (HistoryException e) {
            throw fail(e, err);
        }
    }

    /** Records the run in one transaction, before anything is printed; ends with exit code 5 when it cannot. */
    List<ViolationChange> record(FactSet facts, EvaluationResult result, CompiledPolicy policy) {
        try {
            return store.record(facts, result, policy.catalog());
        } catch (HistoryException e) {
            throw fail(e, err);
        }
    }

    /** Records the accounts of a JSON Lines run in one transaction; ends with exit code 5 when it cannot. */
    List<ViolationChange> record(Collection<String> accountIds, EvaluationResult result, CompiledPolicy policy) {
        try {
            return store.record(accountIds, result, policy.catalog());
        } catch (HistoryException e) {
            throw fail(e, err);
        }
    }

    /** The text of --since-last. */
    String text(List<ViolationChange> changes) {
        return HistoryReport.text(store.name(), changes);
    }

    private static ExitException fail(HistoryException e, PrintWriter err) {
        err.println("aup-rules: " + e.getMessage());
        err.flush();
        return new ExitException(HISTORY_FAILED);
    }
}
