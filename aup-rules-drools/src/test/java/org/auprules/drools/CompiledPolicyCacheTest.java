package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import org.auprules.json.FactsJson;
import org.auprules.json.ResultJson;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pack compiled with a disk cache is compiled once: the next load reads the cache entry of its
 * digest, and an entry that is truncated, altered or of another pack is ignored and replaced.
 */
class CompiledPolicyCacheTest {

    /** The default pack with one more file, so it has a digest of its own and the pre-built form does not serve it. */
    static PolicyPack pack;
    /** The same with another note: another digest again. */
    static PolicyPack other;
    /** The policy of {@link #pack}'s first load, which compiled it and wrote {@link #entry}. */
    static CompiledPolicy first;
    /** The cache entry the first load wrote. */
    static byte[] entry;

    @TempDir
    static Path root;

    @BeforeAll
    static void compileOnce() throws IOException {
        pack = copyWithNote("a copy of the default pack, with this note\n");
        other = copyWithNote("another copy\n");
        first = CompiledPolicy.compile(pack, false, cache(root.resolve("seed/aup-rules")));
        entry = Files.readAllBytes(cache(root.resolve("seed/aup-rules")).entry(pack));
    }

    static PolicyPack copyWithNote(String note) {
        PolicyPack shipped = PolicyPack.defaultPack();
        Map<String, String> texts = new TreeMap<>();
        shipped.files().keySet().forEach(f -> texts.put(f, shipped.text(f).orElseThrow()));
        texts.put("NOTES.md", note);
        return PolicyPack.ofFiles("copy", texts);
    }

    static CompiledPolicy.Cache cache(Path dir) {
        return CompiledPolicy.Cache.of(PrebuiltPack.absent(), dir);
    }

    /** A cache folder holding {@code bytes} as the entry of {@code as}. */
    static Path folderWith(String name, PolicyPack as, byte[] bytes) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.write(cache(dir).entry(as), bytes);
        return dir;
    }

    @Test
    void firstLoadCompilesAndStores_inAPrivateFolder_secondLoadReadsTheEntry() throws IOException {
        Path dir = root.resolve("seed/aup-rules");
        Path file = cache(dir).entry(pack);
        assertThat(first.loadedPrecompiled()).isFalse();
        assertThat(file).isRegularFile().hasFileName(pack.digest().substring(7) + CompiledPolicy.Cache.EXTENSION);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file); // no temporary file left behind
        }

        CompiledPolicy second = CompiledPolicy.compile(pack, false, cache(dir));

        assertThat(second.loadedPrecompiled()).isTrue();
        var fleet = FactsJson.read(PrebuiltPackTest.FLEET);
        assertThat(ResultJson.write(DroolsAupEvaluator.builder()
                        .compiledPolicy(second)
                        .build()
                        .evaluate(fleet)))
                .isEqualTo(ResultJson.write(DroolsAupEvaluator.builder()
                        .compiledPolicy(first)
                        .build()
                        .evaluate(fleet)));
        assertThat(second.rules()).isEqualTo(first.rules());
    }

    @Test
    void aPackThatDeclaresItsOwnTypes_isNotCached_soNoRunMeetsAnEntryItCannotLoad() {
        PolicyPack shipped = PolicyPack.defaultPack();
        Map<String, String> texts = new TreeMap<>();
        shipped.files().keySet().forEach(f -> texts.put(f, shipped.text(f).orElseThrow()));
        texts.put("rules/ticks.drl", """
                package rules;

                import org.auprules.api.facts.*;

                declare Tick
                    n : long
                end

                rule "seed a tick"
                when
                    Account( )
                then
                    insert(new Tick(0L));
                end
                """);
        PolicyPack declaring = PolicyPack.ofFiles("declaring", texts);
        Path dir = root.resolve("declaring/aup-rules");

        CompiledPolicy compiled = CompiledPolicy.compile(declaring, false, cache(dir));
        CompiledPolicy again = CompiledPolicy.compile(declaring, false, cache(dir));

        assertThat(compiled.loadedPrecompiled()).isFalse();
        assertThat(cache(dir).entry(declaring)).doesNotExist();
        assertThat(again.loadedPrecompiled()).isFalse();
        assertThat(again.rules()).isEqualTo(compiled.rules()).isNotEmpty();
    }

    @Test
    void truncatedEntry_isIgnored_andReplacedByTheCompile() throws IOException {
        Path dir = folderWith("truncated", pack, java.util.Arrays.copyOf(entry, entry.length / 3));

        CompiledPolicy again = CompiledPolicy.compile(pack, false, cache(dir));

        assertThat(again.loadedPrecompiled()).isFalse();
        assertThat(again.rules()).isEqualTo(first.rules());
        // replaced by a whole entry: the next load reads it (its size is not compared: the class names Drools
        // generates carry a JVM-wide counter, so two compiles of one pack may differ by a few bytes)
        assertThat(Files.size(cache(dir).entry(pack))).isGreaterThan(entry.length / 2);
        CompiledPolicy third = CompiledPolicy.compile(pack, false, cache(dir));
        assertThat(third.loadedPrecompiled()).isTrue();
        assertThat(third.rules()).isEqualTo(first.rules());
    }

    @Test
    void entryWithAFlippedByte_isIgnored() throws IOException {
        byte[] flipped = entry.clone();
        flipped[flipped.length - 1000] ^= 0x01;
        Path dir = folderWith("flipped", pack, flipped);

        CompiledPolicy again = CompiledPolicy.compile(pack, false, cache(dir));

        assertThat(again.loadedPrecompiled()).isFalse();
        assertThat(again.rules()).isEqualTo(first.rules());
    }

    @Test
    void entryOfAnotherPack_underThisPacksName_isIgnored() throws IOException {
        Path dir = folderWith("swapped", other, entry);

        CompiledPolicy loaded = CompiledPolicy.compile(other, false, cache(dir));

        assertThat(loaded.loadedPrecompiled()).isFalse();
        assertThat(loaded.info().digest()).isEqualTo(other.digest()).isNotEqualTo(pack.digest());
    }

    @Test
    void userDefault_isOffWithTheProperty_andInTheConfiguredFolder() {
        String before = System.getProperty(CompiledPolicy.Cache.CACHE_PROPERTY);
        String dirBefore = System.getProperty(CompiledPolicy.Cache.CACHE_DIR_PROPERTY);
        try {
            System.setProperty(CompiledPolicy.Cache.CACHE_PROPERTY, "false");
            assertThat(CompiledPolicy.Cache.userDefault().directory()).isEmpty();
            System.clearProperty(CompiledPolicy.Cache.CACHE_PROPERTY);
            System.setProperty(
                    CompiledPolicy.Cache.CACHE_DIR_PROPERTY,
                    root.resolve("configured").toString());
            assertThat(CompiledPolicy.Cache.userDefault().directory()).contains(root.resolve("configured"));
            System.clearProperty(CompiledPolicy.Cache.CACHE_DIR_PROPERTY);
            assertThat(CompiledPolicy.Cache.userDefault()
                            .directory()
                            .orElseThrow()
                            .toString())
                    .endsWith("aup-rules");
        } finally {
            restore(CompiledPolicy.Cache.CACHE_PROPERTY, before);
            restore(CompiledPolicy.Cache.CACHE_DIR_PROPERTY, dirBefore);
        }
    }

    private static void restore(String key, @Nullable String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
