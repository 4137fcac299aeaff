package org.auprules.examples.cli;

import java.util.ArrayList;
import java.util.List;
import org.auprules.api.Escalation;
import org.auprules.api.Explanation;
import org.auprules.api.Explanation.ClauseExplanation;
import org.auprules.api.Explanation.EscalationApplied;
import org.auprules.api.Explanation.NearMiss;
import org.auprules.api.SuppressedViolation;
import org.auprules.api.Violation;
import org.auprules.api.policy.AuthorizedAction;

/** The text of {@code aup-rules explain}: per clause, what fired, what was waived, what was escalated, what was not met. */
final class ExplainReport {

    private ExplainReport() {}

    /** {@return the explanation in lines, as {@code aup-rules explain} prints it}
     *
     * @param why the explanation
     */
    static String render(Explanation why) {
        String accountId = why.accountId();
        String plan = why.plan();
        java.time.Instant evaluatedAt = why.evaluatedAt();
        List<ClauseExplanation> clauses = why.clauses();
        StringBuilder sb = new StringBuilder();
        sb.append(accountId)
                .append(plan == null ? " (default thresholds)" : " (plan `" + plan + "`)")
                .append(", evaluated at ")
                .append(evaluatedAt)
                .append('\n');
        if (clauses.isEmpty()) {
            sb.append("  no rule fired, and no threshold rule is in scope\n");
        }
        for (ClauseExplanation c : clauses) {
            sb.append('\n').append(c.clause()).append('\n');
            for (Violation v : c.violations()) {
                sb.append("  fired    ")
                        .append(v.ruleId())
                        .append("  [")
                        .append(v.severity())
                        .append("]\n");
                sb.append("           ").append(v.message()).append('\n');
                sb.append("           evidence: ").append(evidence(v)).append('\n');
            }
            for (SuppressedViolation s : c.suppressed()) {
                sb.append("  waived   ")
                        .append(s.violation().ruleId())
                        .append("  [waiver ")
                        .append(s.waiver())
                        .append("]\n");
                sb.append("           ").append(s.violation().message()).append('\n');
            }
            for (EscalationApplied e : c.escalations()) {
                Escalation x = e.escalation();
                sb.append("  raised   ")
                        .append(x.ruleId())
                        .append("  [escalation ")
                        .append(x.row())
                        .append("]\n");
                sb.append("           ").append(e.description()).append('\n');
                sb.append("           ")
                        .append(e.priorFindings().size())
                        .append(e.priorFindings().size() == 1 ? " prior violation" : " prior violations")
                        .append(" in the ")
                        .append(e.withinDays())
                        .append(" days before, ")
                        .append(e.needed())
                        .append(" needed: ");
                List<String> prior = new ArrayList<>();
                e.priorFindings().forEach(p -> prior.add(p.clause() + " at " + p.date()));
                sb.append(String.join(", ", prior)).append('\n');
                sb.append("           severity ").append(x.from());
                sb.append(x.to() == x.from() ? " (unchanged)" : " -> " + x.to());
                if (!x.added().isEmpty()) {
                    List<String> added = new ArrayList<>();
                    for (AuthorizedAction a : x.added()) {
                        added.add(a.action() + " (" + a.modality() + ", "
                                + a.authority().value() + ")");
                    }
                    sb.append("; adds ").append(String.join(", ", added));
                }
                sb.append('\n');
            }
            for (NearMiss m : c.nearMisses()) {
                sb.append("  not met  ").append(m.ruleId()).append('\n');
                sb.append("           ").append(m.text()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String evidence(Violation v) {
        List<String> out = new ArrayList<>();
        v.evidence().forEach(e -> out.add(e.type() + " " + e.id()));
        return String.join(", ", out);
    }
}
