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
    /** The option that lets a pack whose policy.json says {@code "trusted": true} run unsandboxed. */
    static final String ALLOW_TRUSTED_PACKS = "--allow-trusted-packs";
    /** What {@link #ALLOW_TRUSTED_PACKS} does, in the help of every command that loads a pack. */
    static final String ALLOW_TRUSTED_PACKS_HELP = "Honour \"trusted\": true in the pack's policy.json and run its "
            + "rules unsandboxed. Without it every pack is sandboxed, and one that says it is trusted gets a warning.";

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
    static CompiledPolicy compile(@Nullable String arg, boolean allowTrustedPacks, PrintWriter err) {
        return CliSupport.loadPolicy(folder(arg), allowTrustedPacks, err);
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
