package org.auprules.drools.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Watches a pack folder and calls back once a burst of changes has settled. It listens to the
 * file system's {@link WatchService} where there is one and, as a fallback for file systems that
 * send no events (network and container mounts), compares a fingerprint of every file's path,
 * size and modification time at a fixed interval (and where the pack's symbolic links point). A callback comes only after no change has been
 * seen for the quiet period, so an editor that writes a temporary file and renames it, or a
 * {@code git pull} that rewrites several files, causes one reload of the finished files.
 */
public final class PackWatcher implements AutoCloseable {

    private final Path root;
    private final long quietNanos;
    private final long pollNanos;
    private final Runnable onSettled;
    /** Null when watching by fingerprint alone. */
    private final @Nullable WatchService service;

    private final Thread thread;
    private final Map<String, String> initial;
    private volatile boolean closed;
    private volatile boolean inCallback;

    /**
     * Takes the folder's fingerprint and subscribes to its events; {@link #start()} begins
     * calling back. Changes made in between are noticed after the start.
     *
     * @param root         the pack folder
     * @param quiet        how long no change must be seen before the callback
     * @param poll         how often the fingerprint is compared
     * @param pollingOnly  use only the fingerprint, not the file system's events
     * @param onSettled    called on the watcher's thread after each settled burst
     */
    public PackWatcher(Path root, Duration quiet, Duration poll, boolean pollingOnly, Runnable onSettled) {
        this.root = root;
        this.quietNanos = quiet.toNanos();
        this.pollNanos = poll.toNanos();
        this.onSettled = onSettled;
        this.service = pollingOnly ? null : openService(root);
        this.initial = fingerprint();
        this.thread = new Thread(this::loop, "aup-rules-pack-watcher " + root.getFileName());
        thread.setDaemon(true);
    }

    /** Begins watching on a daemon thread. */
    public void start() {
        thread.start();
    }

    /** Whether file system events are used (otherwise only the fingerprint). */
    public boolean usesEvents() {
        return service != null;
    }

    private static @Nullable WatchService openService(Path root) {
        try {
            WatchService ws = root.getFileSystem().newWatchService();
            registerTree(ws, root.toRealPath());
            return ws;
        } catch (IOException | UnsupportedOperationException e) {
            // No events on this file system: the fingerprint alone notices changes.
            return null;
        }
    }

    /** Registers every folder under {@code dir}; files that vanish mid-walk (an editor's swap file) are skipped. */
    private static void registerTree(WatchService ws, Path dir) throws IOException {
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(
                    Path d, java.nio.file.attribute.BasicFileAttributes attrs) throws IOException {
                d.register(ws, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }

    private void loop() {
        Map<String, String> fingerprint = initial;
        long nextPoll = System.nanoTime() + pollNanos;
        long lastChange = 0;
        boolean pending = false;
        while (!closed) {
            long now = System.nanoTime();
            long wait = Math.min(nextPoll - now, pending ? lastChange + quietNanos - now : Long.MAX_VALUE);
            try {
                boolean changed = waitForEvents(Math.max(1, wait));
                if (System.nanoTime() >= nextPoll) {
                    Map<String, String> current = fingerprint();
                    changed |= !current.equals(fingerprint);
                    if (service != null && !Objects.equals(current.get(""), fingerprint.get(""))) {
                        // The pack folder's link now names another folder: watch that one's events too.
                        registerNewFolders(service, root);
                    }
                    fingerprint = current;
                    nextPoll = System.nanoTime() + pollNanos;
                }
                if (changed) {
                    pending = true;
                    lastChange = System.nanoTime();
                } else if (pending && System.nanoTime() - lastChange >= quietNanos) {
                    pending = false;
                    fingerprint = fingerprint();
                    if (closed) {
                        return;
                    }
                    inCallback = true;
                    try {
                        onSettled.run();
                    } finally {
                        inCallback = false;
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
        }
    }

    /** Waits up to {@code nanos} for file system events; true when there was one. */
    private boolean waitForEvents(long nanos) throws InterruptedException {
        if (service == null) {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return false;
        }
        WatchKey key = service.poll(nanos, TimeUnit.NANOSECONDS);
        boolean any = false;
        while (key != null) {
            any |= !key.pollEvents().isEmpty();
            if (key.watchable() instanceof Path dir) {
                registerNewFolders(service, dir);
            }
            key.reset();
            key = service.poll();
        }
        return any;
    }

    /** A folder created inside the pack (a new {@code rules/}) must be watched too. */
    private static void registerNewFolders(WatchService ws, Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                registerTree(ws, dir.toRealPath());
            }
        } catch (IOException | ClosedWatchServiceException e) {
            // The folder went away again or the watcher is closing; the fingerprint still covers it.
        }
    }

    /**
     * Every pack file's size, modification time and file key, and the folder they are read from
     * (the pack folder's real path, or the generation its {@code ..data} link names), listed as
     * {@link PackDirectory} reads them: a swapped link is a change even when no file's time is.
     */
    private Map<String, String> fingerprint() {
        return PackDirectory.fingerprint(root);
    }

    /** Stops watching and waits for a callback under way to finish. */
    @Override
    public void close() {
        closed = true;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                // Closing is best effort: the thread also stops on the closed flag.
            }
        }
        // A reload under way is left to finish: an interrupt would break its file reads.
        if (!inCallback) {
            thread.interrupt();
        }
        if (Thread.currentThread() != thread && thread.isAlive()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
