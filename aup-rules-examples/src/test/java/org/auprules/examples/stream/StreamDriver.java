package org.auprules.examples.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.PolicyValidator;

/** The topology of {@code aup-rules stream} in a {@link TopologyTestDriver}, with its five topics. */
final class StreamDriver implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final StreamSettings.Topics TOPICS = StreamSettings.Topics.defaults();

    final PolicyHolder holder;
    final TopologyTestDriver driver;
    final TestInputTopic<String, String> facts;
    final TestInputTopic<String, String> accounts;
    final TestInputTopic<String, String> control;
    final TestOutputTopic<String, String> violations;
    final TestOutputTopic<String, String> deadLetters;

    StreamDriver(CompiledPolicy policy, Duration grace) {
        holder = new PolicyHolder(policy);
        Properties p = StreamSettings.defaults();
        p.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "aup-rules-test");
        p.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        driver = new TopologyTestDriver(
                StreamTopology.build(TOPICS, holder, grace, StreamSettings.StoreKind.IN_MEMORY), p);
        var s = Serdes.String();
        facts = driver.createInputTopic(TOPICS.facts(), s.serializer(), s.serializer());
        accounts = driver.createInputTopic(TOPICS.accounts(), s.serializer(), s.serializer());
        control = driver.createInputTopic(TOPICS.control(), s.serializer(), s.serializer());
        violations = driver.createOutputTopic(TOPICS.violations(), s.deserializer(), s.deserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), s.deserializer(), s.deserializer());
    }

    void account(String id, Instant at) {
        accounts.pipeInput(
                id, "{\"id\":\"" + id + "\",\"plan\":\"shared-pro\",\"country\":\"US\",\"status\":\"ACTIVE\"}", at);
    }

    void fact(String account, String type, String factJson, Instant at) {
        facts.pipeInput(account, "{\"type\":\"" + type + "\",\"fact\":" + factJson + "}", at);
    }

    /** {@return the violation events written since the last call, as JSON} */
    List<JsonNode> changes() {
        return read(violations);
    }

    /** {@return the dead letters written since the last call, as JSON} */
    List<JsonNode> deadLetters() {
        return read(deadLetters);
    }

    private static List<JsonNode> read(TestOutputTopic<String, String> topic) {
        List<JsonNode> out = new ArrayList<>();
        for (String v : topic.readValuesToList()) {
            try {
                out.add(JSON.readTree(v));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** {@return the stored state of one account, or null} */
    ObjectNode state(String account) {
        KeyValueStore<String, String> store = driver.getKeyValueStore(StreamTopology.STATE_STORE);
        String v = store.get(account);
        try {
            return v == null ? null : (ObjectNode) JSON.readTree(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
    }

    /** Writes the default pack to {@code dir}, its policy.json changed by {@code edit}. */
    static Path packCopy(Path dir, UnaryOperator<String> edit) throws IOException {
        for (Map.Entry<String, byte[]> f : PolicyPack.defaultPack().files().entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            if (f.getKey().equals(PolicyPack.POLICY_FILE)) {
                Files.writeString(
                        target, edit.apply(new String(f.getValue(), java.nio.charset.StandardCharsets.UTF_8)));
            } else {
                Files.write(target, f.getValue());
            }
        }
        return dir;
    }

    static CompiledPolicy compile(PolicyPack pack) {
        return PolicyValidator.validate(pack).policy().orElseThrow();
    }
}
