package org.auprules.examples.stream;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.PolicyValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aup-rules stream}: runs the Kafka Streams application until it is stopped. */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates accounts continuously on Kafka Streams, partitioned by account id: reads fact events "
                    + "and account records, keeps each account's recent facts in a state store, re-evaluates "
                    + "the account on every change, and writes OPENED, CHANGED and RESOLVED violation events.",
            "",
            "FILE is a properties file: bootstrap.servers and application.id (required), any other Kafka "
                    + "Streams setting, and aup.topic.facts, aup.topic.accounts, aup.topic.violations, "
                    + "aup.topic.dead-letters, aup.topic.control, aup.pack, aup.grace, aup.state.store. "
                    + "processing.guarantee is exactly_once_v2 unless FILE sets it. "
                    + "aup-rules-examples/samples/stream.properties documents each one; docs/scale-out.md "
                    + "has the topics, the event shapes and the sizing."
        },
        footer = {
            "",
            "Example:",
            "  aup-rules stream --config stream.properties",
            "",
            "Exit codes:",
            "  0  the application stopped by itself; Ctrl-C and SIGTERM close it",
            "     cleanly and end with the JVM's 130 and 143",
            "  2  FILE is missing or has a bad setting",
            "  3  the pack is invalid",
            "  70 the application stopped on an error"
        })
public final class StreamCommand implements Callable<Integer> {

    private static final java.time.Duration CLOSE_TIMEOUT = java.time.Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    /** Creates the command; picocli sets its options. */
    public StreamCommand() {}

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The properties file with the Kafka, topic and pack settings.")
    Path config;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        StreamSettings settings;
        try {
            settings = StreamSettings.load(config);
        } catch (StreamConfigException e) {
            for (String line : String.valueOf(e.getMessage()).lines().toList()) {
                err.println("aup-rules: " + line);
            }
            return 2;
        }
        if (settings.store() == StreamSettings.StoreKind.ROCKSDB && !onClassPath("org.rocksdb.RocksDB")) {
            err.println("aup-rules: " + config + ": aup.state.store=rocksdb needs rocksdbjni on the class path, "
                    + "which the CLI does not ship; see docs/scale-out.md, or use in-memory");
            return 2;
        }
        PolicyPack pack;
        try {
            pack = settings.pack() == null ? PolicyPack.defaultPack() : PolicyPack.fromDirectory(settings.pack());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println("aup-rules: " + e.getMessage());
            return 2;
        }
        PolicyValidator.Validation v = PolicyValidator.validate(pack);
        if (v.policy().isEmpty()) {
            for (PolicyProblem p : v.errors()) {
                err.println("aup-rules: " + p);
            }
            return 3;
        }
        PolicyHolder holder = new PolicyHolder(v.policy().get());
        Topology topology = StreamTopology.build(settings.topics(), holder, settings.grace(), settings.store());
        PolicyHolder.Live live = holder.current();
        err.println("aup-rules stream: application `" + settings.kafka().getProperty("application.id") + "`, policy "
                + live.digest() + ", facts kept " + live.retention().window() + " ("
                + live.retention().threshold()
                + ") plus " + settings.grace() + " grace, reading `"
                + settings.topics().facts() + "` and `"
                + settings.topics().accounts() + "`, writing `"
                + settings.topics().violations() + "`");
        err.flush();
        return run(topology, settings, err);
    }

    private static int run(Topology topology, StreamSettings settings, PrintWriter err) {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger code = new AtomicInteger(0);
        KafkaStreams streams = new KafkaStreams(topology, settings.kafka());
        streams.setUncaughtExceptionHandler(e -> {
            err.println("aup-rules: the stream stopped: " + e);
            err.flush();
            code.set(70);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        // Ctrl-C or SIGTERM: close inside the hook, so the last transaction is committed or aborted before
        // the JVM goes. start() holds the instance's lock until the global store is bootstrapped, which
        // never happens while no broker answers: then nothing was processed, and the hook does not wait.
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        Thread hook = new Thread(
                () -> {
                    if (!started.get()) {
                        stopped.countDown();
                        return;
                    }
                    Thread closer = new Thread(() -> streams.close(CLOSE_TIMEOUT), "aup-rules-stream-close");
                    closer.setDaemon(true);
                    closer.start();
                    try {
                        closer.join(CLOSE_TIMEOUT.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    stopped.countDown();
                },
                "aup-rules-stream-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        streams.start();
        started.set(true);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            streams.close(CLOSE_TIMEOUT);
        } catch (IllegalStateException shuttingDown) {
            // the hook is closing it
        }
        return code.get();
    }

    private static boolean onClassPath(String name) {
        try {
            Class.forName(name, false, StreamCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
