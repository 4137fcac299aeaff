package org.auprules.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One report file to ingest: its name, its bytes and its format. The bytes are shared, not
 * copied, since reports can be large; do not change them after handing them over.
 *
 * @param name    the name used in messages, usually the path
 * @param content the bytes, as received
 * @param format  the format to read it as
 */
public record ReportFile(String name, byte[] content, ReportFormat format) {

    public ReportFile {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(content, "content must not be null");
        Objects.requireNonNull(format, "format must not be null");
    }

    /**
     * Reads a file.
     *
     * @throws UncheckedIOException when it cannot be read
     */
    public static ReportFile read(Path path, ReportFormat format) {
        try {
            return new ReportFile(path.toString(), Files.readAllBytes(path), format);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("cannot read `" + path + "`: no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UncheckedIOException("cannot read `" + path + "`: permission denied", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read `" + path + "`: " + e.getMessage(), e);
        }
    }

    /**
     * The report files under the given paths, in order: a file stands for itself; a folder for
     * every file below it, at any depth, whose extension names one of {@code formats}, in path
     * order. Hidden files and folders are skipped.
     *
     * @throws UncheckedIOException when a folder cannot be listed
     */
    public static List<Path> expand(Collection<Path> paths, Collection<ReportFormat> formats) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> p.relativize(f).toString().chars().noneMatch(c -> c == '~')
                                && Stream.iterate(p.relativize(f), x -> x != null, Path::getParent)
                                .noneMatch(x -> x.getFileName().toString().startsWith(".")))
                        .filter(f -> ReportFormat.ofFileName(f.getFileName().toString())
                                .filter(formats::contains).isPresent())
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list `" + p + "`: " + e.getMessage(), e);
            }
        }
        return files;
    }
}
