package org.auprules.drools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pack folder is read as one snapshot: each race a writer can cause (a reader between two writes,
 * a file being written while read, a rename, a swapped link) is made to happen at an exact point of
 * the read through the reader's hook, and once more with a real writer on another thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PackDirectoryTest {

    @TempDir
    Path tmp;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Map<String, String> texts(SortedMap<String, byte[]> files) {
        Map<String, String> texts = new TreeMap<>();
        files.forEach((k, v) -> texts.put(k, new String(v, StandardCharsets.UTF_8)));
        return texts;
    }

    private static Map<String, String> generation(int n) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("policy.json", "{\"version\": \"" + n + "\"}");
        files.put("signatures.csv", "generation," + n + "\n");
        return files;
    }

    @Test
    void aPlainFolderIsReadWhole_hiddenEntriesAndBackupsLeftOut() throws IOException {
        write(tmp.resolve("policy.json"), "{}");
        write(tmp.resolve("rules/spam.drl"), "rule");
        write(tmp.resolve(".git/config"), "secret");
        write(tmp.resolve("rules/.spam.drl.swp"), "swap");
        write(tmp.resolve("rules/spam.drl~"), "backup");

        assertThat(texts(PackDirectory.read(tmp))).containsOnlyKeys("policy.json", "rules/spam.drl");
    }

    @Test
    void aReaderBetweenTwoWrites_readsAgainAndGetsBothNewFiles() throws IOException {
        write(tmp.resolve("policy.json"), "{\"version\": \"1\"}");
        write(tmp.resolve("signatures.csv"), "generation,1\n");
        List<String> seen = new ArrayList<>();

        SortedMap<String, byte[]> files = PackDirectory.read(tmp, (path, read) -> {
            seen.add(read + ":" + path);
            if (read == 1 && path.equals("policy.json")) {
                // policy.json was read as version 1; both files change before signatures.csv is read
                write(tmp.resolve("policy.json"), "{\"version\": \"2\"}");
                write(tmp.resolve("signatures.csv"), "generation,2\n");
            }
        });

        assertThat(texts(files))
                .containsEntry("policy.json", "{\"version\": \"2\"}")
                .containsEntry("signatures.csv", "generation,2\n");
        assertThat(seen).as("the mixed first read was thrown away").contains("3:signatures.csv");
    }

    @Test
    void aChangeThatKeepsSizeAndTime_isCaughtByComparingTwoReads() throws IOException {
        write(tmp.resolve("a.json"), "{\"v\": 1}");
        write(tmp.resolve("b.json"), "{\"v\": 1}");
        FileTime time = Files.getLastModifiedTime(tmp.resolve("a.json"));

        SortedMap<String, byte[]> files = PackDirectory.read(tmp, (path, read) -> {
            if (read == 1 && path.equals("a.json")) {
                for (String f : List.of("a.json", "b.json")) {
                    write(tmp.resolve(f), "{\"v\": 2}");
                    Files.setLastModifiedTime(tmp.resolve(f), time); // same size, same time: the stamps agree
                }
            }
        });

        assertThat(texts(files)).containsEntry("a.json", "{\"v\": 2}").containsEntry("b.json", "{\"v\": 2}");
    }

    @Test
    void aFileBeingWrittenWhileRead_neverGoesLiveHalfWritten() throws IOException {
        String whole = "{\"name\": \"pack\", \"version\": \"2\", \"clauses\": []}";
        write(tmp.resolve("policy.json"), "{\"version\": \"1\"}");
        write(tmp.resolve("rules/a.drl"), "rule a");

        SortedMap<String, byte[]> files = PackDirectory.read(tmp, (path, read) -> {
            if (path.equals("policy.json") && read <= 3) {
                // the writer gets a little further at each read: half, then more, then the whole file
                write(tmp.resolve("policy.json"), whole.substring(0, whole.length() * read / 3));
            }
        });

        assertThat(texts(files)).containsEntry("policy.json", whole);
    }

    @Test
    void aFileRenamedAwayMidRead_isReadAgainWithoutIt() throws IOException {
        write(tmp.resolve("rules/a.drl"), "rule a");
        write(tmp.resolve("rules/b.drl"), "rule b");

        SortedMap<String, byte[]> files = PackDirectory.read(tmp, (path, read) -> {
            if (read == 1 && path.equals("rules/a.drl")) {
                Files.move(tmp.resolve("rules/b.drl"), tmp.resolve("rules/.b.drl.old"));
            }
        });

        assertThat(texts(files)).containsOnlyKeys("rules/a.drl");
    }

    @Test
    void aFolderThatNeverStopsChanging_isRefused_notReadHalfWay() throws IOException {
        write(tmp.resolve("policy.json"), "0");
        AtomicInteger writes = new AtomicInteger();

        assertThatThrownBy(() -> PackDirectory.read(
                        tmp, (path, read) -> write(tmp.resolve("policy.json"), "" + writes.incrementAndGet())))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read policy pack `" + tmp + "`")
                .hasMessageContaining("the folder kept changing while it was read: 12 reads in a row never agreed");
        assertThat(writes).hasValue(PackDirectory.MAX_READS);
    }

    @Test
    void theConfigMapLayout_readsOneGenerationThroughDotDotData_andNeverTheHiddenEntries() throws IOException {
        Path dir = tmp.resolve("pack");
        KubeletVolume.create(dir, "..2026_12_01_00_00_00.123", generation(1));

        Map<String, String> read = texts(PackDirectory.read(dir));

        assertThat(read).isEqualTo(generation(1));
        assertThat(PackDirectory.base(dir))
                .isEqualTo(dir.resolve("..2026_12_01_00_00_00.123").toRealPath());
    }

    @Test
    void aKubeletUpdateMidRead_givesTheNewGenerationWhole() throws IOException {
        Path dir = tmp.resolve("pack");
        KubeletVolume.create(dir, "..2026_12_01_00_00_00.123", generation(1));
        AtomicBoolean updated = new AtomicBoolean();

        SortedMap<String, byte[]> files = PackDirectory.read(dir, (path, read) -> {
            if (updated.compareAndSet(false, true)) {
                KubeletVolume.update(dir, "..2026_12_01_00_05_00.456", generation(2));
            }
        });

        assertThat(texts(files)).isEqualTo(generation(2));
        assertThat(dir.resolve("..2026_12_01_00_00_00.123")).doesNotExist();
    }

    @Test
    void aPackFolderThatIsALink_isReadWhereItPoints_andASwapMidReadGivesTheNewTargetWhole() throws IOException {
        for (int n : List.of(1, 2)) {
            for (Map.Entry<String, String> f : generation(n).entrySet()) {
                write(tmp.resolve("releases/v" + n).resolve(f.getKey()), f.getValue());
            }
        }
        Path current = tmp.resolve("current");
        Files.createSymbolicLink(current, Path.of("releases/v1"));
        assertThat(texts(PackDirectory.read(current))).isEqualTo(generation(1));

        SortedMap<String, byte[]> files = PackDirectory.read(current, (path, read) -> {
            if (read == 1 && path.equals("policy.json")) {
                Path next = tmp.resolve("current.tmp");
                Files.createSymbolicLink(next, Path.of("releases/v2"));
                Files.move(next, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        });

        assertThat(texts(files)).isEqualTo(generation(2));
    }

    @Test
    void linksInsideThePack_areFollowed() throws IOException {
        write(tmp.resolve("pack/policy.json"), "{}");
        write(tmp.resolve("pack/lib/helpers.drl"), "rule helpers");
        Files.createSymbolicLink(tmp.resolve("pack/rules"), Path.of("lib"));

        assertThat(texts(PackDirectory.read(tmp.resolve("pack"))))
                .containsOnlyKeys("policy.json", "lib/helpers.drl", "rules/helpers.drl");
    }

    @Test
    void aLinkOutOfThePack_isRefused_andWhatItNamesIsNeverRead() throws IOException {
        write(tmp.resolve("secret.txt"), "the password is swordfish");
        write(tmp.resolve("pack/policy.json"), "{}");
        Files.createDirectories(tmp.resolve("pack/rules"));
        Files.createSymbolicLink(tmp.resolve("pack/rules/x.drl"), tmp.resolve("secret.txt"));

        assertThatThrownBy(() -> PackDirectory.read(tmp.resolve("pack")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("`rules/x.drl` is a symbolic link to `"
                        + tmp.resolve("secret.txt").toRealPath()
                        + "`, outside the pack folder: a pack may only link to its own files")
                .message()
                .doesNotContain("swordfish");
    }

    @Test
    void aDotDotDataLinkOutOfThePack_isRefused() throws IOException {
        write(tmp.resolve("elsewhere/policy.json"), "{}");
        Files.createDirectories(tmp.resolve("pack"));
        Files.createSymbolicLink(tmp.resolve("pack/..data"), tmp.resolve("elsewhere"));

        assertThatThrownBy(() -> PackDirectory.read(tmp.resolve("pack")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("`..data` points to `"
                        + tmp.resolve("elsewhere").toRealPath() + "`, which is not a folder inside the pack");
    }

    @Test
    void aLinkLoop_isAnErrorThatNamesIt() throws IOException {
        write(tmp.resolve("policy.json"), "{}");
        Files.createDirectories(tmp.resolve("rules"));
        Files.createSymbolicLink(tmp.resolve("rules/again"), Path.of(".."));

        assertThatThrownBy(() -> PackDirectory.read(tmp))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("`rules/again` is a symbolic link to a folder that holds it");
    }

    @Test
    void theFingerprintChangesWhenDotDotDataIsSwapped_evenToFilesOfTheSameSizeAndTime() throws IOException {
        Path dir = tmp.resolve("pack");
        KubeletVolume.create(dir, "..2026_12_01_00_00_00.123", generation(1));
        Map<String, String> before = PackDirectory.fingerprint(dir);

        KubeletVolume.update(dir, "..2026_12_01_00_05_00.456", generation(1));

        assertThat(PackDirectory.fingerprint(dir)).isNotEqualTo(before);
        assertThat(before.keySet()).containsExactlyInAnyOrder("", "policy.json", "signatures.csv");
    }

    @Test
    void withARealKubeletWriterSwappingGenerations_everyReadIsOneGenerationWhole() throws Exception {
        Path dir = tmp.resolve("pack");
        KubeletVolume.create(dir, "..gen_0", generation(0));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger published = new AtomicInteger();
        Thread writer = new Thread(() -> {
            try {
                for (int n = 1; !stop.get(); n++) {
                    KubeletVolume.update(dir, "..gen_" + n, generation(n));
                    published.set(n);
                    Thread.sleep(2);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.setDaemon(true);
        List<Throwable> writerFailed = new ArrayList<>();
        writer.setUncaughtExceptionHandler((t, e) -> writerFailed.add(e));
        writer.start();
        int reads = 0;
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < end) {
                Map<String, String> read = texts(PackDirectory.read(dir));
                String version = read.get("policy.json").replaceAll("\\D", "");
                assertThat(read).isEqualTo(generation(Integer.parseInt(version)));
                reads++;
            }
        } finally {
            stop.set(true);
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }

        assertThat(writerFailed).isEmpty();
        assertThat(published.get()).as("generations published").isGreaterThan(10);
        assertThat(reads).as("reads that each saw one generation").isGreaterThan(10);
    }
}
