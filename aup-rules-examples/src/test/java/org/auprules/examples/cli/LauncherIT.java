package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher {@code target/aup-rules}, run as the README runs it: it starts the jar
 * beside it with the class-data-sharing archive, passes {@code JAVA_OPTS} and the arguments
 * through, and still runs without the archive. What it prints with the pre-built default pack is
 * what the jar prints when the pack is compiled from its DRL.
 */
class LauncherIT {

    static final Path TARGET = Path.of("target");
    static final Path LAUNCHER = TARGET.resolve("aup-rules");

    record Run(int exit, String out, String err) {}

    static Run run(Map<String, String> env, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static List<String> launcher(Path launcher, String... args) {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void packagedLauncher_isExecutable_andHasItsArchive() {
        assertThat(LAUNCHER).isRegularFile().isExecutable();
        assertThat(TARGET.resolve("aup-rules.jsa")).isRegularFile();
    }

    @Test
    void sampleFleet_throughTheLauncher_printsWhatTheJarPrintsWithTheDrlCompiled() throws Exception {
        Run launched = run(Map.of(), launcher(LAUNCHER, "evaluate", "--format", "json", AupRulesJarIT.FLEET));
        Run compiled = run(
                Map.of(),
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Daup-rules.prebuilt=false",
                        "-jar",
                        AupRulesJarIT.JAR.toString(),
                        "evaluate",
                        "--format",
                        "json",
                        AupRulesJarIT.FLEET));

        assertThat(launched.exit()).isZero();
        assertThat(launched.err()).isEmpty();
        assertThat(compiled.exit()).isZero();
        assertThat(launched.out()).isEqualTo(compiled.out()).contains("\"violations\"");
    }

    @Test
    void javaOpts_reachTheJvm_andTheArchiveIsMapped() throws Exception {
        Run r = run(Map.of("JAVA_OPTS", "-Xlog:cds=info:stderr -Duser.language=en"), launcher(LAUNCHER, "--version"));

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("aup-rules");
        assertThat(r.err())
                .contains(
                        "Opened archive " + TARGET.toAbsolutePath().toRealPath().resolve("aup-rules.jsa"));
    }

    @Test
    void argumentsWithSpaces_arePassedAsGiven(@TempDir Path dir) throws Exception {
        Path spaced = Files.copy(Path.of(AupRulesJarIT.FLEET), dir.resolve("my fleet.json"));
        Run r = run(Map.of(), launcher(LAUNCHER, "evaluate", spaced.toString()));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Entrecloud AUP 2017-01-01");
    }

    @Test
    void withoutTheArchive_theLauncherStillRuns(@TempDir Path dir) throws Exception {
        for (String file : List.of("aup-rules", "aup-rules.jar")) {
            Files.copy(TARGET.resolve(file), dir.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.createDirectories(dir.resolve("lib"));
        try (Stream<Path> jars = Files.list(TARGET.resolve("lib"))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                Files.copy(jar, dir.resolve("lib").resolve(jar.getFileName()));
            }
        }
        assertThat(dir.resolve("aup-rules.jsa")).doesNotExist();

        Run r = run(Map.of(), launcher(dir.resolve("aup-rules"), "evaluate", AupRulesJarIT.FLEET));
        Run jar = run(Map.of(), launcher(LAUNCHER, "evaluate", AupRulesJarIT.FLEET));

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(jar.out()).startsWith("Entrecloud AUP 2017-01-01");
    }

    @Test
    void anArchiveTheJvmCannotUse_isSkippedQuietly(@TempDir Path dir) throws Exception {
        for (String file : List.of("aup-rules", "aup-rules.jar")) {
            Files.copy(TARGET.resolve(file), dir.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.writeString(dir.resolve("aup-rules.jsa"), "not an archive");
        Files.createSymbolicLink(dir.resolve("lib"), TARGET.resolve("lib").toAbsolutePath());

        Run r;
        try {
            r = run(Map.of(), launcher(dir.resolve("aup-rules"), "--version"));
        } finally {
            Files.delete(dir.resolve("lib")); // the link, not what it points to
        }

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("aup-rules");
    }

    @Test
    void policyFolder_isCachedPrivately_byDigest_unlessNoCache(@TempDir Path dir) throws Exception {
        Path pack = dir.resolve("pack");
        assertThat(run(Map.of(), launcher(LAUNCHER, "init-pack", pack.toString()))
                        .exit())
                .isZero();
        Files.writeString(pack.resolve("NOTES.md"), "our copy\n"); // a digest of its own
        Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());
        Path cache = dir.resolve("cache/aup-rules");

        Run uncached = run(
                env, launcher(LAUNCHER, "evaluate", "--no-cache", "--policy", pack.toString(), AupRulesJarIT.FLEET));
        assertThat(uncached.exit()).isZero();
        assertThat(cache).doesNotExist();

        Run first = run(env, launcher(LAUNCHER, "evaluate", "--policy", pack.toString(), AupRulesJarIT.FLEET));
        Run second = run(env, launcher(LAUNCHER, "evaluate", "--policy", pack.toString(), AupRulesJarIT.FLEET));

        assertThat(first.exit()).isZero();
        assertThat(second.exit()).isZero();
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).isEqualTo(first.out()).isEqualTo(uncached.out());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)))
                .isEqualTo("rwx------");
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .singleElement()
                    .asString()
                    .endsWith(".kpkg");
        }
    }
}
