package org.auprules.examples.stream;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Reads the control topic on every instance (a global store) and hands each pack announcement to
 * the instance's {@link PolicyHolder}; the last one is kept, so a task that starts later, or an
 * instance that restarts, catches up with it.
 */
final class ControlProcessor implements Processor<String, String, Void, Void> {

    /** The key under which the global store keeps the last control message. */
    static final String LATEST = "latest";

    private final PolicyHolder holder;
    private @Nullable KeyValueStore<String, String> store;

    ControlProcessor(PolicyHolder holder) {
        this.holder = holder;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StreamTopology.POLICY_STORE);
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.value() == null || store == null) {
            return;
        }
        store.put(LATEST, record.value());
        holder.apply(record.value());
    }
}
