package org.auprules.drools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.auprules.drools.internal.PackDirectory;
import org.auprules.drools.internal.PackSource;
import org.jspecify.annotations.Nullable;

/**
 * The files of a policy pack, read once into memory: {@code policy.json}, {@code rules/*.drl},
 * {@code signatures.csv} and whatever else the pack holds. A pack is a folder, or the default
 * pack on the classpath.
 *
 * <pre>{@code
 * PolicyPack pack = PolicyPack.fromDirectory(Path.of("my-pack"));
 * }</pre>
 */
public final class PolicyPack {

    /** Where the default pack, the Entrecloud AUP, lives on the classpath. */
    public static final String DEFAULT_PACK_RESOURCE = "org/auprules/packs/entrecloud";
    /** The file that names the policy and holds its catalog and thresholds. */
    public static final String POLICY_FILE = PackSource.POLICY_FILE;
    /** The abuse desk's waivers, optional: docs/abuse-desk.md. */
    public static final String WAIVERS_FILE = org.auprules.drools.internal.DeskFilesReader.WAIVERS_FILE;
    /** The escalation table of repeat offences, optional: docs/abuse-desk.md. */
    public static final String ESCALATIONS_FILE = org.auprules.drools.internal.DeskFilesReader.ESCALATIONS_FILE;
    /** The folder of the pack's own scenarios: tests of the policy, not part of it. */
    public static final String SCENARIOS_FOLDER = PackSource.SCENARIOS_FOLDER;
    /** The folder of DRL files, relative to the pack. */
    public static final String RULES_FOLDER = PackSource.RULES_FOLDER;

    private final PackSource source;
    private final String digest;
    /** Made on first use by {@link #reading()}; null until then. */
    private volatile @Nullable PackReading reading;

    private PolicyPack(String location, SortedMap<String, byte[]> files) {
        this.source = PackSource.of(location, files);
        this.digest = digestOf(files);
    }

    /**
     * Reads every file under {@code dir}, hidden files and folders excepted, as one snapshot: the
     * files are read until two reads in a row agree and nothing changed while they were read, so a
     * file being written is never taken half-written. A folder that is a symbolic link, and the
     * layout of a Kubernetes ConfigMap volume (a {@code ..data} link to one timestamped generation),
     * are each resolved once per read, so an atomic swap of the link is seen whole or not at all.
     * A symbolic link inside the pack may only point inside the pack.
     *
     * @param dir the pack's folder, holding its {@code policy.json}
     * @return the pack, with every file read into memory
     * @throws java.io.UncheckedIOException when the folder cannot be read, links outside itself, or
     *     kept changing through every read
     * @throws IllegalArgumentException     when {@code dir} is not a folder
     */
    public static PolicyPack fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("policy pack `" + dir + "` is not a folder");
        }
        return new PolicyPack(dir.toString(), PackDirectory.read(dir));
    }

    /**
     * The default pack, the Entrecloud AUP, from the classpath.
     *
     * @return the pack this library ships with
     */
    public static PolicyPack defaultPack() {
        return fromClasspath(DEFAULT_PACK_RESOURCE, PolicyPack.class.getClassLoader());
    }

    /**
     * A pack from a classpath folder, in a directory or inside a jar.
     *
     * @param resource the folder's classpath name, without a leading slash
     * @param loader   the class loader to find it with
     * @return the pack, with every file read into memory
     * @throws IllegalArgumentException when the folder is not on the classpath
     */
    public static PolicyPack fromClasspath(String resource, ClassLoader loader) {
        URL url = loader.getResource(resource + "/" + POLICY_FILE);
        if (url == null) {
            throw new IllegalArgumentException("no policy pack at classpath `" + resource + "`: `" + resource + "/"
                    + POLICY_FILE + "` is missing");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                return new PolicyPack("classpath:" + resource, readJar(uri, resource));
            }
            // the URL names policy.json inside the pack's folder, so the file has a parent
            Path folder = Objects.requireNonNull(Path.of(uri).getParent(), "`" + uri + "` has no parent folder");
            return new PolicyPack("classpath:" + resource, readTree(folder));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read policy pack `" + url + "`", e);
        }
    }

    /**
     * A pack made of the given files, for tests and tools: relative path to content.
     *
     * @param location where the pack says it comes from, in messages
     * @param files    each file's text by path relative to the pack, e.g. {@code rules/spam.drl}
     * @return the pack of those files
     */
    public static PolicyPack ofFiles(String location, Map<String, String> files) {
        SortedMap<String, byte[]> bytes = new TreeMap<>();
        files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return new PolicyPack(location, bytes);
    }

    private static SortedMap<String, byte[]> readJar(URI uri, String resource) {
        String s = uri.toString();
        URI jar = URI.create(s.substring(0, s.indexOf("!/")));
        FileSystem fs;
        boolean opened = false;
        try {
            try {
                fs = FileSystems.newFileSystem(jar, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(jar);
            }
            try {
                return readTree(fs.getPath("/" + resource));
            } finally {
                if (opened) {
                    fs.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy pack in `" + jar + "`", e);
        }
    }

    private static SortedMap<String, byte[]> readTree(Path root) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = root.relativize(p);
                if (!Files.isRegularFile(p) || isHidden(rel)) {
                    continue;
                }
                files.put(rel.toString().replace(rel.getFileSystem().getSeparator(), "/"), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy pack `" + root + "`", e);
        }
        return files;
    }

    private static boolean isHidden(Path rel) {
        for (Path part : rel) {
            String name = part.toString();
            if (name.startsWith(".") || name.endsWith("~")) {
                return true;
            }
        }
        return false;
    }

    private static String digestOf(SortedMap<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                if (e.getKey().startsWith(SCENARIOS_FOLDER)) {
                    continue; // a new test of the policy does not make a new policy
                }
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Long.toString(e.getValue().length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) 0);
                sha.update(e.getValue());
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Where the pack was read from: a folder, or {@code classpath:…}.
     *
     * @return the pack's location, as messages name it
     */
    public String location() {
        return source.location();
    }

    /**
     * Every file, by path relative to the pack ({@code rules/spam.drl}), in path order.
     *
     * @return each file's content by its relative path
     */
    public SortedMap<String, byte[]> files() {
        return source.files();
    }

    /**
     * A file's text, read as UTF-8, if the pack has it.
     *
     * @param path the file's path relative to the pack
     * @return the file's text, or empty when the pack has no such file
     */
    public Optional<String> text(String path) {
        return source.text(path);
    }

    /**
     * The DRL files of {@code rules/}, in path order.
     *
     * @return the relative paths of the pack's DRL files
     */
    public List<String> ruleFiles() {
        return source.ruleFiles();
    }

    /** The pack's files as the engine reads them: each parsed once, whoever asks. */
    PackSource source() {
        return source;
    }

    /** The one reading of the pack (document, tables, rule outlines), made on first use and kept. */
    PackReading reading() {
        PackReading r = reading;
        if (r == null) {
            r = new PackReading(source);
            reading = r;
        }
        return r;
    }

    /**
     * {@code sha256:} and the hex SHA-256 of every file's path and content, {@code scenarios/}
     * excepted, so that two packs that judge alike have the same digest.
     *
     * @return the pack's digest, {@code sha256:} then 64 hex digits
     */
    public String digest() {
        return digest;
    }

    @Override
    public String toString() {
        return source.location();
    }
}
