package org.auprules.drools.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pack folder as one snapshot: the files as they all were at one moment, never a mix of
 * two versions nor a file half written. It reads every file, checks that none changed while it
 * read (listing, size, modification time and file key), and reads again until two reads in a row
 * agree byte for byte. A folder that holds a {@code ..data} symbolic link (the layout of a
 * Kubernetes ConfigMap volume) is read through that link, resolved once, so exactly one
 * generation is read whole; a pack folder that is itself a symbolic link is resolved once per
 * read too, so swapping the link swaps the whole pack. Hidden entries ({@code .git},
 * {@code ..data}, {@code ..2026_…}) and editor backups ({@code name~}) are never pack files, and a
 * symbolic link inside the pack may only point inside the pack.
 */
public final class PackDirectory {

    /** The link a Kubernetes ConfigMap or Secret volume swaps atomically to publish a new generation. */
    public static final String DATA_LINK = "..data";
    /** How many reads are made, at most, before the folder is declared to be changing. */
    static final int MAX_READS = 12;
    /** The pause after a read during which something changed, doubled each time up to {@link #MAX_PAUSE_MILLIS}. */
    private static final long FIRST_PAUSE_MILLIS = 10;

    private static final long MAX_PAUSE_MILLIS = 200;

    /** Called by the reader after each file it read, for tests that change the folder at that exact point. */
    @FunctionalInterface
    public interface ReadHook {
        /** Called after the file {@code path} (relative, with {@code /}) was read on read number {@code read}, from 1. */
        void afterFile(String path, int read) throws IOException;

        /** A hook that does nothing: what production reads use. */
        ReadHook NONE = (path, read) -> {};
    }

    private PackDirectory() {}

    /**
     * Reads every pack file under {@code root} as one snapshot.
     *
     * @throws UncheckedIOException when the folder cannot be read, holds a link that leaves the
     *     pack, or kept changing through every read
     */
    public static SortedMap<String, byte[]> read(Path root) {
        return read(root, ReadHook.NONE);
    }

