package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aup-rules stream} from the packaged jar and its lib/, which has no RocksDB: Kafka Streams
 * starts with the in-memory stores and exactly-once producers, and stops on SIGTERM, even before any broker answered. No
 * broker listens; the application keeps trying to reach it until it is stopped.
 */
class StreamJarIT {

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void theJarStartsKafkaStreamsWithTheSampleSettingsAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("stream.properties");
        // the sample, with a port nothing listens on
        Files.writeString(
                config,
                Files.readString(Path.of("samples/stream.properties"))
                        .replace("bootstrap.servers=127.0.0.1:9092", "bootstrap.servers=127.0.0.1:9"));
        File err = dir.resolve("err.txt").toFile();
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        AupRulesJarIT.JAR.toString(),
                        "stream",
                        "--config",
                        config.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(err)
                .start();
        try {
            Instant until = Instant.now().plus(Duration.ofSeconds(100));
            while (Instant.now().isBefore(until)
                    && !Files.readString(err.toPath()).contains("transactionalId=")) {
                assertThat(p.isAlive())
                        .as("still running: %s", Files.readString(err.toPath()))
                        .isTrue();
                Thread.sleep(250);
            }
            String started = Files.readString(err.toPath());
            assertThat(started)
                    .startsWith("aup-rules stream: application `aup-rules-stream`, policy sha256:")
                    .contains("facts kept PT720H (spamComplaintWindowDays=30) plus PT5M grace")
                    .as("exactly_once_v2 gives the producer a transactional id")
                    .contains("transactionalId=aup-rules-stream-")
                    .doesNotContain("NoClassDefFoundError", "ClassNotFoundException", "Exception in thread");
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped within a minute")
                    .isTrue();
            assertThat(p.exitValue()).as("the JVM's code for SIGTERM").isEqualTo(143);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aMissingConfigFileExitsWithTwoAndNamesIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.properties");
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        AupRulesJarIT.JAR.toString(),
                        "stream",
                        "--config",
                        missing.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(said).isEqualTo("aup-rules: " + missing + ": no such file\n");
    }
}
