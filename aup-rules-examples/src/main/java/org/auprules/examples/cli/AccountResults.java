package org.auprules.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.auprules.api.Escalation;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Notice;
import org.auprules.api.PolicyInfo;
import org.auprules.api.Severity;
import org.auprules.api.Summary;
import org.auprules.api.SuppressedViolation;
import org.auprules.api.Violation;
import org.auprules.api.policy.Category;
import org.auprules.examples.changes.ViolationChange;
import org.auprules.examples.history.HistoryReport;
import org.auprules.json.FactsJsonLines;
import org.auprules.json.ResultJson;
import org.jspecify.annotations.Nullable;

/**
 * Prints results account by account, as they come: one JSON line per account (between a header
 * line and a summary line), the text report, or, for {@code --format json}, the whole output
 * document at the end. Only the counts, the fired rules and the highest severity are kept, so
 * memory does not grow with the fleet, except for {@code --format json}, which holds every violation,
 * and the text report, which holds the violations that waivers set apart for its closing section. A
 * JSON line carries its account's {@code suppressed} violations and, when there are any, its
 * {@code escalations}, as the whole document does.
 */
final class AccountResults implements FactsJsonLines.Evaluator.Sink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputFormat format;
    private final PolicyInfo policy;
    private final PrintWriter out;
    private final TreeSet<String> fired = new TreeSet<>();
    private final Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    private final Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
    private final List<Violation> allViolations = new ArrayList<>();
    private final List<SuppressedViolation> allSuppressed = new ArrayList<>();
    private final List<Escalation> allEscalations = new ArrayList<>();
    private final TreeSet<Notice> allNotices = new TreeSet<>();
    private final List<Notice> pendingNotices = new ArrayList<>();
    private Instant evaluatedAt = Instant.EPOCH;
    private int accounts;
    private int violations;
    private int suppressed;
    private Optional<Severity> maxSeverity = Optional.empty();

    AccountResults(OutputFormat format, PolicyInfo policy, PrintWriter out) {
        this.format = format;
        this.policy = policy;
        this.out = out;
    }

    @Override
    public void start(Instant at) {
        evaluatedAt = at;
        if (format == OutputFormat.JSONL) {
            ObjectNode header = JSON.createObjectNode();
            ObjectNode p = header.putObject("policy");
            p.put("name", policy.name());
            p.put("version", policy.version());
            p.put("digest", policy.digest());
            header.put("evaluatedAt", at.toString());
            out.println(write(header));
        } else if (format == OutputFormat.TEXT) {
            out.println(TextReport.header(policy, at));
        }
    }

    @Override
    public void account(FactsJsonLines.Evaluator.AccountResult r) {
        account(
                r.line(),
                r.accountId(),
                r.result().violations(),
                r.result().notices(),
                r.result().firedRules(),
                r.result().suppressed(),
                r.result().escalations());
    }

    /**
     * One account's findings; {@code line} is 0 when the account came in a whole document.
     *
     * @param line        the input line, or 0
     * @param accountId   the account
     * @param found       its violations
     * @param notices     its notices
     * @param rules       the rules that fired on it
     * @param waived      its violations that waivers set apart
     * @param escalations its violations' escalations
     */
    void account(
            int line,
            String accountId,
            List<Violation> found,
            List<Notice> notices,
            List<String> rules,
            List<SuppressedViolation> waived,
            List<Escalation> escalations) {
        accounts++;
        suppressed += waived.size();
        fired.addAll(rules);
        for (Violation v : found) {
            violations++;
            bySeverity.merge(v.severity(), 1, Integer::sum);
            byCategory.merge(v.category(), 1, Integer::sum);
            if (maxSeverity.isEmpty() || v.severity().compareTo(maxSeverity.get()) > 0) {
                maxSeverity = Optional.of(v.severity());
            }
        }
        switch (format) {
            case JSONL -> {
                ObjectNode n = JSON.createObjectNode();
                if (line > 0) {
                    n.put("line", line);
                }
                n.put("accountId", accountId);
                ArrayNode vs = n.putArray("violations");
                found.forEach(v -> vs.add(ResultJson.violation(v)));
                ArrayNode ss = n.putArray("suppressed");
                waived.forEach(w -> ss.add(ResultJson.violation(w.violation()).put("waiver", w.waiver())));
                ArrayNode ns = n.putArray("notices");
                notices.forEach(x -> ns.add(ResultJson.notice(x)));
                if (!escalations.isEmpty()) {
                    ArrayNode es = n.putArray("escalations");
                    escalations.forEach(e -> es.add(ResultJson.escalation(e)));
                }
                out.println(write(n));
            }
            case TEXT -> {
                if (!found.isEmpty() || !notices.isEmpty()) {
                    StringBuilder sb = new StringBuilder();
                    TextReport.appendAccount(sb, accountId, found);
                    notices.forEach(x -> TextReport.appendNotice(sb, x));
                    out.print(sb);
                }
                allSuppressed.addAll(waived);
            }
            case JSON -> {
                allViolations.addAll(found);
                allNotices.addAll(notices);
                allSuppressed.addAll(waived);
                allEscalations.addAll(escalations);
            }
            default -> throw new IllegalStateException("not a format of a stream: " + format);
        }
    }

    /** Notices that concern no account of a whole document, given once after its accounts. */
    void unattributed(List<Notice> notices) {
        allNotices.addAll(notices);
        if (format == OutputFormat.TEXT && !notices.isEmpty()) {
            StringBuilder sb = new StringBuilder("\nnotices\n");
            notices.forEach(x -> TextReport.appendNotice(sb, x));
            out.print(sb);
        } else if (format == OutputFormat.JSONL) {
            pendingNotices.addAll(notices);
        }
    }

    /** Prints what comes after the last account: the summary, or the whole document. */
    void finish() {
        finish(null);
    }

    /**
     * Prints what comes after the last account; the whole document of {@code json} gets the
     * {@code changes} of {@code --since-last} when they are given.
     */
    void finish(@Nullable List<ViolationChange> changes) {
        Summary summary = new Summary(accounts, violations, bySeverity, byCategory, suppressed);
        switch (format) {
            case JSONL -> {
                ObjectNode n = JSON.createObjectNode();
                n.set("summary", ResultJson.summary(summary));
                if (!pendingNotices.isEmpty()) {
                    ArrayNode ns = n.putArray("notices");
                    pendingNotices.forEach(x -> ns.add(ResultJson.notice(x)));
                }
                ArrayNode rules = n.putArray("firedRules");
                fired.forEach(rules::add);
                out.println(write(n));
            }
            case TEXT -> {
                StringBuilder sb = new StringBuilder();
                TextReport.appendSuppressed(sb, allSuppressed.stream().sorted().toList());
                out.print(sb);
                out.println("\n" + TextReport.summary(summary));
            }
            case JSON -> {
                EvaluationResult whole = new EvaluationResult(
                        policy,
                        evaluatedAt,
                        allViolations.stream().sorted().toList(),
                        List.copyOf(allNotices),
                        List.copyOf(fired),
                        summary,
                        allSuppressed.stream().sorted().toList(),
                        allEscalations.stream().sorted().toList());
                out.print(changes == null ? ResultJson.write(whole) : HistoryReport.json(whole, changes));
            }
            default -> throw new IllegalStateException("not a format of a stream: " + format);
        }
        out.flush();
    }

    /** {@return the most severe violation seen, if any} */
    Optional<Severity> maxSeverity() {
        return maxSeverity;
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a result line", e);
        }
    }
}
