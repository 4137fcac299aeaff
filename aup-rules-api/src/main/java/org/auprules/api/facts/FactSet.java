package org.auprules.api.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.auprules.api.desk.PriorFinding;
import org.auprules.api.desk.Waiver;
import org.jspecify.annotations.Nullable;

/**
 * The input document: everything known about a set of accounts at one moment. Every list is
 * optional and never {@code null}.
 *
 * <pre>{@code
 * FactSet facts = FactSet.builder()
 *         .evaluatedAt(Instant.parse("2026-11-28T12:00:00Z"))
 *         .accounts(Account.builder().id("acc-1").plan("shared-basic").build())
 *         .processes(HostedProcess.builder().id("p-1").accountId("acc-1").name("xmrig").build())
 *         .build();
 * }</pre>
 *
 * @param evaluatedAt  the moment of evaluation; {@code null} means "now", by the evaluator's clock
 * @param accounts     the accounts; every other fact must belong to one of them
 * @param emails       messages sent
 * @param mailingLists mailing lists kept
 * @param optOutRequests recipients' requests to stop mail
 * @param blacklistListings DNSBL listings of the accounts' addresses
 * @param files        hosted files
 * @param processes    running processes
 * @param websites     hosted sites
 * @param audioStreams audio streams served
 * @param networkActivity outbound traffic per window
 * @param accessAttempts unauthorised access attempts
 * @param resourceUsage resource use per window
 * @param exports      transfers abroad
 * @param logins       logins
 * @param permits      licences and permits on file
 * @param reports      abuse reports
 * @param waivers      exceptions the abuse desk granted, added to the pack's {@code waivers.json}
 * @param history      findings of earlier evaluations, which the pack's escalation table counts
 */
