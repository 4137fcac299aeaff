package org.auprules.api.facts;

import org.jspecify.annotations.Nullable;

/**
 * An account's resource use over one window.
 *
 * @param id            optional id
 * @param accountId     the account (required)
 * @param windowSeconds the length of the window over which the use was sustained
 * @param cpuPercent    CPU use, in percent of one core
 * @param memoryMb      memory in use
 * @param ioMbPerSecond disk I/O rate
 * @param processCount  processes running at once
 * @param inodes        inodes in use
 */
public record ResourceUsage(
        @Nullable String id,
        String accountId,
        long windowSeconds,
        double cpuPercent,
        long memoryMb,
        double ioMbPerSecond,
        long processCount,
        long inodes)
        implements AccountFact {

    /** {@return a builder with no field set yet, to write a resource usage record field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this resource usage record's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "resourceUsage";
    }

    @Override
    public ResourceUsage withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates a {@link ResourceUsage} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private long windowSeconds;
        private double cpuPercent;
        private long memoryMb;
        private double ioMbPerSecond;
        private long processCount;
        private long inodes;

        private Builder() {}

        private Builder(ResourceUsage original) {
            id = original.id();
            accountId = original.accountId();
            windowSeconds = original.windowSeconds();
            cpuPercent = original.cpuPercent();
            memoryMb = original.memoryMb();
            ioMbPerSecond = original.ioMbPerSecond();
            processCount = original.processCount();
            inodes = original.inodes();
        }

        /**
         * Sets the optional id; without one the fact is named by its place in the input.
         *
         * @param id optional id
         * @return this builder
         */
        public Builder id(@Nullable String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the account, which the evaluator requires.
         *
         * @param accountId the account (required)
         * @return this builder
         */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets the length of the window, in seconds, over which the use was sustained.
         *
         * @param windowSeconds the length of the window over which the use was sustained
         * @return this builder
         */
        public Builder windowSeconds(long windowSeconds) {
            this.windowSeconds = windowSeconds;
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
         * Sets the memory in use, in megabytes.
         *
         * @param memoryMb memory in use
         * @return this builder
         */
        public Builder memoryMb(long memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        /**
         * Sets the disk I/O rate, in megabytes per second.
         *
         * @param ioMbPerSecond disk I/O rate
         * @return this builder
         */
        public Builder ioMbPerSecond(double ioMbPerSecond) {
            this.ioMbPerSecond = ioMbPerSecond;
            return this;
        }

        /**
         * Sets how many processes ran at once.
         *
         * @param processCount processes running at once
         * @return this builder
         */
        public Builder processCount(long processCount) {
            this.processCount = processCount;
            return this;
        }

        /**
         * Sets how many inodes are in use.
         *
         * @param inodes inodes in use
         * @return this builder
         */
        public Builder inodes(long inodes) {
            this.inodes = inodes;
            return this;
        }

        /**
         * Builds the resource usage record through the canonical constructor.
         *
         * @return a new resource usage record with the fields set so far
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // evaluator rejects a missing accountId as an input error.
        @SuppressWarnings("NullAway")
        public ResourceUsage build() {
            return new ResourceUsage(
                    id, accountId, windowSeconds, cpuPercent, memoryMb, ioMbPerSecond, processCount, inodes);
        }
    }
}
