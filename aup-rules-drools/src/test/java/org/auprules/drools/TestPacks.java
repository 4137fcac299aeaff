package org.auprules.drools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auprules.api.PolicyProblem;

/** Packs for tests: the default policy.json with rule files of the test's own. */
final class TestPacks {

    /** The header every DRL file of a test starts with: four lines, so a rule written after it starts on line 6. */
    static final String HEADER = """
            package rules;
            import org.auprules.api.facts.*;
            import org.auprules.drools.rules.*;
            global Findings findings;

            """;

    private TestPacks() {}

    /** The default policy.json. */
    static String policyJson() {
        return PolicyPack.defaultPack().text(PolicyPack.POLICY_FILE).orElseThrow();
    }

    /** A pack of the default policy.json and the given files (path to text); a file may replace policy.json. */
    static PolicyPack pack(Map<String, String> files) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(PolicyPack.POLICY_FILE, policyJson());
        all.putAll(files);
        return PolicyPack.ofFiles("test", all);
    }

    /** A pack with one rule file, {@code rules/test.drl}, made of the header and the given rules. */
    static PolicyPack withRules(String rules) {
        return pack(Map.of("rules/test.drl", HEADER + rules));
    }

    /** The problems as printed, {@code path:line:column: level: message}, leaving out the clause coverage warnings. */
    static List<String> lines(List<PolicyProblem> problems) {
        return problems.stream()
                .map(PolicyProblem::toString)
                .filter(s -> !s.contains("no rule and no table row cites"))
                .toList();
    }

    /** Writes every file of the default pack into a folder. */
    static void copyDefaultPack(Path dir) {
        PolicyPack.defaultPack()
                .files()
                .forEach((name, bytes) -> write(dir.resolve(name), new String(bytes, StandardCharsets.UTF_8)));
    }

    /** Writes a file, making its folders. */
    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
