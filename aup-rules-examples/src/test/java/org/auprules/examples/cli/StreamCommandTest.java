package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.streams.StreamsConfig;
import org.auprules.examples.stream.StreamSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aup-rules stream --config FILE} refuses a missing or bad file before it connects to anything. */
class StreamCommandTest {

    @TempDir
    Path dir;

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = dir.resolve("nope.properties");
        CliRun run = CliRun.of("stream", "--config", missing.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("aup-rules: " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void everyBadSettingIsListedWithItsLine() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, """
                # no bootstrap.servers
                application.id=aup
                aup.topic.fact=aup-facts
                aup.grace=five minutes
                aup.topic.violations=aup-facts
                aup.state.store=disk
                aup.pack=no-such-pack
                """);
        CliRun run = CliRun.of("stream", "--config", file.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactlyInAnyOrder(
                        "aup-rules: " + file + ": missing required setting `bootstrap.servers`",
                        "aup-rules: " + file
                                + ":3: unknown setting `aup.topic.fact`; expected one of aup.grace, aup.pack, "
                                + "aup.state.store, aup.topic.accounts, aup.topic.control, aup.topic.dead-letters, "
                                + "aup.topic.facts, aup.topic.violations",
                        "aup-rules: " + file
                                + ": topic `aup-facts` is named for two purposes; every aup.topic.* needs its own",
                        "aup-rules: " + file
                                + ":7: `no-such-pack` is not a folder (a pack folder with policy.json and rules/)",
                        "aup-rules: " + file
                                + ":4: `five minutes` is not an ISO-8601 duration such as `PT5M` or `PT1H`",
                        "aup-rules: " + file + ":6: unknown value `disk`; expected one of in-memory, rocksdb");
    }

    @Test
    void rocksDbIsRefusedClearlyBecauseTheCliDoesNotShipIt() throws IOException {
        Path file = dir.resolve("rocks.properties");
        Files.writeString(file, "bootstrap.servers=127.0.0.1:9\napplication.id=aup\naup.state.store=rocksdb\n");
        CliRun run = CliRun.of("stream", "--config", file.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("aup.state.store=rocksdb needs rocksdbjni on the class path");
    }

    @Test
    void theSampleFileIsValidAndExactlyOnceV2IsTheDefaultUnlessTheFileSaysOtherwise() throws IOException {
        StreamSettings sample = StreamSettings.load(Path.of("samples/stream.properties"));
        assertThat(sample.kafka().getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo("exactly_once_v2");
        assertThat(sample.topics()).isEqualTo(StreamSettings.Topics.defaults());
        assertThat(sample.pack()).isNull();
        assertThat(sample.kafka().stringPropertyNames()).noneMatch(n -> n.startsWith("aup."));

        Path bare = dir.resolve("bare.properties");
        Files.writeString(bare, "bootstrap.servers=127.0.0.1:9\napplication.id=aup\n");
        assertThat(StreamSettings.load(bare).kafka().getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo("exactly_once_v2");
        Path atLeastOnce = dir.resolve("alo.properties");
        Files.writeString(
                atLeastOnce, "bootstrap.servers=127.0.0.1:9\napplication.id=aup\nprocessing.guarantee=at_least_once\n");
        assertThat(StreamSettings.load(atLeastOnce).kafka().getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo("at_least_once");
    }

    @Test
    void helpNamesTheConfigFile() {
        CliRun run = CliRun.of("stream", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("--config=FILE", "exactly_once_v2", "samples/stream.properties");
    }
}
