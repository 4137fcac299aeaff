package org.auprules.examples.stream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.auprules.api.EvaluationFailedException;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.Violation;
import org.auprules.api.facts.FactSet;
import org.auprules.examples.changes.ViolationChange;
import org.auprules.examples.changes.ViolationChanges;
import org.auprules.json.FactsJson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one account's facts in the state store and re-evaluates the account on every change: a
 * fact event, an account record, or a fact leaving its window. Emits the changes of the verdict
 * and nothing when it did not change; a record that is not valid goes to the dead-letter topic
 * with the reason, and leaves the state as it was.
 */
final class AccountProcessor implements Processor<String, String, String, String> {

    /** Which topic this processor reads. */
    enum Input {
        /** fact events */
        FACTS,
        /** account records, a compacted topic */
        ACCOUNTS
    }

    /** The header that names the policy digest on every output record. */
    static final String DIGEST_HEADER = "aup-policy-digest";

    private static final Logger LOG = LoggerFactory.getLogger(AccountProcessor.class);
    private static final Duration EXPIRY_CHECK = Duration.ofMinutes(1);

    private final Input input;
    private final PolicyHolder holder;
    private final long graceMs;
    private @Nullable ProcessorContext<String, String> context;
    private @Nullable KeyValueStore<String, String> state;
    private @Nullable KeyValueStore<Bytes, byte[]> expiry;

    AccountProcessor(Input input, PolicyHolder holder, Duration grace) {
        this.input = input;
        this.holder = holder;
        this.graceMs = grace.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.state = context.getStateStore(StreamTopology.STATE_STORE);
        this.expiry = context.getStateStore(StreamTopology.EXPIRY_STORE);
        // after a restart the global store is restored before any task starts: catch up with the last reload
        KeyValueStore<String, String> policy = context.getStateStore(StreamTopology.POLICY_STORE);
        String latest = policy.get(ControlProcessor.LATEST);
        if (latest != null) {
            holder.apply(latest);
        }
        if (input == Input.FACTS) {
            context.schedule(EXPIRY_CHECK, PunctuationType.STREAM_TIME, this::expire);
        }
    }

    @Override
    public void process(Record<String, String> record) {
        long now = Math.max(ctx().currentStreamTimeMs(), record.timestamp());
        PolicyHolder.Live live = holder.current();
        try {
            if (input == Input.ACCOUNTS) {
                account(record, live, now);
            } else {
                fact(record, live, now);
            }
        } catch (BadEventException e) {
            deadLetter(record, Objects.requireNonNullElse(e.getMessage(), "invalid record"), live.digest(), now);
        }
    }

    private void fact(Record<String, String> record, PolicyHolder.Live live, long now) {
        FactEvent event = FactEvent.parse(record.key(), record.value());
        long horizon = now - live.retention().window().toMillis() - graceMs;
        if (!event.isSnapshot() && record.timestamp() < horizon) {
            throw new BadEventException("late event: its time " + Instant.ofEpochMilli(record.timestamp())
                    + " is more than the retention (" + live.retention().window() + ", from "
                    + live.retention().threshold() + ") plus the grace period (" + Duration.ofMillis(graceMs)
                    + ") before the stream time " + Instant.ofEpochMilli(now));
        }
        String key = record.key();
        AccountState s = AccountState.read(store().get(key));
        s.add(event, record.timestamp());
        s.expire(horizon);
        settle(key, s, live, now);
        if (!event.isSnapshot()) {
            long window = live.retention().window().toMillis();
            // once when the fact leaves the longest window, once when its grace is over and it goes
            index(record.timestamp() + window + 1, key);
            index(record.timestamp() + window + graceMs + 1, key);
        }
    }

    private void account(Record<String, String> record, PolicyHolder.Live live, long now) {
        String key = record.key();
        if (record.value() == null) {
            if (key == null) {
                throw new BadEventException("the record has no key: account records are keyed by account id");
            }
            AccountState s = AccountState.read(store().get(key));
            List<Violation> before = s.verdict(live.evaluator().catalog(), key);
            emit(key, ViolationChanges.between(before, List.of(), live.digest(), Instant.ofEpochMilli(now)), now);
            store().delete(key);
            return;
        }
        ObjectNode account = FactEvent.parseAccount(key, record.value());
        AccountState s = AccountState.read(store().get(key));
        s.account(account);
        settle(key, s, live, now);
    }

