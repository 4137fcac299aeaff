package org.auprules.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.auprules.api.facts.FactSet;

/**
 * The canonical form of an input document, so that the same facts always hash the same however
 * they were formatted. The canonical form is the facts as the library holds them, written as
 * JSON: every field of the contract that has a value (absent values left out, lists that were
 * absent written as {@code []}), object keys sorted, no whitespace, times as ISO-8601 UTC
 * instants ({@code 2026-11-28T12:00:00Z}), encoded as UTF-8. Reordering keys, re-indenting,
 * or writing an absent list as {@code []} changes nothing; reordering the elements of a list does.
 *
 * <pre>{@code
 * String digest = CanonicalFacts.sha256(FactsJson.read(Path.of("fleet.json")));  // "sha256:3f…"
 * }</pre>
 */
public final class CanonicalFacts {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private CanonicalFacts() {}

    /** The canonical JSON text of the facts. */
    public static String json(FactSet facts) {
        Objects.requireNonNull(facts, "facts must not be null");
        try {
            return MAPPER.writeValueAsString(sorted(MAPPER.valueToTree(facts)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write facts as JSON", e);
        }
    }

    /** {@code sha256:} and the hex SHA-256 of the canonical JSON's UTF-8 bytes. */
    public static String sha256(FactSet facts) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(json(facts).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A copy of the tree whose object keys are in sorted order at every depth. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            names.forEach(n -> copy.set(n, sorted(node.get(n))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> copy.add(sorted(e)));
            return copy;
        }
        return node;
    }
}
