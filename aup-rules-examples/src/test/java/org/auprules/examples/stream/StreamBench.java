package org.auprules.examples.stream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;
import org.auprules.examples.bench.FleetGenerator;
import org.auprules.json.FactsJsonWriter;

/**
 * Events per second of one instance through the {@code TopologyTestDriver} on a generated fleet,
 * the state-store bytes per account it leaves, and, side by side in the same JVM, one batch
 * evaluation of the same facts. Run it with
 * {@code ./mvnw -B -q -Pbench package -DskipTests -pl aup-rules-examples -am
 * -Dbench.main=org.auprules.examples.stream.StreamBench -Djmh.args=2000}.
 */
public final class StreamBench {

    private StreamBench() {}

    /**
     * Runs the measurement.
     *
     * @param args the number of accounts (default 2000), then the seed (default 42)
     * @throws Exception when the load average cannot be read
     */
    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        CompiledPolicy policy = StreamDriver.compile(PolicyPack.defaultPack());
        System.out.println("load average before: " + loadAverage());
        run(policy, Math.max(50, accounts / 10), seed + 1, false); // warm-up: JIT and Drools' first sessions
        run(policy, accounts, seed, true);
        System.out.println("load average after:  " + loadAverage());
    }

    private static void run(CompiledPolicy policy, int accounts, long seed, boolean report) {
        FactSet fleet = FleetGenerator.generate(accounts, seed);
        List<TestRecord<String, String>> events = FleetEvents.of(fleet);
        var doc = FactsJsonWriter.toTree(fleet);
        try (StreamDriver d = new StreamDriver(policy, StreamSettings.DEFAULT_GRACE)) {
            long start = System.nanoTime();
            doc.get("accounts")
                    .forEach(a -> d.accounts.pipeInput(a.get("id").asText(), a.toString(), fleet.evaluatedAt()));
            d.facts.pipeRecordList(events);
            double seconds = (System.nanoTime() - start) / 1e9;
            int records = events.size() + accounts;
            long changes = d.violations.getQueueSize();
            long stateBytes = bytes(d.driver.getKeyValueStore(StreamTopology.STATE_STORE));
            long expiryBytes = bytes(d.driver.getKeyValueStore(StreamTopology.EXPIRY_STORE));

            DroolsAupEvaluator batch =
                    DroolsAupEvaluator.builder().compiledPolicy(policy).build();
            long bStart = System.nanoTime();
            int violations = batch.evaluate(fleet).violations().size();
            double batchSeconds = (System.nanoTime() - bStart) / 1e9;
            if (report) {
                System.out.printf(
                        "stream: %d accounts, %d records (%d fact events + %d account records) in %.2f s: %.0f events/s, "
                                + "%d violation events%n",
                        accounts, records, events.size(), accounts, seconds, records / seconds, changes);
                System.out.printf(
                        "state:  %d bytes per account in %s (%d in all) + %d bytes per account in %s%n",
                        stateBytes / accounts,
                        StreamTopology.STATE_STORE,
                        stateBytes,
                        expiryBytes / accounts,
                        StreamTopology.EXPIRY_STORE);
                System.out.printf(
                        "batch:  the same facts in one evaluate call: %.2f s, %d violations; the stream judges every "
                                + "account %.1f times, once per record (%.1fx the batch time)%n",
                        batchSeconds, violations, records / (double) accounts, seconds / batchSeconds);
            }
        }
    }

    private static long bytes(KeyValueStore<?, ?> store) {
        long total = 0;
        try (KeyValueIterator<?, ?> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<?, ?> e = it.next();
                total += size(e.key) + size(e.value);
            }
        }
        return total;
    }

    private static long size(Object o) {
        if (o instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (o instanceof Bytes b) {
            return b.get().length;
        }
        if (o instanceof byte[] b) {
            return b.length;
        }
        throw new IllegalArgumentException("unexpected store type " + o.getClass());
    }

    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