    /** Evaluates the account when its record is there, saves the state and emits what changed. */
    private void settle(String key, AccountState s, PolicyHolder.Live live, long now) {
        if (!s.hasAccount()) {
            save(key, s);
            return;
        }
        Instant at = Instant.ofEpochMilli(now);
        FactSet facts;
        try {
            facts = FactsJson.read(s.document(at).toString(), null);
        } catch (InvalidFactsException e) {
            throw new BadEventException("with the account's other facts: "
                    + e.problem().path() + ": " + e.problem().message());
        }
        EvaluationResult result;
        try {
            result = live.evaluator().evaluate(facts);
        } catch (EvaluationFailedException e) {
            throw new BadEventException("the policy failed on this account: " + e.getMessage());
        }
        List<Violation> before = s.verdict(live.evaluator().catalog(), key);
        List<ViolationChange> changes = ViolationChanges.between(
                before, result.violations(), result.policy().digest(), at);
        s.verdict(result.violations());
        save(key, s);
        emit(key, changes, now);
    }

    private void emit(String key, List<ViolationChange> changes, long now) {
        for (ViolationChange c : changes) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(DIGEST_HEADER, c.policyDigest().getBytes(StandardCharsets.UTF_8));
            ctx().forward(new Record<>(key, c.toJson().toString(), now, headers), StreamTopology.VIOLATIONS_SINK);
        }
    }

    private void save(String key, AccountState s) {
        if (s.isEmpty()) {
            store().delete(key);
        } else {
            store().put(key, s.write());
        }
    }

    /** Re-evaluates the accounts one of whose facts left its window or its grace period by {@code now}. */
    private void expire(long now) {
        Set<String> due = new LinkedHashSet<>();
        List<Bytes> done = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = expiries().range(indexKey(0, ""), indexKey(now + 1, ""))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> e = it.next();
                done.add(e.key);
                byte[] k = e.key.get();
                due.add(new String(k, Long.BYTES, k.length - Long.BYTES, StandardCharsets.UTF_8));
            }
        }
        done.forEach(expiries()::delete);
        PolicyHolder.Live live = holder.current();
        long window = live.retention().window().toMillis();
        for (String key : due) {
            String stored = store().get(key);
            if (stored == null) {
                continue;
            }
            AccountState s = AccountState.read(stored);
            s.expire(now - window - graceMs);
            try {
                settle(key, s, live, now);
            } catch (BadEventException e) {
                LOG.error(
                        "aup-rules stream: account `{}` not re-evaluated at {}: {}",
                        key,
                        Instant.ofEpochMilli(now),
                        e.getMessage());
            }
            // a reload may have lengthened the retention: the oldest fact left still has to go some day
            s.oldestEvent().ifPresent(t -> index(t + window + graceMs + 1, key));
        }
    }

    private void index(long at, String key) {
        expiries().put(indexKey(at, key), new byte[0]);
    }

    /** Big-endian time first, so that a range scan of the store walks the index in time order. */
    static Bytes indexKey(long at, String key) {
        byte[] id = key.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length)
                .putLong(Math.max(0, at))
                .put(id)
                .array());
    }

    private void deadLetter(Record<String, String> record, String reason, String digest, long now) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("reason", reason);
        ctx().recordMetadata().ifPresent(m -> {
            n.put("topic", m.topic());
            n.put("partition", m.partition());
            n.put("offset", m.offset());
        });
        if (record.key() != null) {
            n.put("key", record.key());
        }
        if (record.value() != null) {
            n.put("value", record.value());
        }
        n.put("eventTime", Instant.ofEpochMilli(record.timestamp()).toString());
        n.put("policyDigest", digest);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DIGEST_HEADER, digest.getBytes(StandardCharsets.UTF_8));
        ctx().forward(new Record<>(record.key(), n.toString(), now, headers), StreamTopology.DEAD_LETTERS_SINK);
    }

    private ProcessorContext<String, String> ctx() {
        if (context == null) {
            throw new IllegalStateException("not initialised");
        }
        return context;
    }

    private KeyValueStore<String, String> store() {
        if (state == null) {
            throw new IllegalStateException("not initialised");
        }
        return state;
    }

    private KeyValueStore<Bytes, byte[]> expiries() {
        if (expiry == null) {
            throw new IllegalStateException("not initialised");
        }
        return expiry;
    }
}
