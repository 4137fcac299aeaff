package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar evaluates a fleet streamed through a pipe as JSON Lines within 64 MB of heap,
 * a fleet whose whole document (20 MB of JSON) does not fit in the same heap.
 */
class StreamingMemoryJarIT {

    static final int ACCOUNTS = 6000;
    static final String HEAP = "-Xmx64m";

    static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:TieredStopAtLevel=1",
                "-jar",
                AupRulesJarIT.JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void fleetThroughAPipe_isEvaluatedWithin64Mb_whereItsWholeDocumentRunsOutOfMemory(@TempDir Path dir)
            throws Exception {
        File document = dir.resolve("fleet.json").toFile();
        Process generate = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        AupRulesJarIT.JAR.toString(),
                        "generate",
                        "--accounts",
                        String.valueOf(ACCOUNTS),
                        "--format",
                        "json"))
                .redirectOutput(document)
                .start();
        assertThat(generate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(document.length()).isGreaterThan(15_000_000L);
        File wholeErr = dir.resolve("whole.err").toFile();
        Process whole = new ProcessBuilder(java("evaluate", "--format", "jsonl", document.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(wholeErr)
                .start();
        assertThat(whole.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(whole.exitValue()).isEqualTo(70);
        assertThat(Files.readString(wholeErr.toPath())).contains("OutOfMemoryError");

        File out = dir.resolve("out.jsonl").toFile();
        File err = dir.resolve("err.txt").toFile();
        List<Process> pipe = ProcessBuilder.startPipeline(List.of(
                new ProcessBuilder(java("generate", "--accounts", String.valueOf(ACCOUNTS))).redirectError(err),
                new ProcessBuilder(java("evaluate", "--format", "jsonl", "--threads", "2", "-"))
                        .redirectOutput(out)
                        .redirectError(err)));
        for (Process p : pipe) {
            assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(Files.readString(err.toPath())).isEmpty();
        assertThat(pipe).allSatisfy(p -> assertThat(p.exitValue()).isZero());
        List<String> lines = Files.readAllLines(out.toPath(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(ACCOUNTS + 2);
        ObjectMapper json = new ObjectMapper();
        for (int i = 1; i <= ACCOUNTS; i++) {
            JsonNode line = json.readTree(lines.get(i));
            assertThat(line.get("line").asInt()).isEqualTo(i + 1);
            assertThat(line.get("accountId").asText()).isEqualTo(String.format("acc-%07d", i - 1));
        }
        JsonNode summary = json.readTree(lines.get(ACCOUNTS + 1)).get("summary");
        assertThat(summary.get("accounts").asInt()).isEqualTo(ACCOUNTS);
        assertThat(summary.get("violations").asInt()).isPositive();
    }

    static String read(File f) throws IOException {
        return Files.readString(f.toPath());
    }
}
