package org.auprules.drools;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.auprules.drools.internal.KieBaseArchive;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge packages of a reloading evaluator's last few clean builds, kept in memory by the
 * digest of everything Drools compiled them from, so that a reload whose edit left the rule files
 * as they were does not compile the DRL again.
 *
 * <p>Drools is given the pack's {@code rules/*.drl} files and nothing else: each file's bytes under
 * its path, in path order, in one knowledge builder whose settings are this JVM's. A {@code
 * policy.json} threshold, a row of {@code signatures.csv}, a waiver or a note reaches the rules as
 * facts and globals at evaluation time, never through the compiler. So the key, {@link #key}, is the
 * SHA-256 of the Drools version and of every rule file's path, length and bytes; two packs with the
 * same key give Drools the same input and get the same packages. Every other check of a compile
 * still runs on a reuse ({@link PolicyCompiler#compile}): the sandbox's source check and its check
 * of the compiled classes, the document, tables, metadata and messages, and the validator's.
 *
 * <p>An entry is the packages serialized the moment they passed those checks, before any knowledge
 * base used them (the same form, and the same {@link KieBaseArchive#FILTER}, as the pre-built
 * default pack): each reuse deserializes its own copy, so no live policy's objects are ever shared
 * or read while sessions run on them. Only builds of sandboxed packs that Drools compiled without a
 * word are kept, as for the disk cache. Thread-safe.
 */
final class RuleBuildMemo {

    /** How many builds are kept: the live one and the few before it, for an edit undone. */
    static final int ENTRIES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(RuleBuildMemo.class);

    /** Archive bytes by key, least recently used first. */
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(ENTRIES * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > ENTRIES;
        }
    };

    private long hits;
    private long misses;

    /**
     * The digest of what Drools compiles from a pack: the Drools version, then every rule file's
     * path, length and bytes, in the order the compiler adds them.
     */
    static String key(PolicyPack pack) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(KieBaseArchive.droolsVersion().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            for (String file : pack.ruleFiles()) {
                byte[] bytes = java.util.Objects.requireNonNull(pack.files().get(file), file);
                sha.update(file.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) 0);
                sha.update(bytes);
            }
            return "rules-sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * A fresh copy of the packages kept under {@code key}, or empty when none are (or the entry does
     * not read back, which is then dropped).
     */
    Optional<List<KiePackage>> find(String key) {
        byte[] archive;
        synchronized (this) {
            archive = entries.get(key);
            if (archive == null) {
                misses++;
                return Optional.empty();
            }
            hits++;
        }
        try {
            return Optional.of(KieBaseArchive.read(new ByteArrayInputStream(archive), key));
        } catch (KieBaseArchive.Unusable e) {
            LOG.warn("dropping the in-memory build {}: {}; compiling the rules", key, e.getMessage());
            synchronized (this) {
                entries.remove(key, archive);
            }
            return Optional.empty();
        }
    }

    /**
     * Keeps the packages of a clean, sandboxed build under {@code key}; they must not have been
     * added to a knowledge base yet. A build that cannot be serialized is not kept.
     */
    void remember(String key, Collection<KiePackage> packages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try {
            KieBaseArchive.write(packages, key, out);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot keep the build {} in memory: {}", key, e.toString());
            return;
        }
        synchronized (this) {
            entries.put(key, out.toByteArray());
        }
    }

    /** Whether a build is kept under {@code key}. */
    synchronized boolean holds(String key) {
        return entries.containsKey(key);
    }

    /** How many reuses were asked for and found, since this memo was made. */
    synchronized long hits() {
        return hits;
    }

    /** How many reuses were asked for and not found. */
    synchronized long misses() {
        return misses;
    }
}
