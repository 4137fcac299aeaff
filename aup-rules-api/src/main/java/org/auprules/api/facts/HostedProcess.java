package org.auprules.api.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * A process running under an account. Named {@code HostedProcess} so that DRL never confuses it
 * with {@code java.lang.Process}.
 *
 * @param id             the process fact id (required)
 * @param accountId      the owning account (required)
 * @param pid            the operating system's process id
 * @param name           the executable's name
 * @param commandLine    the full command line
 * @param cpuPercent     CPU use, in percent of one core
 * @param memoryMb       resident memory
 * @param runtimeSeconds how long it has run
 * @param listeningPorts the TCP/UDP ports it listens on
 */
public record HostedProcess(
        String id,
        String accountId,
        long pid,
        @Nullable String name,
        @Nullable String commandLine,
        double cpuPercent,
        long memoryMb,
        long runtimeSeconds,
        List<Integer> listeningPorts)
        implements AccountFact {

    /**
     * Checks that the id is there and copies the listening ports, reading absent ones as empty.
     *
     * @param id the process fact id (required)
     * @param accountId the owning account (required)
     * @param pid the operating system's process id
     * @param name the executable's name
     * @param commandLine the full command line
     * @param cpuPercent CPU use, in percent of one core
     * @param memoryMb resident memory
     * @param runtimeSeconds how long it has run
     * @param listeningPorts the TCP/UDP ports it listens on
     * @throws NullPointerException when {@code id} is null
     */
    public HostedProcess {
        Objects.requireNonNull(id, "process id must not be null");
        listeningPorts = listeningPorts == null ? List.of() : List.copyOf(listeningPorts);
    }

    /** {@return a builder with no field set yet, to write a process field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this process's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "process";
    }

    @Override
    public HostedProcess withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates a {@link HostedProcess} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private long pid;
        private @Nullable String name;
        private @Nullable String commandLine;
        private double cpuPercent;
        private long memoryMb;
        private long runtimeSeconds;
        private @Nullable List<Integer> listeningPorts;

        private Builder() {}

        private Builder(HostedProcess original) {
            id = original.id();
            accountId = original.accountId();
            pid = original.pid();
            name = original.name();
            commandLine = original.commandLine();
            cpuPercent = original.cpuPercent();
            memoryMb = original.memoryMb();
            runtimeSeconds = original.runtimeSeconds();
            listeningPorts = original.listeningPorts();
        }

        /**
         * Sets the process fact id, which the record requires.
         *
         * @param id the process fact id (required)
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the owning account, which the evaluator requires.
         *
         * @param accountId the owning account (required)
         * @return this builder
         */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets the operating system's process id.
         *
         * @param pid the operating system's process id
         * @return this builder
         */
        public Builder pid(long pid) {
            this.pid = pid;
            return this;
        }

        /**
         * Sets the executable's name.
         *
         * @param name the executable's name
         * @return this builder
         */
        public Builder name(@Nullable String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the full command line.
         *
         * @param commandLine the full command line
         * @return this builder
         */
        public Builder commandLine(@Nullable String commandLine) {
            this.commandLine = commandLine;
            return this;
        }

        /**
         * Sets the CPU use, in percent of one core.
         *
         * @param cpuPercent CPU use, in percent of one core
         * @return this builder
         */
        public Builder cpuPercent(double cpuPercent) {
            this.cpuPercent = cpuPercent;
            return this;
        }

        /**
         * Sets the resident memory in megabytes.
         *
         * @param memoryMb resident memory
         * @return this builder
         */
        public Builder memoryMb(long memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        /**
         * Sets how long the process has run, in seconds.
         *
         * @param runtimeSeconds how long it has run
         * @return this builder
         */
        public Builder runtimeSeconds(long runtimeSeconds) {
            this.runtimeSeconds = runtimeSeconds;
            return this;
        }

        /**
         * Sets the TCP/UDP ports the process listens on.
         *
         * @param listeningPorts the TCP/UDP ports it listens on
         * @return this builder
         */
        public Builder listeningPorts(int @Nullable ... listeningPorts) {
            this.listeningPorts = listeningPorts == null
                    ? null
                    : IntStream.of(listeningPorts).boxed().toList();
            return this;
        }

        /**
         * Sets the TCP/UDP ports the process listens on; the list is copied.
         *
         * @param listeningPorts the TCP/UDP ports it listens on
         * @return this builder
         */
        public Builder listeningPorts(@Nullable List<Integer> listeningPorts) {
            this.listeningPorts = listeningPorts == null ? null : new ArrayList<>(listeningPorts);
            return this;
        }

        /**
         * Builds the process through the canonical constructor, which requires the id and reads unset ports as empty.
         *
         * @return a new process with the fields set so far
         * @throws NullPointerException when no id was set
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // record rejects a missing id and reads unset ports as empty, and the evaluator rejects a missing
        // accountId as an input error.
        @SuppressWarnings("NullAway")
        public HostedProcess build() {
            return new HostedProcess(
                    id, accountId, pid, name, commandLine, cpuPercent, memoryMb, runtimeSeconds, listeningPorts);
        }
    }
}
