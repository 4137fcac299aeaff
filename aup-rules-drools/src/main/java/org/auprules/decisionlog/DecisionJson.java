package org.auprules.decisionlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.auprules.api.Certainty;
import org.auprules.api.Evidence;
import org.auprules.api.PolicyInfo;
import org.auprules.api.Severity;
import org.auprules.internal.JsonSyntax;

/** Writes a {@link DecisionRecord} as one JSON line, and reads it back strictly. */
final class DecisionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DecisionJson() {}

    /** The record as compact JSON: no whitespace and no newline, since strings escape theirs. */
    static String write(DecisionRecord r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("time", r.time().toString());
        ObjectNode policy = root.putObject("policy");
        policy.put("name", r.policy().name());
        policy.put("version", r.policy().version());
        policy.put("digest", r.policy().digest());
        root.put("input", r.input());
        root.put("evaluatedAt", r.evaluatedAt().toString());
        root.put("accounts", r.accounts());
        ArrayNode violations = root.putArray("violations");
        for (DecisionRecord.LoggedViolation v : r.violations()) {
            ObjectNode n = violations.addObject();
            n.put("accountId", v.accountId());
            n.put("clause", v.clause());
            n.put("ruleId", v.ruleId());
            n.put("severity", v.severity().name());
            n.put("certainty", v.certainty().name());
            n.put("message", v.message());
            ArrayNode evidence = n.putArray("evidence");
            v.evidence().forEach(e -> evidence.addObject().put("type", e.type()).put("id", e.id()));
        }
        // last, so that lines keep their shape from `time` on; empty ids (older lines) stay out
        if (!r.decisionId().isEmpty()) {
            root.put("decisionId", r.decisionId());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write decision record", e);
        }
    }

    /**
     * Reads one line.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static DecisionRecord read(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + JsonSyntax.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        JsonNode policy = field(root, "policy");
        List<DecisionRecord.LoggedViolation> violations = new ArrayList<>();
        JsonNode vs = field(root, "violations");
        if (!vs.isArray()) {
            throw new IllegalArgumentException("`violations` must be an array");
        }
        for (JsonNode v : vs) {
            List<Evidence> evidence = new ArrayList<>();
            for (JsonNode e : field(v, "evidence")) {
                evidence.add(new Evidence(text(e, "type"), text(e, "id")));
            }
            violations.add(new DecisionRecord.LoggedViolation(
                    text(v, "accountId"),
                    text(v, "clause"),
                    text(v, "ruleId"),
                    Severity.parse(text(v, "severity")).orElseThrow(() -> new IllegalArgumentException("bad severity")),
                    Certainty.parse(text(v, "certainty"))
                            .orElseThrow(() -> new IllegalArgumentException("bad certainty")),
                    text(v, "message"),
                    evidence));
        }
        if (!field(root, "accounts").canConvertToInt()) {
            throw new IllegalArgumentException("`accounts` must be a whole number");
        }
        return new DecisionRecord(
                instant(root, "time"),
                new PolicyInfo(text(policy, "name"), text(policy, "version"), text(policy, "digest")),
                text(root, "input"),
                instant(root, "evaluatedAt"),
                root.get("accounts").intValue(),
                violations,
                root.has("decisionId") ? text(root, "decisionId") : "");
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field `" + name + "`");
        }
        return v;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("`" + name + "` must be a string");
        }
        return v.textValue();
    }

    private static Instant instant(JsonNode node, String name) {
        try {
            return Instant.parse(text(node, name));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("`" + name + "` must be an ISO-8601 instant");
        }
    }
}
