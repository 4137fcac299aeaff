package org.auprules.fuzzing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keeps the input of a failing case in {@code target/fuzz-failures/}, so that a reproducer is one
 * file away even when jqwik's shrunk sample is a list of mutations.
 */
public final class Failures {

    private Failures() {}

    /** Runs the checks of one case; when they fail, the input is saved and named in the error. */
    public static void keep(String target, String input, Runnable checks) {
        try {
            checks.run();
        } catch (AssertionError e) {
            Path file = save(target, input);
            String head = input.length() > 300 ? input.substring(0, 300) + "…" : input;
            throw new AssertionError(
                    e.getMessage() + "\n  input (" + input.length() + " chars) saved to " + file + ":\n" + head, e);
        }
    }

    private static Path save(String target, String input) {
        try {
            byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
            String id = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 12);
            Path file = Path.of("target", "fuzz-failures", target + "-" + id + ".txt");
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
