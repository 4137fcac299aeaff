package org.auprules.examples.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Notice;
import org.auprules.api.PolicyInfo;
import org.auprules.api.Summary;
import org.auprules.api.Violation;

/** The result as a person reads it: violations grouped by account. */
final class TextReport {

    private TextReport() {}

    static String render(EvaluationResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(header(r.policy(), r.evaluatedAt())).append('\n');
        sb.append(summary(r.summary())).append('\n');
        Map<String, List<Violation>> byAccount = new LinkedHashMap<>();
        r.violations().forEach(v -> byAccount
                .computeIfAbsent(v.accountId(), k -> new java.util.ArrayList<>())
                .add(v));
        for (Map.Entry<String, List<Violation>> e : byAccount.entrySet()) {
            appendAccount(sb, e.getKey(), e.getValue());
        }
        if (!r.notices().isEmpty()) {
            sb.append("\nnotices\n");
            r.notices().forEach(n -> appendNotice(sb, n));
        }
        appendSuppressed(sb, r);
        return sb.toString();
    }

    /** The first line: the policy and the moment of evaluation. */
    static String header(PolicyInfo policy, java.time.Instant evaluatedAt) {
        return policy.name() + ' ' + policy.version() + "  (" + shortDigest(policy.digest()) + ")  evaluated at "
                + evaluatedAt;
    }

    /** How many accounts and violations, and the violations by severity, highest first. */
    static String summary(Summary s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.accounts())
                .append(s.accounts() == 1 ? " account, " : " accounts, ")
                .append(s.violations())
                .append(s.violations() == 1 ? " violation" : " violations");
        if (!s.bySeverity().isEmpty()) {
            sb.append(": ")
                    .append(s.bySeverity().entrySet().stream()
                            .sorted(Map.Entry.<org.auprules.api.Severity, Integer>comparingByKey()
                                    .reversed())
                            .map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", ")));
        }
        return sb.toString();
    }

    /** One account's violations, after a blank line and the account id. */
    static void appendAccount(StringBuilder sb, String accountId, List<Violation> violations) {
        sb.append('\n').append(accountId).append('\n');
        for (Violation v : violations) {
            sb.append(String.format("  %-6s %-8s %-9s %s%n", v.clauseId(), v.severity(), v.certainty(), v.ruleId()));
            sb.append("         ").append(v.message()).append('\n');
            sb.append("         clause: ")
                    .append(v.clause().heading())
                    .append(" — ")
                    .append(abbreviate(v.clause().text()))
                    .append('\n');
            sb.append("         evidence: ")
                    .append(v.evidence().stream()
                            .map(x -> x.type() + " " + x.id())
                            .collect(Collectors.joining(", ")))
                    .append('\n');
            sb.append("         actions: ")
                    .append(v.actions().stream()
                            .map(a -> a.modality() + " " + a.action() + " (" + a.authority() + ")")
                            .distinct()
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
    }

    /** One notice as one line. */
    static void appendNotice(StringBuilder sb, Notice n) {
        sb.append("  ")
                .append(n.kind())
                .append("  ")
                // a notice about no report (UNKNOWN_PLAN) is named by its account alone
                .append(
                        n.reportId().isEmpty()
                                ? n.accountId().orElse("")
                                : n.reportId()
                                        + n.accountId().map(a -> " (" + a + ")").orElse(""))
                .append(": ")
                .append(n.message());
        if (!n.missing().isEmpty()) {
            sb.append(" [missing: ").append(String.join(", ", n.missing())).append(']');
        }
        sb.append('\n');
    }

    /** The violations waivers set apart, one line each with the waiver that did it. */
    private static void appendSuppressed(StringBuilder sb, EvaluationResult r) {
        if (r.suppressed().isEmpty()) {
            return;
        }
        sb.append("\nsuppressed by waivers (").append(r.suppressed().size()).append(")\n");
        for (org.auprules.api.SuppressedViolation s : r.suppressed()) {
            Violation v = s.violation();
            sb.append(String.format(
                    "  %-14s %-6s %-8s %s  [waiver %s]%n",
                    v.accountId(), v.clauseId(), v.severity(), v.ruleId(), s.waiver()));
        }
    }

    private static String shortDigest(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 100 ? oneLine.substring(0, 99) + "…" : oneLine;
    }
}
