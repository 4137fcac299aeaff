package org.auprules.api.facts;

import org.jspecify.annotations.Nullable;

/**
 * Outbound network activity of an account in one observation window.
 *
 * @param id                           optional id
 * @param accountId                    the account (required)
 * @param windowSeconds                the length of the window
 * @param distinctDestinations         distinct destination addresses contacted
 * @param distinctDestinationPorts     distinct destination ports contacted
 * @param peakPacketsPerSecond         the peak outbound packet rate
 * @param targetsCompanyInfrastructure whether the traffic was aimed at the company's own servers
 */
public record NetworkActivity(
        @Nullable String id,
        String accountId,
        long windowSeconds,
        long distinctDestinations,
        long distinctDestinationPorts,
        long peakPacketsPerSecond,
        boolean targetsCompanyInfrastructure)
        implements AccountFact {

    /** {@return a builder with no field set yet, to write a network activity record field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this network activity record's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "networkActivity";
    }

    @Override
    public NetworkActivity withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates a {@link NetworkActivity} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private long windowSeconds;
        private long distinctDestinations;
        private long distinctDestinationPorts;
        private long peakPacketsPerSecond;
        private boolean targetsCompanyInfrastructure;

        private Builder() {}

        private Builder(NetworkActivity original) {
            id = original.id();
            accountId = original.accountId();
            windowSeconds = original.windowSeconds();
            distinctDestinations = original.distinctDestinations();
            distinctDestinationPorts = original.distinctDestinationPorts();
            peakPacketsPerSecond = original.peakPacketsPerSecond();
            targetsCompanyInfrastructure = original.targetsCompanyInfrastructure();
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
         * Sets the length of the window, in seconds.
         *
         * @param windowSeconds the length of the window
         * @return this builder
         */
        public Builder windowSeconds(long windowSeconds) {
            this.windowSeconds = windowSeconds;
            return this;
        }

        /**
         * Sets how many distinct destination addresses were contacted.
         *
         * @param distinctDestinations distinct destination addresses contacted
         * @return this builder
         */
        public Builder distinctDestinations(long distinctDestinations) {
            this.distinctDestinations = distinctDestinations;
            return this;
        }

        /**
         * Sets how many distinct destination ports were contacted.
         *
         * @param distinctDestinationPorts distinct destination ports contacted
         * @return this builder
         */
        public Builder distinctDestinationPorts(long distinctDestinationPorts) {
            this.distinctDestinationPorts = distinctDestinationPorts;
            return this;
        }

        /**
         * Sets the peak outbound packet rate.
         *
         * @param peakPacketsPerSecond the peak outbound packet rate
         * @return this builder
         */
        public Builder peakPacketsPerSecond(long peakPacketsPerSecond) {
            this.peakPacketsPerSecond = peakPacketsPerSecond;
            return this;
        }

        /**
         * Sets whether the traffic was aimed at the company's own servers.
         *
         * @param targetsCompanyInfrastructure whether the traffic was aimed at the company's own servers
         * @return this builder
         */
        public Builder targetsCompanyInfrastructure(boolean targetsCompanyInfrastructure) {
            this.targetsCompanyInfrastructure = targetsCompanyInfrastructure;
            return this;
        }

        /**
         * Builds the network activity record through the canonical constructor.
         *
         * @return a new network activity record with the fields set so far
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // evaluator rejects a missing accountId as an input error.
        @SuppressWarnings("NullAway")
        public NetworkActivity build() {
            return new NetworkActivity(
                    id,
                    accountId,
                    windowSeconds,
                    distinctDestinations,
                    distinctDestinationPorts,
                    peakPacketsPerSecond,
                    targetsCompanyInfrastructure);
        }
    }
}
