package org.auprules.drools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.auprules.drools.internal.KieBaseArchive;
import org.jspecify.annotations.Nullable;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where compiled packs are kept between runs, so that a pack compiles once and later runs only
 * load it. Two places are looked in, in this order:
 *
 * <ul>
 *   <li>the default pack, pre-built at {@code mvn package} and shipped in this library's jar
 *       ({@link PrebuiltPack}); it serves any pack whose digest is the default pack's;
 *   <li>a private folder on disk, when the cache has one: one file per pack digest, written only
 *       after the pack compiled and passed the sandbox's checks, and taken again only when the
 *       digest, the Drools version and the SHA-256 of its content all match. A file that does not
 *       is ignored (and replaced by the next compile).
 * </ul>
 *
 * <pre>{@code
 * CompiledPolicy p = CompiledPolicy.compile(PolicyPack.fromDirectory(dir), false, PolicyCache.userDefault());
 * }</pre>
 *
 * A pack compiled with {@code "trusted": true} honoured is never cached: its code was not checked.
 */
public final class PolicyCache {

    /** Set to {@code false} to turn the disk cache of {@link #userDefault()} off. */
    public static final String CACHE_PROPERTY = "aup-rules.cache";
    /** Where {@link #userDefault()} keeps its files, when set; overrides the XDG folder. */
    public static final String CACHE_DIR_PROPERTY = "aup-rules.cache.dir";
    /** The extension of an entry: the pack digest's hex, then this. */
    static final String EXTENSION = ".kpkg";

    private static final Logger LOG = LoggerFactory.getLogger(PolicyCache.class);
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    private static final PolicyCache NONE = new PolicyCache(PrebuiltPack.shipped(), null);

    private final PrebuiltPack prebuilt;
    private final @Nullable Path dir;

    private PolicyCache(PrebuiltPack prebuilt, @Nullable Path dir) {
        this.prebuilt = prebuilt;
        this.dir = dir;
    }

    /**
     * No disk cache: every pack compiles, except that the default pack loads pre-built.
     *
     * @return the cache of the shipped default pack only
     */
    public static PolicyCache none() {
        return NONE;
    }

    /**
     * A disk cache in {@code dir}, created private to the user (0700) when it is missing.
     *
     * @param dir the folder to keep compiled packs in
     * @return the cache
     */
    public static PolicyCache directory(Path dir) {
        return new PolicyCache(PrebuiltPack.shipped(), Objects.requireNonNull(dir, "dir must not be null"));
    }

    /**
     * The user's cache: {@code -Daup-rules.cache.dir}, else {@code $XDG_CACHE_HOME/aup-rules}, else
     * {@code ~/.cache/aup-rules}; {@link #none()} when {@code -Daup-rules.cache=false}.
     *
     * @return the cache the command line uses
     */
    public static PolicyCache userDefault() {
        if ("false".equalsIgnoreCase(System.getProperty(CACHE_PROPERTY))) {
            return NONE;
        }
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return directory(Path.of(configured));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return directory(Path.of(xdg, "aup-rules"));
        }
        return directory(Path.of(System.getProperty("user.home"), ".cache", "aup-rules"));
    }

    /** A cache with the given pre-built form, for tests. */
    static PolicyCache of(PrebuiltPack prebuilt, @Nullable Path dir) {
        return new PolicyCache(prebuilt, dir);
    }

    /**
     * The folder of the disk cache, if there is one.
     *
     * @return the folder, or empty for {@link #none()}
     */
    public Optional<Path> directory() {
        return Optional.ofNullable(dir);
    }

    /** The packages compiled from the pack earlier, pre-built or from disk, when some are there and intact. */
    Optional<List<KiePackage>> load(PolicyPack pack) {
        Optional<List<KiePackage>> shipped = prebuilt.find(pack);
        if (shipped.isPresent() || dir == null) {
            return shipped;
        }
        Path entry = entry(pack);
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(entry)) {
            List<KiePackage> packages = KieBaseArchive.read(in, pack.digest());
            LOG.debug("loaded policy pack `{}` ({}) from the cache `{}`", pack.location(), pack.digest(), entry);
            return Optional.of(packages);
        } catch (IOException | KieBaseArchive.Unusable e) {
            LOG.warn(
                    "ignoring the cached build `{}` of policy pack `{}`: {}; compiling it",
                    entry,
                    pack,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps the packages compiled from a pack; a cache that cannot be written is skipped with a warning. */
    void store(PolicyPack pack, Collection<KiePackage> packages) {
        if (dir == null || prebuilt.covers(pack)) {
            return;
        }
        Path entry = entry(pack);
        Path temp = null;
        try {
            createPrivateDirectory(dir);
            temp = Files.createTempFile(dir, ".entry-", ".tmp", PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
            try (OutputStream out = Files.newOutputStream(temp)) {
                KieBaseArchive.write(packages, pack.digest(), out);
            }
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot cache policy pack `{}` in `{}`: {}", pack, dir, e.toString());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and replaced by the next store
                }
            }
        }
    }

    /** The file that holds the pack's build: its digest's hex and {@link #EXTENSION}. */
    Path entry(PolicyPack pack) {
        String digest = pack.digest();
        return Objects.requireNonNull(dir).resolve(digest.substring(digest.indexOf(':') + 1) + EXTENSION);
    }

    /** Creates the folder, and any missing parent, readable by its owner only; an existing folder is left as it is. */
    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
        } catch (FileAlreadyExistsException e) {
            return; // made by another process meanwhile
        }
        // the umask may have taken bits off, never added any; set them exactly
        Files.setPosixFilePermissions(dir, PRIVATE_DIR);
    }

    @Override
    public String toString() {
        return dir == null ? "no cache" : "cache " + dir;
    }
}
