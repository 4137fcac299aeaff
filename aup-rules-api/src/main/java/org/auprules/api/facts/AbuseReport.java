package org.auprules.api.facts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An abuse report received about an account. An unverified report proves nothing by itself.
 *
 * @param id                    the report id (required)
 * @param accountId             the account it is about; when absent, the account that owns
 *                              {@code ip}, {@code domain}, {@code url} or {@code email}
 * @param type                  what it reports
 * @param receivedAt            when it arrived
 * @param reporter              who sent it (an address or a name)
 * @param verified              whether the host verified it, or it came from a trusted reporter
 * @param dmca                  the elements of a DMCA notice, for type {@code DMCA}
 * @param counterNoticeReceived whether the account holder filed a DMCA counter-notice
 * @param ip                    the IP address the report names, if any
 * @param domain                the domain the report names, if any
 * @param url                   the URL the report names, if any
 * @param email                 the email address the report names, if any
 * @param organisation          the reporter's organisation, if known
 * @param source                where the report came from, e.g. {@code xarf:copyright/p2p} or {@code arf:abuse}
 * @param details               further fields of the original report, kept as evidence
 */
public record AbuseReport(
        String id,
        @Nullable String accountId,
        ReportType type,
        @Nullable Instant receivedAt,
        @Nullable String reporter,
        boolean verified,
        @Nullable DmcaNotice dmca,
        boolean counterNoticeReceived,
        @Nullable String ip,
        @Nullable String domain,
        @Nullable String url,
        @Nullable String email,
        @Nullable String organisation,
        @Nullable String source,
        Map<String, String> details)
        implements AccountFact {

    /**
     * Checks that the id and the type are there and copies the details, reading absent ones as empty.
     *
     * @param id the report id (required)
     * @param accountId the account it is about; when absent, the account that owns {@code ip}, {@code domain}, {@code
     *     url} or {@code email}
     * @param type what it reports
     * @param receivedAt when it arrived
     * @param reporter who sent it (an address or a name)
     * @param verified whether the host verified it, or it came from a trusted reporter
     * @param dmca the elements of a DMCA notice, for type {@code DMCA}
     * @param counterNoticeReceived whether the account holder filed a DMCA counter-notice
     * @param ip the IP address the report names, if any
     * @param domain the domain the report names, if any
     * @param url the URL the report names, if any
     * @param email the email address the report names, if any
     * @param organisation the reporter's organisation, if known
     * @param source where the report came from, e.g. {@code xarf:copyright/p2p} or {@code arf:abuse}
     * @param details further fields of the original report, kept as evidence
     * @throws NullPointerException when {@code id} or {@code type} is null
     */
    public AbuseReport {
        Objects.requireNonNull(id, "report id must not be null");
        Objects.requireNonNull(type, "report type must not be null");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /**
     * {@return a report with the six fields of the contract's minimal report (docs/contract.md) and nothing else}
     *
     * @param id the report id (required)
     * @param accountId the account it is about; when absent, the account that owns {@code ip}, {@code domain}, {@code
     *     url} or {@code email}
     * @param type what it reports
     * @param receivedAt when it arrived
     * @param reporter who sent it (an address or a name)
     * @param verified whether the host verified it, or it came from a trusted reporter
     */
    public static AbuseReport of(
            String id,
            @Nullable String accountId,
            ReportType type,
            @Nullable Instant receivedAt,
            @Nullable String reporter,
            boolean verified) {
        return new AbuseReport(
                id,
                accountId,
                type,
                receivedAt,
                reporter,
                verified,
                null,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of());
    }

    /** {@return a builder with no field set yet, to write a report field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this report's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "report";
    }

    @Override
    public AbuseReport withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * {@return a copy attributed to the given account}
     *
     * @param newAccountId the id of the account that owns the named address or name
     */
    public AbuseReport withAccountId(String newAccountId) {
        return toBuilder().accountId(newAccountId).build();
    }

    /**
     * Accumulates an {@link AbuseReport} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable ReportType type;
        private @Nullable Instant receivedAt;
        private @Nullable String reporter;
        private boolean verified;
        private @Nullable DmcaNotice dmca;
        private boolean counterNoticeReceived;
        private @Nullable String ip;
        private @Nullable String domain;
        private @Nullable String url;
        private @Nullable String email;
        private @Nullable String organisation;
        private @Nullable String source;
        private @Nullable Map<String, String> details;

        private Builder() {}

        private Builder(AbuseReport original) {
            id = original.id();
            accountId = original.accountId();
            type = original.type();
            receivedAt = original.receivedAt();
            reporter = original.reporter();
            verified = original.verified();
            dmca = original.dmca();
            counterNoticeReceived = original.counterNoticeReceived();
            ip = original.ip();
            domain = original.domain();
            url = original.url();
            email = original.email();
            organisation = original.organisation();
            source = original.source();
            details = original.details();
        }

        /**
         * Sets the report id, which the record requires.
         *
         * @param id the report id (required)
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the account the report is about; when unset, the account that owns the named IP, domain, URL or email.
         *
         * @param accountId the account it is about; when absent, the account that owns {@code ip}, {@code domain},
         *     {@code url} or {@code email}
         * @return this builder
         */
        public Builder accountId(@Nullable String accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets what the report reports, which the record requires.
         *
         * @param type what it reports
         * @return this builder
         */
        public Builder type(ReportType type) {
            this.type = type;
            return this;
        }

        /**
         * Sets when the report arrived.
         *
         * @param receivedAt when it arrived
         * @return this builder
         */
        public Builder receivedAt(@Nullable Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        /**
         * Sets who sent the report (an address or a name).
         *
         * @param reporter who sent it (an address or a name)
         * @return this builder
         */
        public Builder reporter(@Nullable String reporter) {
            this.reporter = reporter;
            return this;
        }

        /**
         * Sets whether the host verified the report, or it came from a trusted reporter.
         *
         * @param verified whether the host verified it, or it came from a trusted reporter
         * @return this builder
         */
        public Builder verified(boolean verified) {
            this.verified = verified;
            return this;
        }

        /**
         * Sets the elements of a DMCA notice, for type {@code DMCA}.
         *
         * @param dmca the elements of a DMCA notice, for type {@code DMCA}
         * @return this builder
         */
        public Builder dmca(@Nullable DmcaNotice dmca) {
            this.dmca = dmca;
            return this;
        }

        /**
         * Sets whether the account holder filed a DMCA counter-notice.
         *
         * @param counterNoticeReceived whether the account holder filed a DMCA counter-notice
         * @return this builder
         */
        public Builder counterNoticeReceived(boolean counterNoticeReceived) {
            this.counterNoticeReceived = counterNoticeReceived;
            return this;
        }

        /**
         * Sets the IP address the report names, if any.
         *
         * @param ip the IP address the report names, if any
         * @return this builder
         */
        public Builder ip(@Nullable String ip) {
            this.ip = ip;
            return this;
        }

        /**
         * Sets the domain the report names, if any.
         *
         * @param domain the domain the report names, if any
         * @return this builder
         */
        public Builder domain(@Nullable String domain) {
            this.domain = domain;
            return this;
        }

        /**
         * Sets the URL the report names, if any.
         *
         * @param url the URL the report names, if any
         * @return this builder
         */
        public Builder url(@Nullable String url) {
            this.url = url;
            return this;
        }

        /**
         * Sets the email address the report names, if any.
         *
         * @param email the email address the report names, if any
         * @return this builder
         */
        public Builder email(@Nullable String email) {
            this.email = email;
            return this;
        }

        /**
         * Sets the reporter's organisation, if known.
         *
         * @param organisation the reporter's organisation, if known
         * @return this builder
         */
        public Builder organisation(@Nullable String organisation) {
            this.organisation = organisation;
            return this;
        }

        /**
         * Sets where the report came from, e.g. {@code xarf:copyright/p2p} or {@code arf:abuse}.
         *
         * @param source where the report came from, e.g. {@code xarf:copyright/p2p} or {@code arf:abuse}
         * @return this builder
         */
        public Builder source(@Nullable String source) {
            this.source = source;
            return this;
        }

        /**
         * Sets further fields of the original report, kept as evidence; the map is copied.
         *
         * @param details further fields of the original report, kept as evidence
         * @return this builder
         */
        public Builder details(@Nullable Map<String, String> details) {
            this.details = details == null ? null : new LinkedHashMap<>(details);
            return this;
        }

        /**
         * Builds the report through the canonical constructor, which requires the id and the type and reads unset
         * details as empty.
         *
         * @return a new report with the fields set so far
         * @throws NullPointerException when no id or no type was set
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // record rejects a missing id or type and reads unset details as empty.
        @SuppressWarnings("NullAway")
        public AbuseReport build() {
            return new AbuseReport(
                    id,
                    accountId,
                    type,
                    receivedAt,
                    reporter,
                    verified,
                    dmca,
                    counterNoticeReceived,
                    ip,
                    domain,
                    url,
                    email,
                    organisation,
                    source,
                    details);
        }
    }
}
