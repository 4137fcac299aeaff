package org.auprules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.auprules.drools.PolicyPack;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch example prints what a live pack does as an analyst edits it. */
class WatchPolicyTest {

    @TempDir
    Path pack;

    @Test
    void printsEachRejectionWithItsProblems_andEachReloadWithItsDigest() throws Exception {
        PolicyPack.defaultPack().files().forEach((name, bytes) -> write(pack.resolve(name), bytes));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var facts = FactsJson.read(Path.of("samples/fleet.json"));

        WatchPolicy watch = new WatchPolicy(pack, facts, out);
        try (watch) {
            assertThat(text(bytes))
                    .startsWith("watching " + pack)
                    .contains(PolicyPack.defaultPack().digest());

            Files.writeString(
                    pack.resolve("rules/broken.drl"), "package rules;\nrule \"3.1 x\"\nwhen\n  Foo( )\nthen\nend\n");
            awaitOutput(bytes, "rejected: ");
            assertThat(text(bytes))
                    .contains("rejected: 1 error(s), 0 warning(s); still live: Entrecloud AUP 2017-01-01 "
                            + PolicyPack.defaultPack().digest() + System.lineSeparator()
                            + "  rules/broken.drl:4:3: error: rule `3.1 x`: unknown fact type `Foo`");

            Files.delete(pack.resolve("rules/broken.drl"));
            Path json = pack.resolve("policy.json");
            Files.writeString(
                    json, Files.readString(json).replace("\"version\": \"2017-01-01\"", "\"version\": \"v2\""));
            awaitOutput(
                    bytes,
                    "reloaded: Entrecloud AUP v2 "
                            + PolicyPack.fromDirectory(pack).digest());
        }
    }

    private static void awaitOutput(ByteArrayOutputStream bytes, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!text(bytes).contains(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(text(bytes)).contains(expected);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
