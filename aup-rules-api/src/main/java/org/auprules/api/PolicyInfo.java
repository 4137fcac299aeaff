package org.auprules.api;

import java.util.Objects;

/**
 * Which policy produced a result: its name, version, and a digest of the pack's contents.
 *
 * @param name    the policy's name, e.g. {@code Entrecloud AUP}
 * @param version the policy's version, e.g. {@code 2017-01-01}
 * @param digest  {@code sha256:} and the hex digest of every file of the pack
 */
public record PolicyInfo(String name, String version, String digest) {

    /**
     *
     * Checks that the name, the version and the digest are there.
     *
     *
     *
     * @param name the policy's name, e.g. {@code Entrecloud AUP}
     *
     * @param version the policy's version, e.g. {@code 2017-01-01}
     *
     * @param digest {@code sha256:} and the hex digest of every file of the pack
     *
     * @throws NullPointerException when one of them is null
     *
     */
    public PolicyInfo {
        Objects.requireNonNull(name, "policy name must not be null");
        Objects.requireNonNull(version, "policy version must not be null");
        Objects.requireNonNull(digest, "policy digest must not be null");
    }
}
