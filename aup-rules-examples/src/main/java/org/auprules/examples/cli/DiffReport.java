package org.auprules.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;
import org.auprules.api.Evidence;
import org.auprules.api.PolicyInfo;
import org.auprules.api.Violation;
import org.auprules.internal.PrettyJson;
import org.auprules.json.ResultJson;
import org.auprules.testing.PolicyDiff;
import org.auprules.testing.PolicyDiff.ViolationChange;

/** The output of {@code aup-rules diff}: the changes per facts file, then the summary table. */
final class DiffReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The diff of one facts file.
     *
     * @param source the file, or {@code <stdin>}
     * @param diff   what changed
     */
    record FileDiff(String source, PolicyDiff diff) {}

    private DiffReport() {}

    /** The text report. */
    static String text(String baseArg, String headArg, List<FileDiff> files) {
        PolicyInfo base = files.get(0).diff().base().policy();
        PolicyInfo head = files.get(0).diff().head().policy();
        StringBuilder sb = new StringBuilder();
        sb.append("base  ")
                .append(policyLine(base))
                .append("  (")
                .append(PolicyArgument.describe(baseArg))
                .append(")\n");
        sb.append("head  ")
                .append(policyLine(head))
                .append("  (")
                .append(PolicyArgument.describe(headArg))
                .append(")\n");
        if (base.digest().equals(head.digest())) {
            sb.append("the two packs are identical (same digest)\n");
        }
        for (FileDiff f : files) {
            int accounts = f.diff().base().summary().accounts();
            sb.append('\n')
                    .append(f.source())
                    .append("  (")
                    .append(accounts)
                    .append(accounts == 1 ? " account)\n" : " accounts)\n");
            if (f.diff().unchanged()) {
                sb.append("  no change\n");
            }
            for (ViolationChange c : f.diff().changes()) {
                sb.append("  ").append(change(c)).append('\n');
            }
        }
        List<PolicyDiff.Row> rows =
                PolicyDiff.summarize(files.stream().map(FileDiff::diff).toList());
        sb.append('\n').append(table(rows));
        PolicyDiff.Row total = rows.get(rows.size() - 1);
        int changes = total.appeared() + total.disappeared() + total.changed();
        sb.append('\n')
                .append(
                        changes == 0
                                ? "no changes"
                                : changes + (changes == 1 ? " change: " : " changes: ")
                                        + total.appeared() + " appeared, " + total.disappeared() + " disappeared, "
                                        + total.changed()
                                        + " changed")
                .append('\n');
        return sb.toString();
    }

    private static String policyLine(PolicyInfo p) {
        String digest = p.digest().length() > 19 ? p.digest().substring(0, 19) + "…" : p.digest();
        return p.name() + " " + p.version() + "  " + digest;
    }

    /** {@code + acc-1  1.A.2  HIGH CONFIRMED  `rule`: message}, {@code -} for gone, {@code ~} for changed. */
    private static String change(ViolationChange c) {
        return switch (c.type()) {
            case APPEARED ->
                "+ " + c.accountId() + "  " + c.clause() + "  "
                        + describe(c.head().orElseThrow());
            case DISAPPEARED ->
                "- " + c.accountId() + "  " + c.clause() + "  "
                        + describe(c.base().orElseThrow());
            case CHANGED -> "~ " + c.accountId() + "  " + c.clause() + "  `" + c.ruleId() + "`: " + aspects(c);
        };
    }

    private static String describe(Violation v) {
        return v.severity() + " " + v.certainty() + "  `" + v.ruleId() + "`: " + v.message();
    }

    private static String aspects(ViolationChange c) {
        Violation b = c.base().orElseThrow();
        Violation h = c.head().orElseThrow();
        return c.aspects().stream()
                .sorted()
                .map(a -> switch (a) {
                    case SEVERITY -> "severity " + b.severity() + " → " + h.severity();
                    case CERTAINTY -> "certainty " + b.certainty() + " → " + h.certainty();
                    case EVIDENCE -> "evidence " + evidence(b.evidence()) + " → " + evidence(h.evidence());
                })
                .collect(Collectors.joining(", "));
    }

    private static String evidence(List<Evidence> evidence) {
        return evidence.stream().map(e -> e.type() + " " + e.id()).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String table(List<PolicyDiff.Row> rows) {
        int width = Math.max(
                "clause".length(),
                rows.stream().mapToInt(r -> r.clause().length()).max().orElse(0));
        String format = "%-" + width + "s  %5s  %5s  %8s  %11s  %7s%n";
        StringBuilder sb = new StringBuilder(
                String.format(format, "clause", "base", "head", "appeared", "disappeared", "changed"));
        for (PolicyDiff.Row r : rows) {
            sb.append(
                    String.format(format, r.clause(), r.base(), r.head(), r.appeared(), r.disappeared(), r.changed()));
        }
        return sb.toString();
    }

    /** The JSON report. */
    static String json(List<FileDiff> files) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("base", policy(files.get(0).diff().base().policy()));
        root.set("head", policy(files.get(0).diff().head().policy()));
        ArrayNode out = root.putArray("files");
        for (FileDiff f : files) {
            ObjectNode file = out.addObject();
            file.put("source", f.source());
            file.put("accounts", f.diff().base().summary().accounts());
            ArrayNode changes = file.putArray("changes");
            for (ViolationChange c : f.diff().changes()) {
                ObjectNode n = changes.addObject();
                n.put("type", c.type().name());
                n.put("accountId", c.accountId());
                n.put("clause", c.clause());
                n.put("ruleId", c.ruleId());
                ArrayNode aspects = n.putArray("aspects");
                c.aspects().stream().sorted().forEach(a -> aspects.add(a.name()));
                c.base().ifPresentOrElse(v -> n.set("base", ResultJson.violation(v)), () -> n.putNull("base"));
                c.head().ifPresentOrElse(v -> n.set("head", ResultJson.violation(v)), () -> n.putNull("head"));
            }
        }
        List<PolicyDiff.Row> rows =
                PolicyDiff.summarize(files.stream().map(FileDiff::diff).toList());
        ArrayNode summary = root.putArray("summary");
        for (PolicyDiff.Row r : rows) {
            summary.addObject()
                    .put("clause", r.clause())
                    .put("base", r.base())
                    .put("head", r.head())
                    .put("appeared", r.appeared())
                    .put("disappeared", r.disappeared())
                    .put("changed", r.changed());
        }
        root.put("changed", files.stream().anyMatch(f -> !f.diff().unchanged()));
        return PrettyJson.write(root, "the diff");
    }

    private static ObjectNode policy(PolicyInfo p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", p.name());
        n.put("version", p.version());
        n.put("digest", p.digest());
        return n;
    }
}
