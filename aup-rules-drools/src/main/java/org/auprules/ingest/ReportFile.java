package org.auprules.ingest;

import java.io.IOException;
import java.io.InputStream;
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
// The array is the public contract (a report is its bytes, shared rather than copied, as said above);
// a ReportFile is a carrier handed to the ingestor, never compared or used as a key, so the
// identity-based equals and hashCode that the array component gives do not matter.
@SuppressWarnings("ArrayRecordComponent")
public record ReportFile(String name, byte[] content, ReportFormat format) {

    /**
     * Checks every part is there; the bytes are kept as given.
     *
     * @param name    the name used in messages, usually the path
     * @param content the bytes, as received
     * @param format  the format to read it as
     */
    public ReportFile {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(content, "content must not be null");
        Objects.requireNonNull(format, "format must not be null");
    }

    /**
     * Reads a file, named by its path.
     *
     * @param path   the file
     * @param format the format to read it as, whatever its extension
     * @return the file's name and bytes
     * @throws UncheckedIOException when it cannot be read
     */
    public static ReportFile read(Path path, ReportFormat format) {
        return read(path, format, ReportIngestor.Limits.defaults().maxFileBytes());
    }

    /**
     * Reads a file, named by its path, unless it is larger than a limit: then not a byte past the
     * limit is read.
     *
     * @param path     the file
     * @param format   the format to read it as, whatever its extension
     * @param maxBytes the largest file to read, e.g. {@link ReportIngestor.Limits#maxFileBytes()}
     * @return the file's name and bytes
     * @throws UncheckedIOException when it cannot be read, or is larger than {@code maxBytes}
     */
    public static ReportFile read(Path path, ReportFormat format, long maxBytes) {
        try (InputStream in = Files.newInputStream(path)) {
            if (Files.size(path) > maxBytes) {
                throw new UncheckedIOException(
                        "cannot read `" + path + "`: " + tooLarge(Files.size(path), maxBytes),
                        new IOException("file too large"));
            }
            // One byte more than allowed tells a file that is too large, however it grows meanwhile.
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                long size = Math.max(bytes.length, Files.size(path));
                throw new UncheckedIOException(
                        "cannot read `" + path + "`: " + tooLarge(size, maxBytes), new IOException("file too large"));
            }
            return new ReportFile(path.toString(), bytes, format);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("cannot read `" + path + "`: no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UncheckedIOException("cannot read `" + path + "`: permission denied", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read `" + path + "`: " + e.getMessage(), e);
        }
    }

    /** The problem of a file larger than the limit. */
    static String tooLarge(long size, long maxBytes) {
        return "file is " + size + " bytes, more than the limit of " + maxBytes + " bytes (maxFileBytes)";
    }

    /**
     * The report files under the given paths, in order: a file stands for itself; a folder for
     * every file below it, at any depth, whose extension names one of {@code formats}, in path
     * order. Hidden files and folders are skipped.
     *
     * @param paths   files and folders, e.g. from the command line
     * @param formats the formats whose extensions a folder's files must have, e.g. {@code EnumSet.of(ReportFormat.XARF)}
     * @return the files, folders expanded in place; a file given by name is kept whatever its extension
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
                                        .noneMatch(
                                                x -> x.getFileName().toString().startsWith(".")))
                        .filter(f -> ReportFormat.ofFileName(f.getFileName().toString())
                                .filter(formats::contains)
                                .isPresent())
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list `" + p + "`: " + e.getMessage(), e);
            }
        }
        return files;
    }
}
