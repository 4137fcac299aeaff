package org.auprules.fuzzing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One structural change to a JSON tree: it picks a member or element (by {@code at}, in document
 * order) and deletes, duplicates, swaps, retypes, renames, nests or replaces it. A list of them turns
 * a real, valid document into a hostile one that still reaches deep code, and jqwik shrinks the list
 * to the one change that matters.
 *
 * @param kind what to do
 * @param at   which node, modulo the count of nodes
 * @param pick which variant (value, sibling, name), modulo the count of variants
 * @param size how many (nesting depth, copies, string length)
 */
public record JsonMutation(Kind kind, int at, int pick, int size) {

    /** The kinds of change. */
    public enum Kind {
        DELETE,
        DUPLICATE,
        SWAP,
        RETYPE,
        NUMBER,
        STRING,
        RENAME,
        NEST,
        TRANSPLANT,
        INSTANT,
        ENUM,
        CLEAR,
        GROW
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Writes trees of any depth: the readers' own limits are what the fuzzing is about. */
    private static final ObjectMapper WRITER = new ObjectMapper(JsonFactory.builder()
            .streamWriteConstraints(
                    StreamWriteConstraints.builder().maxNestingDepth(100_000).build())
            .build());

    /** Numbers at and past the edges of int, long and double, and the odd ones JSON allows. */
    static final List<JsonNode> NUMBERS = List.of(
            NODES.numberNode(0),
            NODES.numberNode(-1),
            NODES.numberNode(Integer.MAX_VALUE),
            NODES.numberNode(BigInteger.valueOf(Integer.MAX_VALUE).add(BigInteger.ONE)),
            NODES.numberNode(BigInteger.valueOf(Integer.MIN_VALUE).subtract(BigInteger.ONE)),
            NODES.numberNode(Long.MAX_VALUE),
            NODES.numberNode(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)),
            NODES.numberNode(new BigInteger("123456789012345678901234567890123456789012345678901234567890")),
            NODES.numberNode(new BigDecimal("1e400")),
            NODES.numberNode(new BigDecimal("-1e400")),
            NODES.numberNode(new BigDecimal("1e-400")),
            NODES.numberNode(Double.MAX_VALUE),
            NODES.numberNode(Double.MIN_VALUE),
            NODES.numberNode(-0.0),
            NODES.numberNode(0.5),
            NODES.numberNode(-2.5e9),
            NODES.numberNode(new BigDecimal("1E+2")));

    /** Strings that parsers, validators and message builders get wrong. */
    static final List<String> STRINGS = List.of(
            "",
            " ",
            "\u0000",
            "\t\r\n",
            "\uD800",
            "\uDFFF\uD800",
            "\u202Eevil\u202C",
            "👾🧨",
            "é",
            "e\u0301",
            "ǅ",
            "İ",
            "`backtick`",
            "${jndi:ldap://127.0.0.1/x}",
            "#{7*7}",
            "%s%n%d",
            "\\u0000",
            "../../etc/passwd",
            "acc-1",
            "xmrig",
            "re:(a+)+$",
            "a,b\"c",
            "0000-01-01T00:00:00Z",
            "null",
            "true",
            "1e400");

    /** Instants at and past the edges the contract allows, and text that is almost one. */
    static final List<String> INSTANTS = List.of(
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "-0001-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59Z",
            "-1000000000-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-28T24:00:00Z",
            "2026-11-28T12:00:00+01:00",
            "2026-11-28T12:00:00",
            "2026-11-28",
            "2026-11-28T12:00:00.000000000001Z",
            "1970-01-01T00:00:00Z",
            "2026-11-28T12:00:60Z");

    /** Every enumeration value of the contract, so one field gets another's. */
    static final List<String> ENUMS = List.of(
            "DOUBLE_OPT_IN",
            "PURCHASED",
            "SHARED",
            "COMPANY",
            "MALWARE",
            "CSAM",
            "BRUTE_FORCE",
            "SPAM",
            "DMCA",
            "EXPORT_LICENSE",
            "CRITICAL",
            "SUSPECTED",
            "PROCESS",
            "spam",
            "Spam",
            "SPAM ",
            "ＳＰＡＭ");

