package org.auprules.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.auprules.api.Escalation;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.Explanation;
import org.auprules.api.Explanation.ClauseExplanation;
import org.auprules.api.Explanation.EscalationApplied;
import org.auprules.api.Explanation.NearMiss;
import org.auprules.api.Notice;
import org.auprules.api.Summary;
import org.auprules.api.Violation;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.internal.PrettyJson;

/**
 * Writes the output document of docs/contract.md. The same result always gives byte-identical text.
 *
 * <pre>{@code
 * String json = ResultJson.write(result);
 * }</pre>
 */
public final class ResultJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResultJson() {}

    /**
     * The output document, pretty-printed with two-space indentation and a final newline.
     *
     * @param result the result to write
     * @return the JSON text
     */
    public static String write(EvaluationResult result) {
        return PrettyJson.write(toTree(result), "result");
    }

    /**
     * The output document as one line, for logs.
     *
     * @param result the result to write
     * @return the JSON text, without whitespace or a final newline
     */
    public static String writeCompact(EvaluationResult result) {
        try {
            return MAPPER.writeValueAsString(toTree(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write result", e);
        }
    }

    /**
     * The output document as a tree, for callers that add to it or write it their own way.
     *
     * @param result the result to write
     * @return the document's root object
     */
    public static ObjectNode toTree(EvaluationResult result) {
        ObjectNode root = NODES.objectNode();
        ObjectNode policy = root.putObject("policy");
        policy.put("name", result.policy().name());
        policy.put("version", result.policy().version());
        policy.put("digest", result.policy().digest());
        root.put("evaluatedAt", result.evaluatedAt().toString());
        ArrayNode violations = root.putArray("violations");
        result.violations().forEach(v -> violations.add(violation(v)));
        ArrayNode suppressed = root.putArray("suppressed");
        result.suppressed().forEach(s -> suppressed.add(violation(s.violation()).put("waiver", s.waiver())));
        ArrayNode notices = root.putArray("notices");
        result.notices().forEach(n -> notices.add(notice(n)));
        if (!result.escalations().isEmpty()) {
            ArrayNode escalations = root.putArray("escalations");
            result.escalations().forEach(e -> escalations.add(escalation(e)));
        }
        root.set("summary", summary(result.summary()));
        ArrayNode fired = root.putArray("firedRules");
        result.firedRules().forEach(fired::add);
        return root;
    }

    /**
     * One violation as the output document writes it, for reports that quote single violations,
     * such as a diff of two results.
     *
     * @param v the violation
     * @return its object: rule id, clause, category, severity, certainty, account, actions,
     *         message and evidence
     */
    public static ObjectNode violation(Violation v) {
        ObjectNode n = NODES.objectNode();
        n.put("ruleId", v.ruleId());
        ObjectNode clause = n.putObject("clause");
        clause.put("id", v.clause().id().value());
        clause.put("heading", v.clause().heading());
        clause.put("text", v.clause().text());
        n.put("category", v.category().name());
        n.put("severity", v.severity().name());
        n.put("certainty", v.certainty().name());
        n.put("accountId", v.accountId());
        ArrayNode actions = n.putArray("actions");
        for (AuthorizedAction a : v.actions()) {
            ObjectNode an = actions.addObject();
            an.put("action", a.action().name());
            an.put("modality", a.modality().name());
            an.put("authority", a.authority().value());
        }
        n.put("message", v.message());
        ArrayNode evidence = n.putArray("evidence");
        for (Evidence e : v.evidence()) {
            ObjectNode en = evidence.addObject();
            en.put("type", e.type());
            en.put("id", e.id());
        }
        return n;
    }

    /**
     * One escalation as the output document writes it.
     *
     * @param e the escalation
     * @return its object: account, rule, clause, the row that applied, the prior violations counted,
     *         the severities before and after, and the actions added
     */
    public static ObjectNode escalation(Escalation e) {
        ObjectNode n = NODES.objectNode();
        n.put("accountId", e.accountId());
        n.put("ruleId", e.ruleId());
        n.put("clause", e.clause());
        n.put("escalation", e.row());
        n.put("priorViolations", e.priorFindings());
        n.put("from", e.from().name());
        n.put("to", e.to().name());
        ArrayNode added = n.putArray("addedActions");
        for (AuthorizedAction a : e.added()) {
            ObjectNode an = added.addObject();
            an.put("action", a.action().name());
            an.put("modality", a.modality().name());
            an.put("authority", a.authority().value());
        }
        return n;
    }

    /**
     * The summary as the output document writes it.
     *
     * @param s the summary
     * @return its object: accounts, violations, suppressed violations, and violations by severity and by
     *         category
     */
    public static ObjectNode summary(Summary s) {
        ObjectNode summary = NODES.objectNode();
        summary.put("accounts", s.accounts());
        summary.put("violations", s.violations());
        summary.put("suppressed", s.suppressed());
        ObjectNode bySeverity = summary.putObject("bySeverity");
        s.bySeverity().forEach((k, v) -> bySeverity.put(k.name(), v));
        ObjectNode byCategory = summary.putObject("byCategory");
        s.byCategory().forEach((k, v) -> byCategory.put(k.name(), v));
        return summary;
    }

    /**
     * One notice as the output document writes it.
     *
     * @param notice the notice
     * @return its object: report id, kind, missing parts, account and message
     */
    public static ObjectNode notice(Notice notice) {
        ObjectNode n = NODES.objectNode();
        n.put("reportId", notice.reportId());
        n.put("kind", notice.kind().name());
        ArrayNode missing = n.putArray("missing");
        notice.missing().forEach(missing::add);
        notice.accountId().ifPresent(a -> n.put("accountId", a));
        n.put("message", notice.message());
        return n;
    }
    /**
     * The explanation as JSON: {@code accountId}, {@code plan}, {@code evaluatedAt} and
     * {@code clauses}, each with {@code clause}, {@code violations} (rule, severity, message,
     * evidence), {@code suppressed} (the same plus {@code waiver}) and {@code nearMisses}
     * ({@code ruleId}, {@code threshold}, {@code limit}, {@code observed}, {@code evidence}, {@code text})
     * and {@code escalations} (an output document's escalation plus the row's {@code description},
     * {@code withinDays} and {@code needed}, and the {@code priorFindings} it counted).
     *
     * @param why the explanation
     * @return the JSON text, pretty-printed, with a final newline
     */
    public static String explanation(Explanation why) {
        String accountId = why.accountId();
        String plan = why.plan();
        Instant evaluatedAt = why.evaluatedAt();
        List<ClauseExplanation> clauses = why.clauses();
        ObjectNode root = NODES.objectNode();
        root.put("accountId", accountId);
        if (plan != null) {
            root.put("plan", plan);
        }
        root.put("evaluatedAt", evaluatedAt.toString());
        ArrayNode cs = root.putArray("clauses");
        for (ClauseExplanation c : clauses) {
            ObjectNode cn = cs.addObject();
            cn.put("clause", c.clause());
            ArrayNode vs = cn.putArray("violations");
            c.violations().forEach(v -> vs.add(explained(v)));
            ArrayNode ss = cn.putArray("suppressed");
            c.suppressed().forEach(s -> ss.add(explained(s.violation()).put("waiver", s.waiver())));
            ArrayNode ms = cn.putArray("nearMisses");
            for (NearMiss m : c.nearMisses()) {
                ObjectNode mn = ms.addObject();
                mn.put("ruleId", m.ruleId());
                mn.put("threshold", m.threshold());
                mn.put("limit", m.limit());
                m.observed().ifPresentOrElse(o -> mn.put("observed", o), () -> mn.putNull("observed"));
                m.evidence()
                        .ifPresent(e ->
                                mn.putObject("evidence").put("type", e.type()).put("id", e.id()));
                mn.put("text", m.text());
            }
            ArrayNode es = cn.putArray("escalations");
            for (EscalationApplied e : c.escalations()) {
                ObjectNode en = escalation(e.escalation());
                en.put("description", e.description());
                en.put("withinDays", e.withinDays());
                en.put("needed", e.needed());
                ArrayNode pf = en.putArray("priorFindings");
                e.priorFindings().forEach(p -> pf.addObject()
                        .put("clause", p.clause())
                        .put("date", p.date().toString())
                        .put("outcome", p.outcome().name()));
                es.add(en);
            }
        }
        return PrettyJson.write(root, "explanation");
    }

    private static ObjectNode explained(Violation v) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("ruleId", v.ruleId());
        n.put("severity", v.severity().name());
        n.put("certainty", v.certainty().name());
        n.put("message", v.message());
        ArrayNode ev = n.putArray("evidence");
        v.evidence().forEach(e -> ev.addObject().put("type", e.type()).put("id", e.id()));
        return n;
    }
}