    /** As {@link #read(Path)}, calling {@code hook} after each file it reads. */
    public static SortedMap<String, byte[]> read(Path root, ReadHook hook) {
        @Nullable Read previous = null;
        long pause = FIRST_PAUSE_MILLIS;
        for (int n = 1; n <= MAX_READS; n++) {
            @Nullable Read current;
            try {
                current = readOnce(root, hook, n);
            } catch (NoSuchFileException e) {
                // A file or a generation went away mid-read (an editor's rename, kubelet removing the
                // old generation): the folder is changing; read it again.
                if (!Files.exists(root)) {
                    throw new UncheckedIOException("cannot read policy pack `" + root + "`: it is gone", e);
                }
                current = null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read policy pack `" + root + "`: " + e.getMessage(), e);
            }
            if (current != null && current.stable()) {
                if (current.sameAs(previous)) {
                    return current.files();
                }
                previous = current;
                continue; // read once more at once, to confirm: two reads in a row must agree
            }
            // Something changed while this read was under way: give the writer a moment.
            previous = null;
            sleep(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
        String why = "the folder kept changing while it was read: " + MAX_READS
                + " reads in a row never agreed; it is read again once the writes stop";
        throw new UncheckedIOException("cannot read policy pack `" + root + "`: " + why, new IOException(why));
    }

    /**
     * The size, modification time and file key of every pack file, as {@link #read} would list
     * them, and the folder the files are read from: what a watcher compares to notice a change
     * without reading the files.
     */
    public static Map<String, String> fingerprint(Path root) {
        Map<String, String> print = new TreeMap<>();
        try {
            Path base = base(root);
            print.put("", base.toString());
            for (Map.Entry<String, Path> e : list(base, root.toRealPath()).entrySet()) {
                print.put(e.getKey(), stamp(Files.readAttributes(e.getValue(), BasicFileAttributes.class)));
            }
        } catch (IOException | UncheckedIOException e) {
            // Gone or changing mid-walk: a print that differs from any good one brings another look.
            print.put("", "unreadable: " + e.getMessage());
        }
        return print;
    }

    /**
     * The folder the pack's files are read from now: {@code root} with every symbolic link
     * resolved and, when it holds a {@code ..data} link, the generation that link names.
     */
    public static Path base(Path root) throws IOException {
        Path real = root.toRealPath();
        Path data = real.resolve(DATA_LINK);
        if (!Files.isSymbolicLink(data)) {
            return real;
        }
        // Kubelet removes a generation once it published the next: a NoSuchFileException from here
        // makes the caller read again.
        Path generation = data.toRealPath();
        if (!generation.startsWith(real)
                || !Files.readAttributes(generation, BasicFileAttributes.class).isDirectory()) {
            throw new IOException(
                    "`" + DATA_LINK + "` points to `" + generation + "`, which is not a folder inside the pack");
        }
        return generation;
    }

    private static Read readOnce(Path root, ReadHook hook, int n) throws IOException {
        Path real = root.toRealPath();
        Path base = base(root);
        Map<String, Path> listed = list(base, real);
        Map<String, String> before = new TreeMap<>();
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, Path> e : listed.entrySet()) {
            before.put(e.getKey(), stamp(Files.readAttributes(e.getValue(), BasicFileAttributes.class)));
            files.put(e.getKey(), Files.readAllBytes(e.getValue()));
            hook.afterFile(e.getKey(), n);
        }
        boolean stable = base.equals(base(root)) && before.equals(stamps(list(base, real)));
        return new Read(base, files, stable);
    }

    private static Map<String, String> stamps(Map<String, Path> listed) throws IOException {
        Map<String, String> stamps = new TreeMap<>();
        for (Map.Entry<String, Path> e : listed.entrySet()) {
            stamps.put(e.getKey(), stamp(Files.readAttributes(e.getValue(), BasicFileAttributes.class)));
        }
        return stamps;
    }

    private static String stamp(BasicFileAttributes a) {
        return a.size() + "@" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "#" + a.fileKey();
    }

    /**
     * Every pack file under {@code base}, by relative path with {@code /}; hidden entries are
     * skipped whole, and every file and folder must resolve inside {@code bound}.
     */
    private static Map<String, Path> list(Path base, Path bound) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        Files.walkFileTree(
                base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        if (!dir.equals(base) && isHidden(dir)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        checkInside(base, bound, dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (!isHidden(file) && attrs.isRegularFile()) {
                            checkInside(base, bound, file);
                            String rel = base.relativize(file).toString();
                            files.put(rel.replace(file.getFileSystem().getSeparator(), "/"), file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof FileSystemLoopException) {
                            throw new IOException(
                                    "`" + base.relativize(file) + "` is a symbolic link to a folder that holds it", e);
                        }
                        if (isHidden(file) && !(e instanceof NoSuchFileException)) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }
                });
        return files;
    }

    /** A symbolic link in the pack must resolve inside the pack: a pack reads only its own files. */
    private static void checkInside(Path base, Path bound, Path p) throws IOException {
        Path real = p.toRealPath();
        if (!real.startsWith(bound)) {
            throw new IOException("`" + base.relativize(p) + "` is a symbolic link to `" + real
                    + "`, outside the pack folder: a pack may only link to its own files");
        }
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString();
        return s.startsWith(".") || s.endsWith("~");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while reading a policy pack", e));
        }
    }

    /** One read of the folder: where from, every file, and whether nothing changed while it was read. */
    private record Read(Path base, SortedMap<String, byte[]> files, boolean stable) {

        boolean sameAs(@Nullable Read other) {
            if (other == null || !base.equals(other.base) || !files.keySet().equals(other.files.keySet())) {
                return false;
            }
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                if (!Arrays.equals(e.getValue(), other.files.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }
}
