package org.auprules.examples.stream;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The topology of {@code aup-rules stream} (docs/scale-out.md draws it): the fact and account
 * topics feed one sub-topology partitioned by account id, with the per-account state and its
 * expiry index; the control topic feeds a global store on every instance.
 */
public final class StreamTopology {

    /** The per-account state: account record, snapshots, event facts, last verdict. */
    public static final String STATE_STORE = "aup-account-state";
    /** When each account's facts leave their window: (time, account id) to nothing. */
    public static final String EXPIRY_STORE = "aup-expiry";
    /** The last control message, on every instance. */
    public static final String POLICY_STORE = "aup-policy";

    static final String VIOLATIONS_SINK = "violations";
    static final String DEAD_LETTERS_SINK = "dead-letters";

    private StreamTopology() {}

    /**
     * Builds the topology.
     *
     * @param topics the topic names
     * @param policy the policy holder of this instance, which the control topic reloads
     * @param grace how long a fact is kept after it leaves the longest window
     * @param store where the state stores live
     * @return the topology, for {@code new KafkaStreams(topology, settings)} or a {@code TopologyTestDriver}
     */
    public static Topology build(
            StreamSettings.Topics topics, PolicyHolder policy, Duration grace, StreamSettings.StoreKind store) {
        var strings = Serdes.String();
        Topology t = new Topology();
        t.addSource("facts-source", strings.deserializer(), strings.deserializer(), topics.facts());
        t.addSource("accounts-source", strings.deserializer(), strings.deserializer(), topics.accounts());
        t.addProcessor(
                "facts", () -> new AccountProcessor(AccountProcessor.Input.FACTS, policy, grace), "facts-source");
        t.addProcessor(
                "accounts",
                () -> new AccountProcessor(AccountProcessor.Input.ACCOUNTS, policy, grace),
                "accounts-source");
        StoreBuilder<KeyValueStore<String, String>> state =
                Stores.keyValueStoreBuilder(supplier(STATE_STORE, store), Serdes.String(), Serdes.String());
        StoreBuilder<KeyValueStore<Bytes, byte[]>> expiry =
                Stores.keyValueStoreBuilder(supplier(EXPIRY_STORE, store), Serdes.Bytes(), Serdes.ByteArray());
        t.addStateStore(state, "facts", "accounts");
        t.addStateStore(expiry, "facts", "accounts");
        t.addSink(
                VIOLATIONS_SINK, topics.violations(), strings.serializer(), strings.serializer(), "facts", "accounts");
        t.addSink(
                DEAD_LETTERS_SINK,
                topics.deadLetters(),
                strings.serializer(),
                strings.serializer(),
                "facts",
                "accounts");
        t.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(POLICY_STORE), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                "control-source",
                strings.deserializer(),
                strings.deserializer(),
                topics.control(),
                "control",
                () -> new ControlProcessor(policy));
        return t;
    }

    private static KeyValueBytesStoreSupplier supplier(String name, StreamSettings.StoreKind kind) {
        return kind == StreamSettings.StoreKind.ROCKSDB
                ? Stores.persistentKeyValueStore(name)
                : Stores.inMemoryKeyValueStore(name);
    }
}
