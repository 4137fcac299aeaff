package org.auprules.drools.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A ConfigMap volume laid out and updated exactly as kubelet's AtomicWriter does: the files of
 * one generation in a hidden timestamped folder {@code ..2026_12_01_00_00_00.123}, a link
 * {@code ..data} to it, and each visible top-level name a link {@code name -> ..data/name}. An
 * update writes the new generation, links {@code ..data_tmp} to it, renames that over
 * {@code ..data}, adds links for new names, and removes the old generation.
 */
public final class KubeletVolume {

    private KubeletVolume() {}

    /** Makes the volume in {@code dir} with one generation of {@code files} (relative path to text). */
    public static void create(Path dir, String generation, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        writeGeneration(dir.resolve(generation), files);
        Files.createSymbolicLink(dir.resolve(PackDirectory.DATA_LINK), Path.of(generation));
        linkVisible(dir, files);
    }

    /** Publishes {@code files} as the new generation {@code generation}, removing the one before. */
    public static void update(Path dir, String generation, Map<String, String> files) throws IOException {
        Path old = dir.resolve(PackDirectory.DATA_LINK).toRealPath();
        writeGeneration(dir.resolve(generation), files);
        Path tmp = dir.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, Path.of(generation));
        Files.move(tmp, dir.resolve(PackDirectory.DATA_LINK), StandardCopyOption.ATOMIC_MOVE);
        linkVisible(dir, files);
        try (Stream<Path> walk = Files.walk(old)) {
            for (Path p : walk.sorted(
                            Comparator.comparingInt(Path::getNameCount).reversed())
                    .toList()) {
                Files.delete(p);
            }
        }
    }

    private static void writeGeneration(Path gen, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = gen.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static void linkVisible(Path dir, Map<String, String> files) throws IOException {
        for (String name : files.keySet()) {
            String top = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
            Path visible = dir.resolve(top);
            if (!Files.exists(visible, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(visible, Path.of(PackDirectory.DATA_LINK, top));
            }
        }
    }
}
