package org.auprules.drools.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.auprules.drools.internal.DrlLexer.Token;
import org.auprules.internal.JsonLocator;
import org.jspecify.annotations.Nullable;

/**
 * The files of a policy pack, each read once: their texts, the parse of {@code policy.json} with
 * the positions of its values, and the tokens and outline of every DRL file. The compiler, the
 * validator, the diagnostics and the sandbox all read the pack through one instance, so no file is
 * parsed twice. Immutable from outside and safe to share between threads: what is parsed is
 * parsed on first use and kept.
 */
public final class PackSource {

    /** The file that names the policy and holds its catalog and thresholds. */
    public static final String POLICY_FILE = "policy.json";
    /** The folder of the pack's own scenarios: tests of the policy, not part of it. */
    public static final String SCENARIOS_FOLDER = "scenarios/";
    /** The folder of DRL files, relative to the pack. */
    public static final String RULES_FOLDER = "rules/";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String location;
    private final SortedMap<String, byte[]> files;
    private final List<String> ruleFiles;
    private final Map<String, String> texts = new ConcurrentHashMap<>();
    private final Map<String, DrlOutline> outlines = new ConcurrentHashMap<>();
    private final Map<String, List<Token>> tokens = new ConcurrentHashMap<>();
    /** Parsed on first use by {@link #policyJson()}; null until then. */
    private volatile @Nullable PolicyJson policyJson;
    /** Built on first use by {@link #policyLocator()}; null until then. */
    private volatile @Nullable JsonLocator locator;

    /**
     * The parse of {@code policy.json}: its tree when it is well-formed JSON, or the fault. The tree
     * is never handed to callers outside the engine, which must not change it.
     *
     * @param text  the file's text, empty when the pack has no {@code policy.json}
     * @param tree  the parsed document, when the file is there and well-formed
     * @param error why the file is not well-formed JSON, when it is not
     */
    public record PolicyJson(String text, Optional<JsonNode> tree, Optional<JsonProcessingException> error) {

        /** Keeps the parts as given; none may be null. */
        public PolicyJson {
            Objects.requireNonNull(text, "text must not be null");
            Objects.requireNonNull(tree, "tree must not be null");
            Objects.requireNonNull(error, "error must not be null");
        }
    }

    private PackSource(String location, SortedMap<String, byte[]> files) {
        this.location = Objects.requireNonNull(location, "location must not be null");
        this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        this.ruleFiles = this.files.keySet().stream()
                .filter(p -> p.startsWith(RULES_FOLDER) && p.endsWith(".drl"))
                .toList();
    }

    /** The source of the given files: relative path ({@code rules/spam.drl}) to content. */
    public static PackSource of(String location, SortedMap<String, byte[]> files) {
        return new PackSource(location, files);
    }

    /** Where the pack was read from: a folder, or {@code classpath:…}. */
    public String location() {
        return location;
    }

    /** Every file, by path relative to the pack, in path order; the map cannot be changed. */
    public SortedMap<String, byte[]> files() {
        return files;
    }

    /** A file's text, read as UTF-8, if the pack has it. */
    public Optional<String> text(String path) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            return Optional.empty();
        }
        return Optional.of(texts.computeIfAbsent(path, p -> new String(bytes, StandardCharsets.UTF_8)));
    }

    /** The DRL files of {@code rules/}, in path order. */
    public List<String> ruleFiles() {
        return ruleFiles;
    }

    /** The outline of a DRL file (its package and rules with their metadata); empty for a file the pack lacks. */
    public DrlOutline outline(String file) {
        return outlines.computeIfAbsent(file, f -> DrlOutline.of(text(f).orElse("")));
    }

    /** The tokens of a DRL file as written; empty for a file the pack lacks. */
    public List<Token> tokens(String file) {
        return tokens.computeIfAbsent(file, f -> List.copyOf(DrlLexer.tokenize(text(f).orElse(""))));
    }

    /** {@code policy.json}, parsed once. */
    public PolicyJson policyJson() {
        PolicyJson parsed = policyJson;
        if (parsed == null) {
            String text = text(POLICY_FILE).orElse("");
            try {
                parsed = new PolicyJson(text, Optional.ofNullable(MAPPER.readTree(text)), Optional.empty());
            } catch (JsonProcessingException e) {
                parsed = new PolicyJson(text, Optional.empty(), Optional.of(e));
            }
            policyJson = parsed;
        }
        return parsed;
    }

    /** The line and column of every value of {@code policy.json}, found once, when first asked for. */
    public JsonLocator policyLocator() {
        JsonLocator l = locator;
        if (l == null) {
            l = JsonLocator.of(policyJson().text());
            locator = l;
        }
        return l;
    }
}
