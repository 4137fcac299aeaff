package org.auprules.examples.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.auprules.api.facts.FactSet;
import org.auprules.json.FactsJsonWriter;

/** A facts document cut into the fact events of {@code aup-rules stream}, one per fact. */
final class FleetEvents {

    private FleetEvents() {}

    /**
     * The events of every fact but the accounts, keyed by account id, each stamped with its own
     * time field when it has one and with the document's {@code evaluatedAt} otherwise; snapshot
     * kinds carry {@code evaluatedAt} as their snapshot instant.
     */
    static List<TestRecord<String, String>> of(FactSet facts) {
        Instant now = facts.evaluatedAt();
        ObjectNode doc = FactsJsonWriter.toTree(facts);
        Map<String, String> typeOf = new java.util.HashMap<>();
        FactEvent.TYPES.forEach((type, list) -> typeOf.put(list, type));
        List<TestRecord<String, String>> out = new ArrayList<>();
        doc.properties().forEach(list -> {
            if (!list.getValue().isArray() || list.getKey().equals("accounts")) {
                return;
            }
            for (JsonNode fact : list.getValue()) {
                ObjectNode event = JsonNodeFactory.instance.objectNode();
                event.put("type", typeOf.get(list.getKey()));
                if (FactEvent.SNAPSHOT_LISTS.contains(list.getKey())) {
                    event.put("snapshot", now.toString());
                }
                event.set("fact", fact);
                out.add(new TestRecord<>(fact.get("accountId").asText(), event.toString(), null, timeOf(fact, now)));
            }
        });
        return out;
    }

    private static Instant timeOf(JsonNode fact, Instant otherwise) {
        for (String field : List.of("sentAt", "receivedAt", "at", "requestedAt", "listedAt")) {
            if (fact.hasNonNull(field)) {
                return Instant.parse(fact.get(field).asText());
            }
        }
        return otherwise;
    }
}
