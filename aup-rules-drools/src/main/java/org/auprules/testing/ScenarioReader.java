package org.auprules.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.InvalidInputException;
import org.auprules.api.MalformedInputException;
import org.auprules.drools.PolicyPack;
import org.auprules.internal.JsonLocator;
import org.auprules.internal.JsonSyntax;
import org.auprules.json.FactsJson;
import org.auprules.testing.Scenario.SourceLocation;

/**
 * Reads scenario files (docs/policy-testing.md): a file holds one scenario object or an array
 * of them, and a folder is searched recursively for {@code *.json}. Reading is strict, like
 * reading facts: an unknown field, a missing description, an expectation that names an account
 * the facts lack, or an error in the facts themselves is reported with its JSON path in the file
 * and its line, e.g. {@code $[2].facts.emails[0].accountId: unknown account `acc-9` … (line 41)}.
 *
 * <pre>{@code
 * List<Scenario> scenarios = ScenarioReader.read(Path.of("my-pack/scenarios"));
 * }</pre>
 */
public final class ScenarioReader {

    /** The folder of a policy pack that holds the pack's own scenarios. */
    public static final String PACK_FOLDER = "scenarios/";

    private ScenarioReader() {}

    /**
     * Reads a scenario file, or every {@code *.json} file under a folder, in path order.
     *
     * @param fileOrFolder a scenario file, or a folder of them
     * @return every scenario, file by file, in the order written
     * @throws InvalidInputException    the first error of the first broken file
     * @throws IllegalArgumentException when the path does not exist
     */
    public static List<Scenario> read(Path fileOrFolder) {
        List<Scenario> all = new ArrayList<>();
        for (Path file : files(fileOrFolder)) {
            all.addAll(readFile(file));
        }
        return all;
    }

    /**
     * The scenario files a path stands for: the file itself, or the {@code *.json} files under a
     * folder (hidden ones excepted), sorted by path.
     *
     * @param fileOrFolder a scenario file, or a folder of them
     * @return the file alone, or the folder's {@code *.json} files; never empty
     * @throws InvalidScenarioException when a folder holds no scenario file
     * @throws IllegalArgumentException when the path does not exist
     */
    public static List<Path> files(Path fileOrFolder) {
        if (Files.isRegularFile(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        if (!Files.isDirectory(fileOrFolder)) {
            throw new IllegalArgumentException("no such file or folder `" + fileOrFolder + "`");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fileOrFolder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .filter(p -> !isHidden(fileOrFolder.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read folder `" + fileOrFolder + "`", e);
        }
        if (files.isEmpty()) {
            throw new InvalidScenarioException(
                    "", "no scenario files (`*.json`) in folder `" + fileOrFolder + "`", fileOrFolder.toString(), 0, 0);
        }
        return files;
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads one scenario file, which must be UTF-8.
     *
     * @param file a {@code .json} file holding one scenario object or an array of them
     * @return its scenarios, in the order written
     * @throws InvalidInputException the first error in the file
     * @throws UncheckedIOException  when the file cannot be read
     */
    public static List<Scenario> readFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read `" + file + "`", e);
        }
        return read(utf8(bytes, file.toString()), file.toString());
    }

    /**
     * The scenarios a policy pack carries in its {@code scenarios/} folder, file by file; an empty
     * list when it has none.
     *
     * @param pack the policy pack
     * @return the scenarios of its {@code scenarios/*.json} files, located as {@code <pack location>/scenarios/…}
     * @throws InvalidInputException the first error of the first broken file
     */
    public static List<Scenario> fromPack(PolicyPack pack) {
        List<Scenario> all = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : pack.files().entrySet()) {
            if (e.getKey().startsWith(PACK_FOLDER)
                    && e.getKey().toLowerCase(Locale.ROOT).endsWith(".json")) {
                String source = pack.location() + "/" + e.getKey();
                all.addAll(read(utf8(e.getValue(), source), source));
            }
        }
        return all;
    }

    /**
     * Reads scenarios from JSON text.
     *
     * @param text   one scenario object, or an array of them, after an optional UTF-8 byte-order mark
     * @param source the file name for messages and locations
     * @return the scenarios, in the order written
     * @throws InvalidInputException the first error in the text
     */
    public static List<Scenario> read(String text, String source) {
        String json = JsonSyntax.withoutBom(text);
        JsonNode root;
        try {
            root = FactsJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            var loc = JsonLocator.failure(e, FactsJson.mapper().getFactory(), json);
            throw new MalformedInputException(
                    "malformed JSON: " + JsonSyntax.describe(e)
                            + (loc != null ? " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")" : ""),
                    source,
                    loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr(),
                    e);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedInputException(
                    "empty file: expected a scenario object or an array of them", source, 1, 1, null);
        }
        ScenarioParser parser = new ScenarioParser(json, source);
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw parser.error("$", "expected at least one scenario, got an empty array");
            }
            List<Scenario> scenarios = new ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                scenarios.add(parser.scenario(root.get(i), "$[" + i + "]"));
            }
            return scenarios;
        }
        return List.of(parser.scenario(root, "$"));
    }

    private static String utf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedInputException("`" + source + "` is not UTF-8 text", source, 0, 0, e);
        }
    }

    /** Moves an error found in the facts of a scenario to its place in the scenario file. */
    static InvalidFactsException relocate(InvalidFactsException e, String factsPath, ScenarioParser parser) {
        String path = factsPath + e.path().substring(1);
        SourceLocation at = parser.location(path);
        return e.at(path, at.source(), at.line(), at.column());
    }
}