    /** Random changes, each a small record jqwik can show and shrink. */
    public static Arbitrary<JsonMutation> any() {
        return Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.integers().between(1, 3000))
                .as(JsonMutation::new);
    }

    /** One to {@code max} changes. */
    public static Arbitrary<List<JsonMutation>> lists(int max) {
        return any().list().ofMinSize(1).ofMaxSize(max);
    }

    /** A slot of the tree: a member of an object or an element of an array. */
    private record Slot(JsonNode parent, String key, int index) {
        JsonNode get() {
            return parent.isObject() ? parent.get(key) : parent.get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set(key, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(key);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    /** Applies the changes, in order, to a copy of {@code root}. */
    public static JsonNode apply(JsonNode root, List<JsonMutation> mutations) {
        JsonNode tree = root.deepCopy();
        for (JsonMutation m : mutations) {
            m.applyTo(tree);
        }
        return tree;
    }

    private void applyTo(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = slots.get(at % slots.size());
        JsonNode node = slot.get();
        switch (kind) {
            case DELETE -> slot.remove();
            case DUPLICATE -> {
                if (slot.parent() instanceof ArrayNode a) {
                    a.insert(slot.index() + 1, node.deepCopy());
                } else {
                    List<String> keys = new ArrayList<>();
                    slot.parent().fieldNames().forEachRemaining(keys::add);
                    ((ObjectNode) slot.parent()).set(keys.get(pick % keys.size()), node.deepCopy());
                }
            }
            case SWAP -> {
                if (slot.parent() instanceof ArrayNode a) {
                    int other = pick % a.size();
                    JsonNode o = a.get(other);
                    a.set(other, node);
                    a.set(slot.index(), o);
                } else {
                    List<String> keys = new ArrayList<>();
                    slot.parent().fieldNames().forEachRemaining(keys::add);
                    String otherKey = keys.get(pick % keys.size());
                    ObjectNode o = (ObjectNode) slot.parent();
                    JsonNode other = o.get(otherKey);
                    o.set(otherKey, node);
                    o.set(slot.key(), other);
                }
            }
            case RETYPE -> slot.set(retyped(node));
            case NUMBER -> slot.set(NUMBERS.get(pick % NUMBERS.size()));
            case STRING -> slot.set(NODES.textNode(string()));
            case RENAME -> {
                if (slot.parent() instanceof ObjectNode o) {
                    o.remove(slot.key());
                    o.set(renamed(slot.key()), node);
                } else {
                    slot.set(NODES.textNode(renamed(node.asText())));
                }
            }
            case NEST -> slot.set(nested(size, node));
            case TRANSPLANT -> slot.set(slots.get(pick % slots.size()).get().deepCopy());
            case INSTANT -> slot.set(NODES.textNode(INSTANTS.get(pick % INSTANTS.size())));
            case ENUM ->
                slot.set(NODES.textNode(
                        node.isTextual() && pick % 3 == 0
                                ? node.textValue().toLowerCase(java.util.Locale.ROOT)
                                : ENUMS.get(pick % ENUMS.size())));
            case CLEAR -> slot.set(node.isArray() ? NODES.arrayNode() : NODES.objectNode());
            case GROW -> {
                if (slot.parent() instanceof ArrayNode a) {
                    for (int i = 0; i < Math.min(size, 100); i++) {
                        a.add(node.deepCopy());
                    }
                } else if (node instanceof ArrayNode a && !a.isEmpty()) {
                    JsonNode first = a.get(0);
                    for (int i = 0; i < Math.min(size, 100); i++) {
                        a.add(first.deepCopy());
                    }
                } else {
                    slot.set(NODES.textNode("x".repeat(size * 37)));
                }
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> into) {
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                into.add(new Slot(o, e.getKey(), -1));
                collect(e.getValue(), into);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                into.add(new Slot(a, null, i));
                collect(a.get(i), into);
            }
        }
    }

    private JsonNode retyped(JsonNode node) {
        List<JsonNode> others = new ArrayList<>(List.of(
                NODES.textNode(node.isValueNode() ? node.asText() : "text"),
                NODES.numberNode(pick % 1000),
                NODES.booleanNode(pick % 2 == 0),
                NODES.objectNode(),
                NODES.arrayNode(),
                NODES.nullNode()));
        if (node.isContainerNode()) {
            others.add(NODES.arrayNode().add(node.deepCopy()));
        }
        others.removeIf(n -> n.getNodeType() == node.getNodeType());
        return others.get(pick % others.size());
    }

    private String string() {
        int variant = pick % (STRINGS.size() + 3);
        if (variant < STRINGS.size()) {
            return STRINGS.get(variant);
        }
        return switch (variant - STRINGS.size()) {
            case 0 -> "a".repeat(size * 35); // up to 105,000 characters
            case 1 -> "\uD83D\uDC7E".repeat(size);
            default -> {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < size; i++) {
                    b.append((char) ((pick + i * 7919) % 0x20));
                }
                yield b.toString();
            }
        };
    }

    private String renamed(String key) {
        return switch (pick % 7) {
            case 0 -> key.isEmpty() ? "x" : key.substring(0, key.length() - 1);
            case 1 -> key.toUpperCase(java.util.Locale.ROOT);
            case 2 -> key + "s";
            case 3 -> "";
            case 4 -> key + "\u0000";
            case 5 -> "__proto__";
            default -> key.replace('i', 'і'); // a Cyrillic i
        };
    }

    private JsonNode nested(int depth, JsonNode leaf) {
        JsonNode n = leaf.isContainerNode() ? NODES.textNode("leaf") : leaf;
        for (int i = 0; i < depth; i++) {
            n = (i + pick) % 2 == 0
                    ? NODES.arrayNode().add(n)
                    : NODES.objectNode().set("k", n);
        }
        return n;
    }

    /** The same tree with the keys of every object in another order; arrays keep theirs. */
    public static JsonNode shuffleKeys(JsonNode node, java.util.Random random) {
        if (node instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            java.util.Collections.shuffle(keys, random);
            ObjectNode copy = o.objectNode();
            for (String k : keys) {
                copy.set(k, shuffleKeys(o.get(k), random));
            }
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = a.arrayNode();
            a.forEach(e -> copy.add(shuffleKeys(e, random)));
            return copy;
        }
        return node;
    }

    /** How a tree is written: compact or indented, and with which line ends. */
    public enum Style {
        COMPACT,
        PRETTY,
        PRETTY_CRLF;

        /** Writes the tree in this style. */
        public String write(JsonNode tree) {
            try {
                return switch (this) {
                    case COMPACT -> WRITER.writeValueAsString(tree);
                    case PRETTY -> WRITER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
                    case PRETTY_CRLF ->
                        WRITER.writerWithDefaultPrettyPrinter()
                                .writeValueAsString(tree)
                                .replace("\n", "\r\n");
                };
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write a tree", e);
            }
        }
    }
}