public record FactSet(
        @Nullable Instant evaluatedAt,
        List<Account> accounts,
        List<EmailMessage> emails,
        List<MailingList> mailingLists,
        List<OptOutRequest> optOutRequests,
        List<BlacklistListing> blacklistListings,
        List<HostedFile> files,
        List<HostedProcess> processes,
        List<Website> websites,
        List<AudioStream> audioStreams,
        List<NetworkActivity> networkActivity,
        List<AccessAttempt> accessAttempts,
        List<ResourceUsage> resourceUsage,
        List<Export> exports,
        List<Login> logins,
        List<Permit> permits,
        List<AbuseReport> reports,
        List<Waiver> waivers,
        List<PriorFinding> history) {

    /**
     * Copies every list, reading an absent one as empty.
     *
     * @param evaluatedAt the moment of evaluation; {@code null} means "now", by the evaluator's clock
     * @param accounts the accounts; every other fact must belong to one of them
     * @param emails messages sent
     * @param mailingLists mailing lists kept
     * @param optOutRequests recipients' requests to stop mail
     * @param blacklistListings DNSBL listings of the accounts' addresses
     * @param files hosted files
     * @param processes running processes
     * @param websites hosted sites
     * @param audioStreams audio streams served
     * @param networkActivity outbound traffic per window
     * @param accessAttempts unauthorised access attempts
     * @param resourceUsage resource use per window
     * @param exports transfers abroad
     * @param logins logins
     * @param permits licences and permits on file
     * @param reports abuse reports
     * @param waivers exceptions the abuse desk granted
     * @param history findings of earlier evaluations
     */
    public FactSet {
        accounts = copy(accounts);
        emails = copy(emails);
        mailingLists = copy(mailingLists);
        optOutRequests = copy(optOutRequests);
        blacklistListings = copy(blacklistListings);
        files = copy(files);
        processes = copy(processes);
        websites = copy(websites);
        audioStreams = copy(audioStreams);
        networkActivity = copy(networkActivity);
        accessAttempts = copy(accessAttempts);
        resourceUsage = copy(resourceUsage);
        exports = copy(exports);
        logins = copy(logins);
        permits = copy(permits);
        reports = copy(reports);
        waivers = copy(waivers);
        history = copy(history);
    }

    private static <T> List<T> copy(@Nullable List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** {@return an empty fact set} */
    public static FactSet empty() {
        return builder().build();
    }

    /** {@return a builder, starting empty} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this fact set} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * {@return the account-bound facts, list by list, keyed by their JSON name ({@code "emails"} …), in
     * document order} Accounts are not included.
     */
    public Map<String, List<? extends AccountFact>> accountFactLists() {
        return orderedMap(
                "emails",
                emails,
                "mailingLists",
                mailingLists,
                "optOutRequests",
                optOutRequests,
                "blacklistListings",
                blacklistListings,
                "files",
                files,
                "processes",
                processes,
                "websites",
                websites,
                "audioStreams",
                audioStreams,
                "networkActivity",
                networkActivity,
                "accessAttempts",
                accessAttempts,
                "resourceUsage",
                resourceUsage,
                "exports",
                exports,
                "logins",
                logins,
                "permits",
                permits,
                "reports",
                reports);
    }

    private static Map<String, List<? extends AccountFact>> orderedMap(Object... pairs) {
        var map = new java.util.LinkedHashMap<String, List<? extends AccountFact>>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<? extends AccountFact> list = (List<? extends AccountFact>) pairs[i + 1];
            map.put((String) pairs[i], list);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** {@return every account-bound fact, in document order} */
    public Stream<AccountFact> accountFacts() {
        return accountFactLists().values().stream().flatMap(List::stream);
    }

    /** Accumulates a {@link FactSet}. Lists given to it are copied. */
    public static final class Builder {
        private @Nullable Instant evaluatedAt;
        private List<Account> accounts = new ArrayList<>();
        private List<EmailMessage> emails = new ArrayList<>();
        private List<MailingList> mailingLists = new ArrayList<>();
        private List<OptOutRequest> optOutRequests = new ArrayList<>();
        private List<BlacklistListing> blacklistListings = new ArrayList<>();
        private List<HostedFile> files = new ArrayList<>();
        private List<HostedProcess> processes = new ArrayList<>();
        private List<Website> websites = new ArrayList<>();
        private List<AudioStream> audioStreams = new ArrayList<>();
        private List<NetworkActivity> networkActivity = new ArrayList<>();
        private List<AccessAttempt> accessAttempts = new ArrayList<>();
        private List<ResourceUsage> resourceUsage = new ArrayList<>();
        private List<Export> exports = new ArrayList<>();
        private List<Login> logins = new ArrayList<>();
        private List<Permit> permits = new ArrayList<>();
        private List<AbuseReport> reports = new ArrayList<>();
        private List<Waiver> waivers = new ArrayList<>();
        private List<PriorFinding> history = new ArrayList<>();

        private Builder() {}

        private Builder(FactSet f) {
            evaluatedAt = f.evaluatedAt;
            accounts = new ArrayList<>(f.accounts);
            emails = new ArrayList<>(f.emails);
            mailingLists = new ArrayList<>(f.mailingLists);
            optOutRequests = new ArrayList<>(f.optOutRequests);
            blacklistListings = new ArrayList<>(f.blacklistListings);
            files = new ArrayList<>(f.files);
            processes = new ArrayList<>(f.processes);
            websites = new ArrayList<>(f.websites);
            audioStreams = new ArrayList<>(f.audioStreams);
            networkActivity = new ArrayList<>(f.networkActivity);
            accessAttempts = new ArrayList<>(f.accessAttempts);
            resourceUsage = new ArrayList<>(f.resourceUsage);
            exports = new ArrayList<>(f.exports);
            logins = new ArrayList<>(f.logins);
            permits = new ArrayList<>(f.permits);
            reports = new ArrayList<>(f.reports);
            waivers = new ArrayList<>(f.waivers);
            history = new ArrayList<>(f.history);
        }

        /**
         * Sets the moment of evaluation; {@code null} means "now", by the evaluator's clock.
         *
         * @param evaluatedAt the moment of evaluation; {@code null} means "now", by the evaluator's clock
         * @return this builder
         */
        public Builder evaluatedAt(@Nullable Instant evaluatedAt) {
            this.evaluatedAt = evaluatedAt;
            return this;
        }

        /**
         * Sets the accounts, replacing any set before.
         *
         * @param accounts the accounts; every other fact must belong to one of them
         * @return this builder
         */
        public Builder accounts(Account... accounts) {
            this.accounts = new ArrayList<>(Arrays.asList(accounts));
            return this;
        }

        /**
         * Sets the accounts from a list, which is copied, replacing any set before.
         *
         * @param accounts the accounts; every other fact must belong to one of them
         * @return this builder
         */
        public Builder accounts(List<Account> accounts) {
            this.accounts = new ArrayList<>(accounts);
            return this;
        }

        /**
         * Sets the messages sent, replacing any set before.
         *
         * @param emails messages sent
         * @return this builder
         */
        public Builder emails(EmailMessage... emails) {
            this.emails = new ArrayList<>(Arrays.asList(emails));
            return this;
        }

        /**
         * Sets the messages sent from a list, which is copied, replacing any set before.
         *
         * @param emails messages sent
         * @return this builder
         */
        public Builder emails(List<EmailMessage> emails) {
            this.emails = new ArrayList<>(emails);
            return this;
        }

        /**
         * Sets the mailing lists kept, replacing any set before.
         *
         * @param mailingLists mailing lists kept
         * @return this builder
         */
        public Builder mailingLists(MailingList... mailingLists) {
            this.mailingLists = new ArrayList<>(Arrays.asList(mailingLists));
            return this;
        }

        /**
         * Sets the mailing lists kept from a list, which is copied, replacing any set before.
         *
         * @param mailingLists mailing lists kept
         * @return this builder
         */
        public Builder mailingLists(List<MailingList> mailingLists) {
            this.mailingLists = new ArrayList<>(mailingLists);
            return this;
        }

        /**
         * Sets the recipients' requests to stop mail, replacing any set before.
         *
         * @param optOutRequests recipients' requests to stop mail
         * @return this builder
         */
        public Builder optOutRequests(OptOutRequest... optOutRequests) {
            this.optOutRequests = new ArrayList<>(Arrays.asList(optOutRequests));
            return this;
        }

        /**
         * Sets the recipients' requests to stop mail from a list, which is copied, replacing any set before.
         *
         * @param optOutRequests recipients' requests to stop mail
         * @return this builder
         */
        public Builder optOutRequests(List<OptOutRequest> optOutRequests) {
            this.optOutRequests = new ArrayList<>(optOutRequests);
            return this;
        }

        /**
         * Sets the DNSBL listings of the accounts' addresses, replacing any set before.
         *
         * @param blacklistListings DNSBL listings of the accounts' addresses
         * @return this builder
         */
        public Builder blacklistListings(BlacklistListing... blacklistListings) {
            this.blacklistListings = new ArrayList<>(Arrays.asList(blacklistListings));
            return this;
        }

        /**
         * Sets the DNSBL listings of the accounts' addresses from a list, which is copied, replacing any set before.
         *
         * @param blacklistListings DNSBL listings of the accounts' addresses
         * @return this builder
         */
        public Builder blacklistListings(List<BlacklistListing> blacklistListings) {
            this.blacklistListings = new ArrayList<>(blacklistListings);
            return this;
        }

        /**
         * Sets the hosted files, replacing any set before.
         *
         * @param files hosted files
         * @return this builder
         */
        public Builder files(HostedFile... files) {
            this.files = new ArrayList<>(Arrays.asList(files));
            return this;
        }

        /**
         * Sets the hosted files from a list, which is copied, replacing any set before.
         *
         * @param files hosted files
         * @return this builder
         */
        public Builder files(List<HostedFile> files) {
            this.files = new ArrayList<>(files);
            return this;
        }

        /**
         * Sets the running processes, replacing any set before.
         *
         * @param processes running processes
         * @return this builder
         */
        public Builder processes(HostedProcess... processes) {
            this.processes = new ArrayList<>(Arrays.asList(processes));
            return this;
        }

        /**
         * Sets the running processes from a list, which is copied, replacing any set before.
         *
         * @param processes running processes
         * @return this builder
         */
        public Builder processes(List<HostedProcess> processes) {
            this.processes = new ArrayList<>(processes);
            return this;
        }

        /**
         * Sets the hosted sites, replacing any set before.
         *
         * @param websites hosted sites
         * @return this builder
         */
        public Builder websites(Website... websites) {
            this.websites = new ArrayList<>(Arrays.asList(websites));
            return this;
        }

        /**
         * Sets the hosted sites from a list, which is copied, replacing any set before.
         *
         * @param websites hosted sites
         * @return this builder
         */
        public Builder websites(List<Website> websites) {
            this.websites = new ArrayList<>(websites);
            return this;
        }

        /**
         * Sets the audio streams served, replacing any set before.
         *
         * @param audioStreams audio streams served
         * @return this builder
         */
        public Builder audioStreams(AudioStream... audioStreams) {
            this.audioStreams = new ArrayList<>(Arrays.asList(audioStreams));
            return this;
        }

        /**
         * Sets the audio streams served from a list, which is copied, replacing any set before.
         *
         * @param audioStreams audio streams served
         * @return this builder
         */
        public Builder audioStreams(List<AudioStream> audioStreams) {
            this.audioStreams = new ArrayList<>(audioStreams);
            return this;
        }

        /**
         * Sets the outbound traffic per window, replacing any set before.
         *
         * @param networkActivity outbound traffic per window
         * @return this builder
         */
        public Builder networkActivity(NetworkActivity... networkActivity) {
            this.networkActivity = new ArrayList<>(Arrays.asList(networkActivity));
            return this;
        }

        /**
         * Sets the outbound traffic per window from a list, which is copied, replacing any set before.
         *
         * @param networkActivity outbound traffic per window
         * @return this builder
         */
        public Builder networkActivity(List<NetworkActivity> networkActivity) {
            this.networkActivity = new ArrayList<>(networkActivity);
            return this;
        }

        /**
         * Sets the unauthorised access attempts, replacing any set before.
         *
         * @param accessAttempts unauthorised access attempts
         * @return this builder
         */
        public Builder accessAttempts(AccessAttempt... accessAttempts) {
            this.accessAttempts = new ArrayList<>(Arrays.asList(accessAttempts));
            return this;
        }

        /**
         * Sets the unauthorised access attempts from a list, which is copied, replacing any set before.
         *
         * @param accessAttempts unauthorised access attempts
         * @return this builder
         */
        public Builder accessAttempts(List<AccessAttempt> accessAttempts) {
            this.accessAttempts = new ArrayList<>(accessAttempts);
            return this;
        }

        /**
         * Sets the resource use per window, replacing any set before.
         *
         * @param resourceUsage resource use per window
         * @return this builder
         */
        public Builder resourceUsage(ResourceUsage... resourceUsage) {
            this.resourceUsage = new ArrayList<>(Arrays.asList(resourceUsage));
            return this;
        }

        /**
         * Sets the resource use per window from a list, which is copied, replacing any set before.
         *
         * @param resourceUsage resource use per window
         * @return this builder
         */
        public Builder resourceUsage(List<ResourceUsage> resourceUsage) {
            this.resourceUsage = new ArrayList<>(resourceUsage);
            return this;
        }

        /**
         * Sets the transfers abroad, replacing any set before.
         *
         * @param exports transfers abroad
         * @return this builder
         */
        public Builder exports(Export... exports) {
            this.exports = new ArrayList<>(Arrays.asList(exports));
            return this;
        }

        /**
         * Sets the transfers abroad from a list, which is copied, replacing any set before.
         *
         * @param exports transfers abroad
         * @return this builder
         */
        public Builder exports(List<Export> exports) {
            this.exports = new ArrayList<>(exports);
            return this;
        }

        /**
         * Sets the logins, replacing any set before.
         *
         * @param logins logins
         * @return this builder
         */
        public Builder logins(Login... logins) {
            this.logins = new ArrayList<>(Arrays.asList(logins));
            return this;
        }

        /**
         * Sets the logins from a list, which is copied, replacing any set before.
         *
         * @param logins logins
         * @return this builder
         */
        public Builder logins(List<Login> logins) {
            this.logins = new ArrayList<>(logins);
            return this;
        }

        /**
         * Sets the licences and permits on file, replacing any set before.
         *
         * @param permits licences and permits on file
         * @return this builder
         */
        public Builder permits(Permit... permits) {
            this.permits = new ArrayList<>(Arrays.asList(permits));
            return this;
        }

        /**
         * Sets the licences and permits on file from a list, which is copied, replacing any set before.
         *
         * @param permits licences and permits on file
         * @return this builder
         */
        public Builder permits(List<Permit> permits) {
            this.permits = new ArrayList<>(permits);
            return this;
        }

        /**
         * Sets the abuse reports, replacing any set before.
         *
         * @param reports abuse reports
         * @return this builder
         */
        public Builder reports(AbuseReport... reports) {
            this.reports = new ArrayList<>(Arrays.asList(reports));
            return this;
        }

        /**
         * Sets the abuse reports from a list, which is copied, replacing any set before.
         *
         * @param reports abuse reports
         * @return this builder
         */
        public Builder reports(List<AbuseReport> reports) {
            this.reports = new ArrayList<>(reports);
            return this;
        }

        /**
         * Sets the waivers, replacing any set before.
         *
         * @param waivers exceptions the abuse desk granted
         * @return this builder
         */
        public Builder waivers(Waiver... waivers) {
            this.waivers = new ArrayList<>(Arrays.asList(waivers));
            return this;
        }

        /**
         * Sets the prior findings, replacing any set before.
         *
         * @param history findings of earlier evaluations
         * @return this builder
         */
        public Builder history(PriorFinding... history) {
            this.history = new ArrayList<>(Arrays.asList(history));
            return this;
        }

        /**
         * Sets the waivers from a list, which is copied, replacing any set before.
         *
         * @param waivers exceptions the abuse desk granted
         * @return this builder
         */
        public Builder waivers(List<Waiver> waivers) {
            this.waivers = new ArrayList<>(waivers);
            return this;
        }

        /**
         * Sets the prior findings from a list, which is copied, replacing any set before.
         *
         * @param history findings of earlier evaluations
         * @return this builder
         */
        public Builder history(List<PriorFinding> history) {
            this.history = new ArrayList<>(history);
            return this;
        }

        /**
         * Adds one fact of any kind to its list.
         *
         * @param fact an account or any account-bound fact
         * @return this builder
         * @throws IllegalArgumentException when the fact is of a kind the fact set has no list for
         */
        public Builder add(Fact fact) {
            if (fact instanceof Account a) {
                accounts.add(a);
            } else {
                addAccountFact(fact);
            }
            return this;
        }

        private void addAccountFact(Fact fact) {
            if (fact instanceof EmailMessage x) emails.add(x);
            else if (fact instanceof MailingList x) mailingLists.add(x);
            else if (fact instanceof OptOutRequest x) optOutRequests.add(x);
            else if (fact instanceof BlacklistListing x) blacklistListings.add(x);
            else if (fact instanceof HostedFile x) files.add(x);
            else if (fact instanceof HostedProcess x) processes.add(x);
            else if (fact instanceof Website x) websites.add(x);
            else if (fact instanceof AudioStream x) audioStreams.add(x);
            else if (fact instanceof NetworkActivity x) networkActivity.add(x);
            else if (fact instanceof AccessAttempt x) accessAttempts.add(x);
            else if (fact instanceof ResourceUsage x) resourceUsage.add(x);
            else if (fact instanceof Export x) exports.add(x);
            else if (fact instanceof Login x) logins.add(x);
            else if (fact instanceof Permit x) permits.add(x);
            else if (fact instanceof AbuseReport x) reports.add(x);
            else
                throw new IllegalArgumentException(
                        "unknown fact type `" + fact.getClass().getName() + "`");
        }

        /**
         * Builds the fact set; every list is copied, so the builder can go on without changing it.
         *
         * @return a new fact set with the fields set so far
         */
        public FactSet build() {
            return new FactSet(
                    evaluatedAt,
                    accounts,
                    emails,
                    mailingLists,
                    optOutRequests,
                    blacklistListings,
                    files,
                    processes,
                    websites,
                    audioStreams,
                    networkActivity,
                    accessAttempts,
                    resourceUsage,
                    exports,
                    logins,
                    permits,
                    reports,
                    waivers,
                    history);
        }
    }
}
