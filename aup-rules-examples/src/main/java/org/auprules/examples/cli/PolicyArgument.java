package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.jspecify.annotations.Nullable;

/**
 * A policy named on the command line: a pack folder, or the word {@code default} for the pack
 * shipped in the jar (write {@code ./default} for a folder of that name).
 */
final class PolicyArgument {

    /** The word that names the shipped pack. */
    static final String DEFAULT = "default";

    private PolicyArgument() {}

    /** Whether the argument names the shipped pack; no argument does too. */
    static boolean isDefault(@Nullable String arg) {
        return arg == null || DEFAULT.equals(arg);
    }

    /** The pack folder the argument names, or {@code null} for the shipped pack. */
    private static @Nullable Path folder(@Nullable String arg) {
        return arg == null || DEFAULT.equals(arg) ? null : Path.of(arg);
    }

    /** Compiles the named pack, or ends with exit code 3 after printing every problem. */
    static CompiledPolicy compile(@Nullable String arg, PrintWriter err) {
        return CliSupport.loadPolicy(folder(arg), err);
    }

    /** Reads the files of the named pack without compiling it, or ends with exit code 3. */
    static PolicyPack pack(@Nullable String arg, PrintWriter err) {
        try {
            Path dir = folder(arg);
            return dir == null ? PolicyPack.defaultPack() : PolicyPack.fromDirectory(dir);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("aup-rules: " + e.getMessage());
            throw new ExitException(ExitException.INVALID_POLICY);
        }
    }

    /** How the argument reads in a report: {@code default} or the folder. */
    static String describe(@Nullable String arg) {
        return arg == null ? DEFAULT : arg;
    }
}
