package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * One account with 100,000 commercial messages in one hour, evaluated by the packaged jar in a JVM
 * of 512 MB: the bulk-per-hour window is found by sorting, not by comparing every pair.
 */
class LargeAccountJarIT {

    static final int MESSAGES = 100_000;

    /**
     * How long the child may take: about 7 s on an idle 2-core machine, 47 s measured with three
     * other builds on it. Comparing every pair of messages never ends within it, and runs out of
     * the 512 MB already at 4,000 messages.
     */
    static final Duration WAIT = Duration.ofMinutes(2);

    /** Writes the account, its purchased list and {@code count} messages spread over one hour. */
    static Path facts(Path dir, int count) throws IOException {
        Path file = dir.resolve("large.json");
        Instant start = Instant.parse("2026-11-27T09:00:00Z");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"evaluatedAt\": \"2026-11-28T12:00:00Z\", \"accounts\": [{\"id\": \"acc-bulk\", \"plan\": "
                    + "\"shared-pro\", \"domains\": [\"bulk.example\"]}], \"mailingLists\": [{\"id\": \"list-bulk\", "
                    + "\"accountId\": \"acc-bulk\", \"source\": \"PURCHASED\"}], \"emails\": [");
            for (int i = 0; i < count; i++) {
                w.write((i == 0 ? "" : ",\n") + "{\"id\": \"m-" + i + "\", \"accountId\": \"acc-bulk\", \"sentAt\": \""
                        + start.plusMillis(i * 3_600_000L / count) + "\", \"fromAddress\": \"news@bulk.example\", "
                        + "\"recipientCount\": 1, \"commercial\": true, \"listId\": \"list-bulk\", "
                        + "\"hasRemovalLink\": true, \"hasPhysicalAddress\": true}");
            }
            w.write("]}");
        }
        return file;
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aHundredThousandMessagesInAnHour_evaluateInSecondsWithin512Mb(@TempDir Path dir) throws Exception {
        Path input = facts(dir, MESSAGES);
        File out = dir.resolve("out.json").toFile();
        File err = dir.resolve("err.txt").toFile();
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        AupRulesJarIT.JAR.toString(),
                        "evaluate",
                        "--format",
                        "json",
                        input.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out)
                .redirectError(err)
                .start();
        boolean ended = p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(ended).as("evaluation ended within %s", WAIT).isTrue();
        assertThat(Files.readString(err.toPath())).isEmpty();
        assertThat(p.exitValue()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out);
        assertThat(doc.path("violations").findValuesAsText("ruleId"))
                .contains(
                        "1.A.2 bulk email to a list that is not double opt-in", "1.A.5 emailing in bulk against 1.A.2");
        for (JsonNode v : doc.path("violations")) {
            if (v.path("ruleId").asText().equals("1.A.5 emailing in bulk against 1.A.2")) {
                assertThat(v.path("message").asText()).startsWith(MESSAGES + " bulk message(s)");
            }
        }
    }
}
