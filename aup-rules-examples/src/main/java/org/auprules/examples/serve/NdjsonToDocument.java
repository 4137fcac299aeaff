package org.auprules.examples.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One JSON Lines line as the facts document of its one account: {@code account} becomes {@code accounts: [ … ]}. */
final class NdjsonToDocument {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NdjsonToDocument() {}

    static String document(String line) {
        try {
            ObjectNode in = (ObjectNode) MAPPER.readTree(line);
            ObjectNode out = MAPPER.createObjectNode();
            in.properties().forEach(e -> {
                if (e.getKey().equals("account")) {
                    out.putArray("accounts").add(e.getValue());
                } else {
                    out.set(e.getKey(), e.getValue());
                }
            });
            return out.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON Lines line: " + e.getOriginalMessage(), e);
        }
    }
}
