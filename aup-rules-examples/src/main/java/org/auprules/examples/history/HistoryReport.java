package org.auprules.examples.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Violation;
import org.auprules.examples.changes.ViolationChange;
import org.auprules.internal.PrettyJson;
import org.auprules.json.ResultJson;

/** What {@code evaluate --since-last} prints: the changes since the previous run of the history store. */
public final class HistoryReport {

    private HistoryReport() {}

    /**
     * The changes as text, one line each, under a heading naming the store.
     *
     * @param store the store, as the user named it
     * @param changes the changes since the previous run
     * @return the text, ending with a newline
     */
    public static String text(String store, List<ViolationChange> changes) {
        StringBuilder b = new StringBuilder();
        b.append("\nsince the last run of ").append(store).append(": ");
        long opened = count(changes, ViolationChange.Kind.OPENED);
        long changed = count(changes, ViolationChange.Kind.CHANGED);
        long resolved = count(changes, ViolationChange.Kind.RESOLVED);
        b.append(opened).append(" opened, ").append(changed).append(" changed, ");
        b.append(resolved).append(" resolved\n");
        for (ViolationChange c : changes) {
            Violation v = c.violation();
            b.append(String.format(
                    "  %-8s %s  %s  %s  %s", c.kind(), v.accountId(), v.clauseId(), v.severity(), v.ruleId()));
            Violation was = c.previous();
            if (c.kind() == ViolationChange.Kind.CHANGED && was != null) {
                List<String> what = new ArrayList<>();
                if (was.severity() != v.severity()) {
                    what.add("severity " + was.severity() + " -> " + v.severity());
                }
                if (was.certainty() != v.certainty()) {
                    what.add("certainty " + was.certainty() + " -> " + v.certainty());
                }
                if (!was.evidence().equals(v.evidence())) {
                    what.add("evidence " + ids(was) + " -> " + ids(v));
                }
                b.append("  (").append(String.join(", ", what)).append(')');
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * The output document of docs/contract.md with a {@code changes} array added, each change as
     * {@link ViolationChange#toJson()} writes it.
     *
     * @param result the result of this run
     * @param changes the changes since the previous run
     * @return the JSON text, ending with a newline
     */
    public static String json(EvaluationResult result, List<ViolationChange> changes) {
        ObjectNode doc = ResultJson.toTree(result);
        ArrayNode list = doc.putArray("changes");
        changes.forEach(c -> list.add(c.toJson()));
        return PrettyJson.write(doc, "result");
    }

    /**
     * The changes as JSON Lines, one compact {@link ViolationChange#toJson()} object a line.
     *
     * @param changes the changes since the previous run
     * @return the lines, each ending with a newline
     */
    public static String jsonLines(List<ViolationChange> changes) {
        StringBuilder b = new StringBuilder();
        changes.forEach(c -> b.append(c.toJson()).append('\n'));
        return b.toString();
    }

    private static long count(List<ViolationChange> changes, ViolationChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    private static String ids(Violation v) {
        return v.evidence().stream().map(e -> e.id()).toList().toString();
    }
}
