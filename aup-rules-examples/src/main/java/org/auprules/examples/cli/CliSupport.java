package org.auprules.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.InvalidInputException;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyProblem;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.PolicyValidator;
import org.auprules.json.FactsJson;
import org.auprules.json.FactsJsonLines;
import org.jspecify.annotations.Nullable;

/** What several commands share: loading a policy, reading facts, and reporting why they failed. */
final class CliSupport {

    /** The option that compiles a pack folder even when the cache holds its build. */
    static final String NO_CACHE = "--no-cache";
    /** What {@link #NO_CACHE} does. */
    static final String NO_CACHE_HELP = "Compile the --policy pack even if an earlier run cached its build, and cache "
            + "nothing. Builds are cached by pack digest in $XDG_CACHE_HOME/aup-rules (or ~/.cache/aup-rules), "
            + "readable only by you; -Daup-rules.cache=false in JAVA_OPTS does the same for every command.";

    private CliSupport() {}

    /**
     * Compiles the pack in {@code dir}, or the default pack when {@code dir} is null. On failure it
     * prints every problem as {@code path:line:column: error: message} and ends with exit code 3.
     * A pack that says {@code "trusted": true} is sandboxed unless {@code allowTrustedPacks}, with
     * the warning printed.
     */
    static CompiledPolicy loadPolicy(@Nullable Path dir, boolean allowTrustedPacks, PrintWriter err) {
        return loadPolicy(dir, allowTrustedPacks, true, err);
    }

    /**
     * As {@link #loadPolicy(Path, boolean, PrintWriter)}; a pack folder is compiled once and then
     * loaded from the user's cache ({@link CompiledPolicy.Cache#userDefault()}) unless {@code useCache} is
     * false or {@code -Daup-rules.cache=false} is set. The default pack always loads pre-built.
     */
    static CompiledPolicy loadPolicy(@Nullable Path dir, boolean allowTrustedPacks, boolean useCache, PrintWriter err) {
        PolicyPack pack = readPack(dir, err);
        try {
            CompiledPolicy policy = CompiledPolicy.compile(
                    pack,
                    allowTrustedPacks,
                    dir != null && useCache ? CompiledPolicy.Cache.userDefault() : CompiledPolicy.Cache.none());
            String prefix = dir == null ? "" : dir + "/";
            policy.warnings().stream()
                    .filter(p -> p.path().equals(PolicyPack.POLICY_FILE)
                            && p.message().contains("\"trusted\": true"))
                    .forEach(p -> err.println(prefix + p));
            return policy;
        } catch (InvalidPolicyException e) {
            throw invalidPolicy(pack, dir, everyError(pack, allowTrustedPacks, e), err);
        }
    }

    /**
     * Every error of a pack that did not compile, as {@code validate} finds them: the compiler
     * stops at what keeps it from building, the validator goes on to the problems after it
     * (metadata, messages), so that one run names them all.
     */
    private static InvalidPolicyException everyError(
            PolicyPack pack, boolean allowTrustedPacks, InvalidPolicyException compiled) {
        List<PolicyProblem> errors = PolicyValidator.validate(pack, allowTrustedPacks).problems().stream()
                .filter(PolicyProblem::isError)
                .toList();
        return errors.size()
                        > compiled.problems().stream()
                                .filter(PolicyProblem::isError)
                                .count()
                ? new InvalidPolicyException(pack.location(), errors)
                : compiled;
    }

    /** Reads the pack in {@code dir}, or the default pack when {@code dir} is null; exit code 3 when it cannot. */
    static PolicyPack readPack(@Nullable Path dir, PrintWriter err) {
        try {
            return dir == null ? PolicyPack.defaultPack() : PolicyPack.fromDirectory(dir);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("aup-rules: " + e.getMessage());
            throw new ExitException(ExitException.INVALID_POLICY);
        }
    }

    /** Prints every problem of an invalid pack, paths relative to where the user named it, and ends with exit code 3. */
    static ExitException invalidPolicy(PolicyPack pack, @Nullable Path dir, InvalidPolicyException e, PrintWriter err) {
        err.println("aup-rules: invalid policy pack `" + pack.location() + "`:");
        String prefix = dir == null ? "" : dir + "/";
        for (PolicyProblem p : e.problems()) {
            err.println(prefix + p);
        }
        return new ExitException(ExitException.INVALID_POLICY);
    }

