package org.auprules.examples.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.MalformedInputException;
import org.auprules.json.FactsJson;
import org.jspecify.annotations.Nullable;

/**
 * One fact event of the input topic, {@code {"type": "process", "fact": {…}}}, checked the way
 * {@code aup-rules evaluate} checks a facts document: the fact is read by {@link FactsJson} in a
 * one-account document, so a wrong field gives the CLI's message, with the JSON path in the
 * event's terms ({@code $.fact.cpuPercent}).
 *
 * <p>A snapshot kind (processes, files, websites, resource use, mailing lists, audio streams,
 * permits) may carry {@code "snapshot": "<instant>"}: facts with the same snapshot instant form one
 * snapshot, and a newer one replaces the whole kind; an event with a snapshot and no fact is an
 * empty snapshot. Without it, the record's timestamp is the snapshot instant, so every event is a
 * snapshot of its own. Every other kind is an event kept for the {@link Retention} of the pack.
 *
 * @param list the list of the facts document the fact belongs to, e.g. {@code processes}
 * @param snapshot the snapshot instant, for a snapshot kind
 * @param fact the fact, with its {@code accountId}; empty for an empty snapshot
 */
public record FactEvent(
        String list, @Nullable Instant snapshot, @Nullable ObjectNode fact) {

    /** Event {@code type} to the list of the facts document it fills. */
    static final Map<String, String> TYPES = types();

    /** The lists whose newest snapshot replaces the previous one. */
    static final Set<String> SNAPSHOT_LISTS =
            Set.of("processes", "files", "websites", "resourceUsage", "mailingLists", "audioStreams", "permits");

    private static final Set<String> FIELDS = Set.of("type", "fact", "snapshot");

    private static Map<String, String> types() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("email", "emails");
        t.put("mailingList", "mailingLists");
        t.put("optOutRequest", "optOutRequests");
        t.put("blacklistListing", "blacklistListings");
        t.put("file", "files");
        t.put("process", "processes");
        t.put("website", "websites");
        t.put("audioStream", "audioStreams");
        t.put("networkActivity", "networkActivity");
        t.put("accessAttempt", "accessAttempts");
        t.put("resourceUsage", "resourceUsage");
        t.put("export", "exports");
        t.put("login", "logins");
        t.put("permit", "permits");
        t.put("report", "reports");
        return Map.copyOf(t);
    }

    /** {@return whether the newest snapshot of this event's kind replaces the previous one} */
    public boolean isSnapshot() {
        return SNAPSHOT_LISTS.contains(list);
    }

    /**
     * Reads and checks one record of the fact topic.
     *
     * @param accountId the record's key
     * @param value the record's value
     * @return the event
     * @throws BadEventException with the reason, in the CLI's words, when the record is not a valid fact event
     */
    public static FactEvent parse(@Nullable String accountId, @Nullable String value) {
        if (accountId == null || accountId.isEmpty()) {
            throw new BadEventException("the record has no key: fact events are keyed by account id");
        }
        if (value == null) {
            throw new BadEventException(
                    "the record has no value: expected a fact event {\"type\": \"process\", \"fact\": {…}}");
        }
        JsonNode tree = readTree(value);
        if (!tree.isObject()) {
            throw new BadEventException(
                    "$: expected a JSON object with `type` and `fact`, got `" + abbreviate(tree.toString()) + "`");
        }
        for (var field : tree.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new BadEventException("$." + field.getKey() + ": unknown field `" + field.getKey()
                        + "`; expected one of fact, snapshot, type");
            }
        }
        String list = listOf(tree.get("type"));
        Instant snapshot = snapshotOf(tree.get("snapshot"), list);
        JsonNode fact = tree.get("fact");
        if (fact == null) {
            if (snapshot == null) {
                throw new BadEventException("$: missing required field `fact`"
                        + (SNAPSHOT_LISTS.contains(list)
                                ? " (only an empty snapshot, with `snapshot`, has none)"
                                : ""));
            }
            return new FactEvent(list, snapshot, null);
        }
        if (!fact.isObject()) {
            throw new BadEventException("$.fact: expected an object, got `" + abbreviate(fact.toString()) + "`");
        }
        ObjectNode owned = ((ObjectNode) fact).deepCopy();
        JsonNode owner = owned.get("accountId");
        if (owner == null) {
            owned.put("accountId", accountId);
        } else if (owner.isTextual() && !owner.asText().equals(accountId)) {
            throw new BadEventException("$.fact.accountId: `" + owner.asText() + "` is not the record key `" + accountId
                    + "`: a fact event is keyed by the id of its account");
        }
        check(accountId, list, owned);
        return new FactEvent(list, snapshot, owned);
    }

    /**
     * Checks an account record of the accounts topic, as {@code aup-rules evaluate} checks an entry
     * of the document's list of accounts.
     *
     * @param accountId the record's key
     * @param value the record's value, not null
     * @return the account object
     * @throws BadEventException with the reason when the record is not a valid account
     */
    public static ObjectNode parseAccount(@Nullable String accountId, String value) {
        if (accountId == null || accountId.isEmpty()) {
            throw new BadEventException("the record has no key: account records are keyed by account id");
        }
        JsonNode tree = readTree(value);
        if (!tree.isObject()) {
            throw new BadEventException("$: expected an account object, got `" + abbreviate(tree.toString()) + "`");
        }
        JsonNode id = tree.get("id");
        if (id != null && id.isTextual() && !id.asText().equals(accountId)) {
            throw new BadEventException("$.id: `" + id.asText() + "` is not the record key `" + accountId
                    + "`: an account record is keyed by its id");
        }
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.putArray("accounts").add(tree);
        read(doc, "$.accounts[0]");
        return (ObjectNode) tree;
    }

    private static void check(String accountId, String list, ObjectNode fact) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.putArray("accounts").addObject().put("id", accountId);
        doc.putArray(list).add(fact);
        read(doc, "$." + list + "[0]");
    }

    private static void read(ObjectNode doc, String prefix) {
        try {
            FactsJson.read(doc.toString(), null);
        } catch (InvalidFactsException e) {
            InvalidFactsException.Problem p = e.problem();
            String path = p.path().startsWith(prefix)
                    ? (prefix.startsWith("$.accounts") ? "$" : "$.fact")
                            + p.path().substring(prefix.length())
                    : p.path();
            throw new BadEventException(path + ": " + p.message());
        }
    }

    private static JsonNode readTree(String value) {
        try {
            JsonNode tree = FactsJson.mapper().readTree(value);
            if (tree == null || tree.isMissingNode()) {
                throw new BadEventException("empty input: expected a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            try {
                FactsJson.read(value, null);
            } catch (MalformedInputException m) {
                throw new BadEventException(Objects.requireNonNullElse(m.getMessage(), "malformed JSON"));
            } catch (RuntimeException ignored) {
                // not the reader's malformed-JSON error: fall back to the parser's own words
            }
            throw new BadEventException("malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static String listOf(@Nullable JsonNode type) {
        if (type == null) {
            throw new BadEventException("$: missing required field `type`");
        }
        if (!type.isTextual()) {
            throw new BadEventException("$.type: expected a string, got `" + abbreviate(type.toString()) + "`");
        }
        String name = type.asText();
        if (name.equals("account") || name.equals("accounts")) {
            throw new BadEventException(
                    "$.type: accounts come from the accounts topic, keyed by account id, not from the fact topic");
        }
        String list = TYPES.get(name);
        if (list == null) {
            throw new BadEventException("$.type: unknown type `" + abbreviate(name) + "`; expected one of "
                    + String.join(", ", new TreeSet<>(TYPES.keySet())));
        }
        return list;
    }

    private static @Nullable Instant snapshotOf(@Nullable JsonNode snapshot, String list) {
        if (snapshot == null) {
            return null;
        }
        if (!SNAPSHOT_LISTS.contains(list)) {
            throw new BadEventException("$.snapshot: `" + list + "` are events, not snapshots; only "
                    + String.join(", ", new TreeSet<>(SNAPSHOT_LISTS)) + " take a snapshot instant");
        }
        if (!snapshot.isTextual()) {
            throw new BadEventException("$.snapshot: expected an ISO-8601 instant such as `2026-11-28T12:00:00Z`, got `"
                    + abbreviate(snapshot.toString()) + "`");
        }
        try {
            return Instant.parse(snapshot.asText());
        } catch (DateTimeException e) {
            throw new BadEventException("$.snapshot: `" + abbreviate(snapshot.asText())
                    + "` is not an ISO-8601 instant such as `2026-11-28T12:00:00Z`");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
