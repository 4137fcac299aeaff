package org.auprules.fuzzing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;

/** The real, valid files the fuzzing starts from: the default pack, the sample fleet, the samples. */
public final class Seeds {

    /** The default pack's folder, from the module's directory. */
    public static final Path PACK = Path.of("src/main/resources/org/auprules/packs/entrecloud");
    /** The sample fleet of aup-rules-examples. */
    public static final Path FLEET = Path.of("../aup-rules-examples/samples/fleet.json");
    /** The example scenario of aup-rules-examples. */
    public static final Path NEWSLETTER = Path.of("../aup-rules-examples/samples/scenarios/newsletter.json");
    /** The accounts document of the ingest sample. */
    public static final Path INGEST_ACCOUNTS = Path.of("../aup-rules-examples/samples/ingest/accounts.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Seeds() {}

    /** The default pack, compiled once for every fuzz class of the test JVM. */
    private static final class Policy {
        static final CompiledPolicy DEFAULT = CompiledPolicy.compile(PolicyPack.defaultPack());
        static final DroolsAupEvaluator EVALUATOR =
                DroolsAupEvaluator.builder().compiledPolicy(DEFAULT).build();
    }

    /** The default pack, compiled once. */
    public static CompiledPolicy defaultPolicy() {
        return Policy.DEFAULT;
    }

    /** An evaluator of the default pack, built once. */
    public static DroolsAupEvaluator defaultEvaluator() {
        return Policy.EVALUATOR;
    }

    /** A file's text, UTF-8. */
    public static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test or main resource's bytes. */
    public static byte[] resource(String name) {
        try (InputStream in = Seeds.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource `" + name + "`");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON text. */
    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default pack's scenario files, by name. */
    public static List<Path> scenarioFiles() {
        try (var files = Files.list(PACK.resolve("scenarios"))) {
            List<Path> all = new ArrayList<>(files.sorted().toList());
            all.add(NEWSLETTER);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Facts documents: the sample fleet, the ingest sample's accounts, and the {@code facts} of every
     * scenario of the default pack (about a hundred small documents that reach every rule).
     */
    public static List<Named<JsonNode>> factsDocuments() {
        List<Named<JsonNode>> docs = new ArrayList<>();
        docs.add(new Named<>("fleet.json", tree(text(FLEET))));
        docs.add(new Named<>("ingest/accounts.json", tree(text(INGEST_ACCOUNTS))));
        for (Path file : scenarioFiles()) {
            JsonNode root = tree(text(file));
            List<JsonNode> scenarios = new ArrayList<>();
            if (root.isArray()) {
                root.forEach(scenarios::add);
            } else {
                scenarios.add(root);
            }
            for (int i = 0; i < scenarios.size(); i++) {
                docs.add(new Named<>(
                        file.getFileName() + "[" + i + "].facts",
                        scenarios.get(i).get("facts")));
            }
        }
        return docs;
    }

    /** A seed with the name it is shown by. */
    public record Named<T>(String name, T value) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Where two texts first differ, with some context of each; empty when they are equal. */
    public static String difference(String actual, String expected) {
        if (actual.equals(expected)) {
            return "";
        }
        int i = 0;
        while (i < Math.min(actual.length(), expected.length()) && actual.charAt(i) == expected.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 120);
        return "at " + i + ":\n  actual:   …" + actual.substring(from, Math.min(actual.length(), i + 200))
                + "\n  expected: …" + expected.substring(from, Math.min(expected.length(), i + 200));
    }

    /** How many lines a text has, counting every kind of line end as the readers do. */
    public static int lines(String text) {
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                lines++;
            }
        }
        return lines;
    }
}