    /**
     * Facts read from a file or standard input, with the text they came from so that later errors
     * can be located in it.
     *
     * @param facts  the facts
     * @param text   the JSON text
     * @param source the file name, or {@code <stdin>}
     */
    record Input(FactSet facts, String text, String source) {}

    /**
     * Reads a facts document from a file, or from standard input for {@code -}. On failure it
     * prints where and what is wrong and ends with exit code 2.
     */
    static Input readFacts(String file, PrintWriter err) {
        String source = sourceName(file);
        InputStream in;
        if ("-".equals(file)) {
            in = System.in;
        } else {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                err.println("aup-rules: cannot read `" + file + "`: no such file");
                throw new ExitException(ExitException.INVALID_INPUT);
            }
            try {
                in = Files.newInputStream(path);
            } catch (IOException e) {
                err.println("aup-rules: cannot read `" + source + "`: " + e.getMessage());
                throw new ExitException(ExitException.INVALID_INPUT);
            }
        }
        return readFacts(in, source, err);
    }

    /**
     * Opens a facts input, a file or standard input for {@code -}, and tells its form from its start
     * (a whole document or JSON Lines). Exit code 2 when the file is not there or cannot be read.
     */
    static FactsJsonLines.Form.Sniffed sniffFacts(String file, PrintWriter err) {
        String source = sourceName(file);
        try {
            InputStream in;
            if ("-".equals(file)) {
                in = System.in;
            } else {
                Path path = Path.of(file);
                if (!Files.isRegularFile(path)) {
                    err.println("aup-rules: cannot read `" + file + "`: no such file");
                    throw new ExitException(ExitException.INVALID_INPUT);
                }
                in = Files.newInputStream(path);
            }
            return FactsJsonLines.Form.sniff(in);
        } catch (IOException e) {
            err.println("aup-rules: cannot read `" + source + "`: " + e.getMessage());
            throw new ExitException(ExitException.INVALID_INPUT);
        }
    }

    /** The name messages give an input: the file, or {@code <stdin>} for {@code -}. */
    static String sourceName(String file) {
        return "-".equals(file) ? "<stdin>" : file;
    }

    /**
     * Reads a whole facts document from a stream to its end, as UTF-8; on failure it prints where and
     * what is wrong and ends with exit code 2.
     */
    static Input readFacts(InputStream in, String source, PrintWriter err) {
        String text;
        try (in) {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in.readAllBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            err.println("aup-rules: " + source + ": not UTF-8 text");
            throw new ExitException(ExitException.INVALID_INPUT);
        } catch (IOException e) {
            err.println("aup-rules: cannot read `" + source + "`: " + e.getMessage());
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        try {
            return new Input(FactsJson.read(text, source), text, source);
        } catch (InvalidInputException e) {
            err.println("aup-rules: " + describe(e));
            throw new ExitException(ExitException.INVALID_INPUT);
        }
    }

    /** The {@code (line 5)} or {@code (line 1, column 46)} an input error's message ends with. */
    private static final java.util.regex.Pattern LINE_SUFFIX =
            java.util.regex.Pattern.compile(" \\(line \\d+(, column \\d+)?\\)$");

    /**
     * An input error as one line, as compilers write them: {@code file:line:column: message}, the
     * message with its JSON path; the column or the line left out when unknown.
     */
    static String describe(InvalidInputException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e.source().isEmpty()) {
            return message;
        }
        if (e.line() <= 0) {
            return e.source().get() + ": " + message;
        }
        return e.source().get() + ":" + e.line() + (e.column() > 0 ? ":" + e.column() : "") + ": "
                + LINE_SUFFIX.matcher(message).replaceFirst("");
    }

    /**
     * Reports an error the evaluator found in facts (an unknown account, a duplicate id), with the
     * line it has in the text they were read from, and ends with exit code 2.
     */
    static ExitException invalidFacts(InvalidFactsException e, Input input, PrintWriter err) {
        err.println("aup-rules: " + describe(FactsJson.locate(e, input.text(), input.source())));
        return new ExitException(ExitException.INVALID_INPUT);
    }
}
