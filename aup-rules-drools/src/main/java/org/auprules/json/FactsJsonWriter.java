package org.auprules.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import org.auprules.api.facts.FactSet;
import org.auprules.internal.PrettyJson;

/**
 * Writes a {@link FactSet} as the input document of docs/contract.md, the one {@link FactsJson#read}
 * reads back to an equal fact set. Absent values and empty lists are left out, times are ISO-8601
 * instants, and map keys are sorted, so the same facts always give byte-identical text.
 *
 * <pre>{@code
 * String json = FactsJsonWriter.write(facts);
 * assert FactsJson.read(json, null).equals(facts);
 * }</pre>
 */
public final class FactsJsonWriter {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private FactsJsonWriter() {}

    /**
     * The document, pretty-printed with two-space indentation and a final newline.
     *
     * @param facts the facts to write
     * @return the JSON text
     */
    public static String write(FactSet facts) {
        return PrettyJson.write(toTree(facts), "facts");
    }

    /**
     * The document as a tree, for callers that add to it or write it their own way.
     *
     * @param facts the facts to write
     * @return the document's root object, without absent values or empty lists
     */
    public static ObjectNode toTree(FactSet facts) {
        ObjectNode tree = MAPPER.valueToTree(facts);
        prune(tree);
        return tree;
    }

    /**
     * Drops empty arrays and objects: the reader gives an absent list or map the same empty value,
     * and docs/contract.md makes every list optional. Empty strings stay, since they are values.
     */
    private static void prune(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> empty = new ArrayList<>();
            object.properties().forEach(e -> {
                prune(e.getValue());
                if (e.getValue().isContainerNode() && e.getValue().isEmpty()) {
                    empty.add(e.getKey());
                }
            });
            object.remove(empty);
        } else if (node.isArray()) {
            node.forEach(FactsJsonWriter::prune);
        }
    }
}
