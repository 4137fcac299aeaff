package org.auprules.examples.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bearer tokens of a token file: one token a line, blank lines and lines starting with
 * {@code #} ignored, so that a new token can be added before the old one is removed. Only the
 * SHA-256 of each token is kept; a presented token is hashed and compared with every one of them
 * by {@link MessageDigest#isEqual}, which takes the same time wherever the bytes differ, and the
 * loop never stops early, so neither the match nor its position shows in the answer's timing.
 * Tokens never appear in a message or a log line.
 */
final class BearerTokens {

    private static final String PREFIX = "Bearer ";

    private final List<byte[]> hashes;

    private BearerTokens(List<byte[]> hashes) {
        this.hashes = List.copyOf(hashes);
    }

    /** No token at all: nothing matches. */
    static BearerTokens none() {
        return new BearerTokens(List.of());
    }

    /**
     * Reads a token file.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no token; the message names the file, never a token
     */
    static BearerTokens read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read token file `" + file + "`: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
        List<byte[]> hashes = new ArrayList<>();
        for (String line : lines) {
            String token = line.strip();
            if (token.isEmpty() || token.startsWith("#")) {
                continue;
            }
            if (token.length() < 16) {
                throw new IllegalArgumentException("token file `" + file + "`: a token must be at least 16 characters; "
                        + "make one with `openssl rand -hex 32`");
            }
            hashes.add(sha256(token));
        }
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("token file `" + file + "` holds no token (one a line)");
        }
        return new BearerTokens(hashes);
    }

    /** Whether there is any token, that is whether this check is on. */
    boolean enabled() {
        return !hashes.isEmpty();
    }

    /**
     * Whether an {@code Authorization} header carries one of the tokens.
     *
     * @param authorization the header's value, or null when the request has none
     */
    boolean accepts(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] presented = sha256(authorization.substring(PREFIX.length()).strip());
        boolean match = false;
        for (byte[] h : hashes) {
            match |= MessageDigest.isEqual(h, presented);
        }
        return match;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
