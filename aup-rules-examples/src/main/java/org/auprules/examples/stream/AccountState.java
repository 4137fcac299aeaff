package org.auprules.examples.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.auprules.api.Certainty;
import org.auprules.api.Evidence;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.api.policy.Action;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.api.policy.Category;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.api.policy.ClauseId;
import org.auprules.api.policy.Kind;
import org.auprules.api.policy.Modality;
import org.jspecify.annotations.Nullable;

/**
 * What the state store keeps of one account, as one JSON value: the account record, the newest
 * snapshot of each snapshot kind, the event facts with their event times, and the last verdict
 * (the violations, without the clause texts the catalog holds). Nothing else: no history, no copy
 * of what the rules derive.
 *
 * <pre>{@code
 * {"account": {…},
 *  "snapshots": {"processes": {"at": 1764331200000, "facts": [{…}, …]}},
 *  "events": {"emails": [{"t": 1764327600000, "fact": {…}}, …]},
 *  "verdict": [{"rule": "…", "clause": "2.12", …}]}
 * }</pre>
 */
final class AccountState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root;

    private AccountState(ObjectNode root) {
        this.root = root;
    }

    /** {@return the stored state, or an empty one for {@code null}} */
    static AccountState read(@Nullable String stored) {
        if (stored == null) {
            return new AccountState(JsonNodeFactory.instance.objectNode());
        }
        try {
            return new AccountState((ObjectNode) JSON.readTree(stored));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("corrupt account state", e);
        }
    }

    /** {@return the state as the store keeps it} */
    String write() {
        for (String part : List.of("snapshots", "events")) {
            if (root.path(part).isEmpty()) {
                root.remove(part);
            }
        }
        return root.toString();
    }

    /** {@return whether the state holds nothing: no account, no facts, no open violation} */
    boolean isEmpty() {
        return !root.has("account")
                && snapshots().isEmpty()
                && events().isEmpty()
                && verdictNode().isEmpty();
    }

    boolean hasAccount() {
        return root.has("account");
    }

    void account(ObjectNode account) {
        root.set("account", account);
    }

    /** Forgets everything but the last verdict: the account was deleted. */
    void clearFacts() {
        root.remove(List.of("account", "snapshots", "events"));
    }

    /**
     * Adds a fact event. A snapshot newer than the one held replaces it; one of the same instant
     * adds to it; an older one is refused. An event fact with the id of one already held replaces
     * it (a producer that sends twice is not two messages).
     *
     * @param e the event
     * @param time the event time, epoch millis
     * @throws BadEventException for a snapshot older than the one held
     */
    void add(FactEvent e, long time) {
        if (e.isSnapshot()) {
            long at = e.snapshot() != null ? e.snapshot().toEpochMilli() : time;
            ObjectNode held = (ObjectNode) snapshots().get(e.list());
            if (held != null && held.get("at").asLong() > at) {
                throw new BadEventException("stale snapshot: `" + e.list() + "` of " + Instant.ofEpochMilli(at)
                        + " is older than the snapshot of "
                        + Instant.ofEpochMilli(held.get("at").asLong())
                        + " already held");
            }
            if (held == null || held.get("at").asLong() < at) {
                held = snapshots().putObject(e.list());
                held.put("at", at);
                held.putArray("facts");
            }
            if (e.fact() != null) {
                ArrayNode facts = (ArrayNode) held.get("facts");
                removeId(facts, e.fact(), false);
                facts.add(e.fact());
            }
            return;
        }
        ArrayNode list = events().withArrayProperty(e.list());
        removeId(list, e.fact(), true);
        ObjectNode entry = list.addObject();
        entry.put("t", time);
        entry.set("fact", e.fact());
    }

    private static void removeId(ArrayNode items, @Nullable ObjectNode fact, boolean wrapped) {
        JsonNode id = fact == null ? null : fact.get("id");
        if (id == null) {
            return;
        }
        for (Iterator<JsonNode> it = items.elements(); it.hasNext(); ) {
            JsonNode item = wrapped ? it.next().get("fact") : it.next();
            if (id.equals(item.get("id"))) {
                it.remove();
            }
        }
    }

    /**
     * Drops the event facts whose time is before {@code cutoff}.
     *
     * @param cutoff epoch millis; facts older than it go
     * @return whether any fact was dropped
     */
    boolean expire(long cutoff) {
        boolean dropped = false;
        for (Iterator<JsonNode> lists = events().elements(); lists.hasNext(); ) {
            ArrayNode list = (ArrayNode) lists.next();
            for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
                if (it.next().get("t").asLong() < cutoff) {
                    it.remove();
                    dropped = true;
                }
            }
            if (list.isEmpty()) {
                lists.remove();
            }
        }
        return dropped;
    }

    /** {@return the event time of the oldest event fact held, if any} */
    OptionalLong oldestEvent() {
        long oldest = Long.MAX_VALUE;
        for (JsonNode list : events()) {
            for (JsonNode entry : list) {
                oldest = Math.min(oldest, entry.get("t").asLong());
            }
        }
        return oldest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(oldest);
    }

    /**
     * The one-account facts document of docs/contract.md for an evaluation at {@code evaluatedAt}.
     *
     * @param evaluatedAt the moment of evaluation
     * @return the document; read it with {@code FactsJson}
     */
    ObjectNode document(Instant evaluatedAt) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("evaluatedAt", evaluatedAt.toString());
        doc.putArray("accounts").add(root.get("account"));
        snapshots().properties().forEach(s -> {
            ArrayNode facts = (ArrayNode) s.getValue().get("facts");
            if (!facts.isEmpty()) {
                doc.withArrayProperty(s.getKey()).addAll(facts);
            }
        });
        events().properties().forEach(l -> {
            ArrayNode into = doc.withArrayProperty(l.getKey());
            l.getValue().forEach(entry -> into.add(entry.get("fact")));
        });
        return doc;
    }

    /**
     * The last verdict, its clauses taken from the catalog of the policy in use.
     *
     * @param catalog the clause catalog
     * @param accountId the account's id
     * @return the violations
     */
    List<Violation> verdict(ClauseCatalog catalog, String accountId) {
        List<Violation> out = new ArrayList<>();
        for (JsonNode v : verdictNode()) {
            out.add(violation(v, catalog, accountId));
        }
        return out;
    }

    /** Keeps {@code violations} as the last verdict. */
    void verdict(List<Violation> violations) {
        ArrayNode list = root.putArray("verdict");
        for (Violation v : violations) {
            ObjectNode n = list.addObject();
            n.put("rule", v.ruleId());
            n.put("clause", v.clauseId());
            n.put("category", v.category().name());
            n.put("severity", v.severity().name());
            n.put("certainty", v.certainty().name());
            n.put("message", v.message());
            ArrayNode actions = n.putArray("actions");
            v.actions().forEach(a -> actions.addArray()
                    .add(a.action().name())
                    .add(a.modality().name())
                    .add(a.authority().value()));
            ArrayNode evidence = n.putArray("evidence");
            v.evidence().forEach(e -> evidence.addArray().add(e.type()).add(e.id()));
        }
        if (violations.isEmpty()) {
            root.remove("verdict");
        }
    }

    private static Violation violation(JsonNode v, ClauseCatalog catalog, String accountId) {
        Category category = Category.valueOf(v.get("category").asText());
        List<AuthorizedAction> actions = new ArrayList<>();
        v.get("actions")
                .forEach(a -> actions.add(new AuthorizedAction(
                        Action.valueOf(a.get(0).asText()),
                        Modality.valueOf(a.get(1).asText()),
                        ClauseId.of(a.get(2).asText()))));
        List<Evidence> evidence = new ArrayList<>();
        v.get("evidence")
                .forEach(e ->
                        evidence.add(new Evidence(e.get(0).asText(), e.get(1).asText())));
        String clauseId = v.get("clause").asText();
        // a clause the policy in use no longer has still names itself
        Clause clause = catalog.find(clauseId)
                .orElseGet(() ->
                        new Clause(ClauseId.of(clauseId), "", "", Kind.PROHIBITION, Optional.of(category), actions));
        return new Violation(
                v.get("rule").asText(),
                clause,
                category,
                Severity.valueOf(v.get("severity").asText()),
                Certainty.valueOf(v.get("certainty").asText()),
                accountId,
                actions,
                v.get("message").asText(),
                evidence);
    }

    private ObjectNode snapshots() {
        return root.withObjectProperty("snapshots");
    }

    private ObjectNode events() {
        return root.withObjectProperty("events");
    }

    private ArrayNode verdictNode() {
        JsonNode n = root.get("verdict");
        return n instanceof ArrayNode a ? a : JsonNodeFactory.instance.arrayNode();
    }
}
