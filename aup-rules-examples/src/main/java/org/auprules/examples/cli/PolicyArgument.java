package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;

/**
 * A policy named on the command line: a pack folder, or the word {@code default} for the pack
 * shipped in the jar (write {@code ./default} for a folder of that name).
 */
final class PolicyArgument {

    /** The word that names the shipped pack. */
    static final String DEFAULT = "default";

    private PolicyArgument() {
    }

    /** Whether the argument names the shipped pack; no argument does too. */
    static boolean isDefault(String arg) {
        return arg == null || DEFAULT.equals(arg);
    }

    /** Compiles the named pack, or ends with exit code 3 after printing every problem. */
    static CompiledPolicy compile(String arg, PrintWriter err) {
        return CliSupport.loadPolicy(isDefault(arg) ? null : Path.of(arg), err);
    }

    /** Reads the files of the named pack without compiling it, or ends with exit code 3. */
    static PolicyPack pack(String arg, PrintWriter err) {
        try {
            return isDefault(arg) ? PolicyPack.defaultPack() : PolicyPack.fromDirectory(Path.of(arg));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("aup-rules: " + e.getMessage());
            throw new ExitException(ExitException.INVALID_POLICY);
        }
    }

    /** How the argument reads in a report: {@code default} or the folder. */
    static String describe(String arg) {
        return isDefault(arg) ? DEFAULT : arg;
    }
}
