package org.auprules.examples.bench.baseline;

import static org.auprules.api.Certainty.CONFIRMED;
import static org.auprules.api.Certainty.SUSPECTED;
import static org.auprules.api.Severity.CRITICAL;
import static org.auprules.api.Severity.HIGH;
import static org.auprules.api.Severity.MEDIUM;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccessAttempt;
import org.auprules.api.facts.AccessKind;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.AudioStream;
import org.auprules.api.facts.BlacklistListing;
import org.auprules.api.facts.ContentCategory;
import org.auprules.api.facts.EmailMessage;
import org.auprules.api.facts.Export;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.IpScope;
import org.auprules.api.facts.ListSource;
import org.auprules.api.facts.Login;
import org.auprules.api.facts.MailingList;
import org.auprules.api.facts.NetworkActivity;
import org.auprules.api.facts.OptOutRequest;
import org.auprules.api.facts.Permit;
import org.auprules.api.facts.PermitType;
import org.auprules.api.facts.ReportType;
import org.auprules.api.facts.ResourceUsage;
import org.auprules.api.facts.Website;
import org.auprules.examples.bench.baseline.BaselinePolicy.Limits;

/**
 * Benchmark baseline: the rules of {@link RuleSubset} as hand-written plain Java, the way a
 * hosting company might write them without a rule engine: one pass over each account's facts by
 * kind, an {@code if} per rule, the thresholds of the account's plan from {@code policy.json}.
 *
 * <p>It gives the same violations as the library on the same facts (account, clause, rule id,
 * severity, certainty and evidence; {@code ThreeWayEquivalenceTest} checks it), with messages of
 * its own. It exists for {@code aup-rules bench} and {@code ThreeWayBenchmark} only.
 */
public final class JavaBaseline {

    private final BaselinePolicy policy;

    /**
     * A baseline reading these thresholds.
     *
     * @param policy the pack's thresholds, plans and embargo list
     */
    public JavaBaseline(BaselinePolicy policy) {
        this.policy = policy;
    }

    /**
     * Judges every account of the input.
     *
     * @param facts the input, as the library's {@code evaluate} takes it
     * @return the violations of every account
     */
    public List<Found> evaluate(FactSet facts) {
        Instant now = BaselinePolicy.now(facts);
        List<Found> out = new ArrayList<>();
        for (Map.Entry<Account, List<AccountFact>> e :
                BaselinePolicy.group(facts).entrySet()) {
            evaluate(new AccountFacts(e.getKey(), e.getValue()), now, out);
        }
        return out;
    }

    private void evaluate(AccountFacts f, Instant now, List<Found> out) {
        Account account = f.account;
        String id = account.id();
        Limits t = policy.limitsFor(account);
        spam(f, t, now, out);
        // ---------------------------------------------------------------- 3.1, 3.2: resource use
        for (ResourceUsage u : f.usage) {
            if (u.cpuPercent() >= t.cpuPercent() && u.windowSeconds() >= t.cpuSustainedSeconds()) {
                out.add(Found.of(
                        id,
                        "3.1",
                        "3.1 sustained CPU above the plan's limit",
                        MEDIUM,
                        CONFIRMED,
                        u.cpuPercent() + "% CPU for " + u.windowSeconds() + " s",
                        List.of(u)));
            }
            if (u.memoryMb() >= t.memoryMb()) {
                out.add(Found.of(
                        id,
                        "3.1",
                        "3.1 memory at the plan's limit",
                        MEDIUM,
                        CONFIRMED,
                        u.memoryMb() + " MB of memory in use, limit " + t.memoryMb(),
                        List.of(u)));
            }
            if (u.processCount() >= t.processCount() && u.processCount() < t.forkBombProcessCount()) {
                out.add(Found.of(
                        id,
                        "3.1",
                        "3.1 process count at the plan's limit",
                        MEDIUM,
                        CONFIRMED,
                        u.processCount() + " processes, limit " + t.processCount(),
                        List.of(u)));
            }
            if (u.inodes() >= t.inodes()) {
                out.add(Found.of(
                        id,
                        "3.1",
                        "3.1 inodes at the plan's limit",
                        MEDIUM,
                        CONFIRMED,
                        u.inodes() + " inodes, limit " + t.inodes(),
                        List.of(u)));
            }
            if (u.processCount() >= t.forkBombProcessCount()) {
                out.add(Found.of(
                        id,
                        "3.2",
                        "3.2 fork bomb: runaway process count",
                        CRITICAL,
                        CONFIRMED,
                        u.processCount() + " processes, fork-bomb count " + t.forkBombProcessCount(),
                        List.of(u)));
            }
        }
        // ---------------------------------------------------------------- 3.2, 2.4, 2.14: network
        for (NetworkActivity n : f.network) {
            if (n.targetsCompanyInfrastructure()) {
                out.add(Found.of(
                        id,
                        "3.2",
                        "3.2 traffic aimed at the company's infrastructure",
                        CRITICAL,
                        CONFIRMED,
                        "traffic aimed at the company's own servers",
                        List.of(n)));
            }
            if (n.peakPacketsPerSecond() >= t.attackPacketsPerSecond()) {
                out.add(Found.of(
                        id,
                        "2.4",
                        "2.4 outbound packet flood",
                        HIGH,
                        CONFIRMED,
                        n.peakPacketsPerSecond() + " packets per second",
                        List.of(n)));
            }
            if (BaselinePolicy.reaches(
                    n.distinctDestinations(), n.windowSeconds(), t.scanDistinctDestinations(), t.scanWindowSeconds())) {
                out.add(Found.of(
                        id,
                        "2.14",
                        "2.14 IP scan across many hosts",
                        HIGH,
                        CONFIRMED,
                        n.distinctDestinations() + " destinations in " + n.windowSeconds() + " s",
                        List.of(n)));
            }
            if (BaselinePolicy.reaches(
                    n.distinctDestinationPorts(), n.windowSeconds(), t.scanDistinctPorts(), t.scanWindowSeconds())) {
                out.add(Found.of(
                        id,
                        "2.14",
                        "2.14 port scan across many ports",
                        HIGH,
                        CONFIRMED,
                        n.distinctDestinationPorts() + " ports in " + n.windowSeconds() + " s",
                        List.of(n)));
            }
        }
        // ---------------------------------------------------------------- 3.3: access attempts
        for (AccessAttempt a : f.attempts) {
            if (a.kind() == AccessKind.BRUTE_FORCE
                    && BaselinePolicy.reaches(
                            a.attempts(), a.windowSeconds(), t.bruteForceAttempts(), t.bruteForceWindowSeconds())) {
                out.add(Found.of(
                        id,
                        "3.3",
                        a.succeeded() ? "3.3 brute-force login that succeeded" : "3.3 brute-force login attempts",
                        a.succeeded() ? CRITICAL : HIGH,
                        CONFIRMED,
                        a.attempts() + " login attempts on " + a.target(),
                        List.of(a)));
            } else if (a.kind() == AccessKind.CROSS_ACCOUNT
                    || a.kind() == AccessKind.PRIVILEGE_ESCALATION
                    || a.kind() == AccessKind.EXPLOIT) {
                out.add(Found.of(
                        id,
                        "3.3",
                        a.succeeded()
                                ? "3.3 cross-account, privilege-escalation or exploit access gained"
                                : "3.3 cross-account, privilege-escalation or exploit attempt",
                        a.succeeded() ? CRITICAL : HIGH,
                        CONFIRMED,
                        a.attempts() + " " + a.kind() + " attempt(s) on " + a.target(),
                        List.of(a)));
            }
        }
        // ---------------------------------------------------------------- 3.4, 1.A.5: websites
        for (Website w : f.websites) {
            if (w.categories().contains(ContentCategory.PHISHING)) {
                out.add(Found.of(
                        id,
                        "3.4",
                        "3.4 phishing site imitating another organisation",
                        HIGH,
                        SUSPECTED,
                        w.domain() + " is classified as phishing",
                        List.of(w)));
            }
            if (w.categories().contains(ContentCategory.EMAIL_LIST_SALE)) {
                out.add(Found.of(
                        id,
                        "1.A.5",
                        "1.A.5 site that sells email lists",
                        HIGH,
                        CONFIRMED,
                        w.domain() + " sells email lists",
                        List.of(w)));
            }
        }
        // ---------------------------------------------------------------- 3.4: forged senders
        Map<String, List<EmailMessage>> forged = new LinkedHashMap<>();
        for (EmailMessage m : f.emails) {
            String from = m.fromDomain();
            if (Boolean.FALSE.equals(m.fromDomainAligned())
                    && from != null
                    && !BaselinePolicy.ownedBy(from, account.domains())) {
                String domain = BaselinePolicy.canonical(from);
                if (domain != null) {
                    forged.computeIfAbsent(domain, d -> new ArrayList<>()).add(m);
                }
            }
        }
        forged.forEach((domain, mails) -> out.add(
                account.domains().isEmpty()
                        ? Found.of(
                                id,
                                "3.4",
                                "3.4 misaligned mail from an account with no domains on record",
                                MEDIUM,
                                SUSPECTED,
                                mails.size() + " message(s) claim to come from " + domain,
                                mails)
                        : Found.of(
                                id,
                                "3.4",
                                "3.4 mail forging another organisation's domain",
                                HIGH,
                                CONFIRMED,
                                mails.size() + " message(s) claim to come from " + domain,
                                mails)));
        // ---------------------------------------------------------------- 2.15, 2.20: scripts
        List<AudioStream> commercial = new ArrayList<>();
        for (AudioStream s : f.streams) {
            if (s.commercial()) {
                commercial.add(s);
            }
        }
        if (commercial.size() > 1) {
            out.add(Found.of(
                    id,
                    "2.15",
                    "2.15 more than one commercial audio stream",
                    MEDIUM,
                    CONFIRMED,
                    commercial.size() + " commercial audio streams",
                    commercial));
        }
        for (HostedProcess p : f.processes) {
            if (p.cpuPercent() >= t.cpuPercent() && p.runtimeSeconds() >= t.cpuSustainedSeconds()) {
                out.add(Found.of(
                        id,
                        "2.20",
                        "2.20 script with sustained high CPU",
                        MEDIUM,
                        CONFIRMED,
                        p.name() + " has used " + p.cpuPercent() + "% CPU over " + p.runtimeSeconds() + " s",
                        List.of(p)));
            }
            if (p.memoryMb() >= t.memoryMb()) {
                out.add(Found.of(
                        id,
                        "2.20",
                        "2.20 script using the plan's whole memory",
                        MEDIUM,
                        CONFIRMED,
                        p.name() + " uses " + p.memoryMb() + " MB",
                        List.of(p)));
            }
        }
        // ---------------------------------------------------------------- 1.C: exports
        for (Export x : f.exports) {
            if (policy.embargoed(x.destinationCountry())) {
                out.add(Found.of(
                        id,
                        "1.C.1",
                        "1.C.1 export to an embargoed destination",
                        CRITICAL,
                        CONFIRMED,
                        x.item() + " was exported to " + x.destinationCountry() + ", under embargo",
                        List.of(x)));
            } else if (x.controlled() && !licensed(f, x, now)) {
                out.add(Found.of(
                        id,
                        "1.C.1",
                        "1.C.1 controlled item exported without a licence",
                        HIGH,
                        CONFIRMED,
                        x.item() + " (ECCN " + x.eccn() + ") was exported without a licence",
                        List.of(x)));
            }
        }
        List<Login> embargoedLogins = new ArrayList<>();
        for (Login l : f.logins) {
            if (policy.embargoed(l.country())) {
                embargoedLogins.add(l);
            }
        }
        if (!embargoedLogins.isEmpty()) {
            out.add(Found.of(
                    id,
                    "1.C.2",
                    "1.C.2 use of the account from an embargoed place",
                    MEDIUM,
                    SUSPECTED,
                    embargoedLogins.size() + " login(s) from embargoed places",
                    embargoedLogins));
        }
    }

    private static boolean licensed(AccountFacts f, Export x, Instant now) {
        for (Permit p : f.permits) {
            if (p.type() == PermitType.EXPORT_LICENSE
                    && java.util.Objects.equals(p.covers(), x.eccn())
                    && (p.validUntil() == null || p.validUntil().isAfter(now))) {
                return true;
            }
        }
        return false;
    }

    /** 1.A: the CAN-SPAM rules. */
    private static void spam(AccountFacts f, Limits t, Instant now, List<Found> out) {
        String id = f.account.id();
        // which messages are bulk, and which conditions of 1.A.2 each breaks
        Set<EmailMessage> busy = BaselinePolicy.inBusyWindows(f.emails, 3600, t.bulkMessagesPerHour());
        Set<EmailMessage> noList = new LinkedHashSet<>();
        Set<EmailMessage> noRemovalLink = new LinkedHashSet<>();
        Map<MailingList, Set<EmailMessage>> notDoubleOptIn = new LinkedHashMap<>();
        Map<MailingList, Set<EmailMessage>> incomplete = new LinkedHashMap<>();
        Set<EmailMessage> failing = new LinkedHashSet<>();
        for (EmailMessage m : f.emails) {
            boolean commercial = Boolean.TRUE.equals(m.commercial());
            if (commercial && Boolean.FALSE.equals(m.hasRemovalLink()) && !m.hasOptOut()) {
                out.add(Found.of(
                        id,
                        "1.A.1",
                        "1.A.1 commercial email without an opt-out mechanism",
                        MEDIUM,
                        CONFIRMED,
                        "commercial message " + m.id() + " has no removal link and no List-Unsubscribe header",
                        List.of(m)));
            }
            if (commercial && Boolean.FALSE.equals(m.hasPhysicalAddress())) {
                out.add(Found.of(
                        id,
                        "1.A.1",
                        "1.A.1 commercial email without a physical postal address",
                        MEDIUM,
                        CONFIRMED,
                        "commercial message " + m.id() + " carries no physical postal address",
                        List.of(m)));
            }
            if ("fail".equals(m.spf()) && "fail".equals(m.dkim())) {
                out.add(Found.of(
                        id,
                        "1.A.1",
                        "1.A.1 false header information: sender authentication fails",
                        HIGH,
                        CONFIRMED,
                        "message " + m.id() + " fails both SPF and DKIM",
                        List.of(m)));
            }
            if (Boolean.FALSE.equals(m.fromDomainAligned())) {
                out.add(Found.of(
                        id,
                        "1.A.1",
                        "1.A.1 false header information: From domain is not the sender's",
                        HIGH,
                        CONFIRMED,
                        "message " + m.id() + " claims to be from " + m.fromDomain(),
                        List.of(m)));
            }
            if (Boolean.TRUE.equals(m.deceptiveSubject())) {
                out.add(Found.of(
                        id,
                        "1.A.1",
                        "1.A.1 deceptive subject line",
                        MEDIUM,
                        CONFIRMED,
                        "message " + m.id() + " has a deceptive subject: " + m.subject(),
                        List.of(m)));
            }
            if (m.recipientCount() < t.bulkRecipientsPerMessage() && !busy.contains(m)) {
                continue;
            }
            MailingList list = f.list(m.listId());
            if (list == null) {
                noList.add(m);
                failing.add(m);
            } else {
                if (list.source() != ListSource.DOUBLE_OPT_IN) {
                    notDoubleOptIn
                            .computeIfAbsent(list, l -> new LinkedHashSet<>())
                            .add(m);
                    failing.add(m);
                }
                if (list.hasIncompleteConsentRecords()) {
                    incomplete.computeIfAbsent(list, l -> new LinkedHashSet<>()).add(m);
                    failing.add(m);
                }
            }
            if (Boolean.FALSE.equals(m.hasRemovalLink())) {
                noRemovalLink.add(m);
                failing.add(m);
            }
        }
        if (!noList.isEmpty()) {
            out.add(Found.of(
                    id,
                    "1.A.2",
                    "1.A.2 bulk email sent to no mailing list",
                    HIGH,
                    CONFIRMED,
                    noList.size() + " bulk message(s) sent to no double-authorized mailing list",
                    noList));
        }
        notDoubleOptIn.forEach((list, sent) -> out.add(Found.of(
                id,
                "1.A.2",
                "1.A.2 bulk email to a list that is not double opt-in",
                HIGH,
                CONFIRMED,
                sent.size() + " bulk message(s) sent to list " + list.id() + ", which is " + list.source(),
                with(list, sent))));
        incomplete.forEach((list, sent) -> out.add(Found.of(
                id,
                "1.A.2",
                "1.A.2 bulk email to a list with incomplete consent records",
                MEDIUM,
                CONFIRMED,
                sent.size() + " bulk message(s) sent to list " + list.id() + ", with incomplete consent records",
                with(list, sent))));
        if (!noRemovalLink.isEmpty()) {
            out.add(Found.of(
                    id,
                    "1.A.2",
                    "1.A.2 bulk email without a removal link",
                    HIGH,
                    CONFIRMED,
                    noRemovalLink.size() + " bulk message(s) sent without a removal link",
                    noRemovalLink));
        }
        if (!failing.isEmpty()) {
            out.add(Found.of(
                    id,
                    "1.A.5",
                    "1.A.5 emailing in bulk against 1.A.2",
                    HIGH,
                    CONFIRMED,
                    failing.size() + " bulk message(s) sent without meeting the conditions of 1.A.2",
                    failing));
        }
        for (MailingList l : f.lists) {
            if (l.source() == ListSource.HARVESTED) {
                List<AccountFact> cited = new ArrayList<>();
                for (EmailMessage m : f.emails) {
                    if (l.id().equals(m.listId())) {
                        cited.add(m);
                    }
                }
                if (!cited.isEmpty()) {
                    int sent = cited.size();
                    cited.add(l);
                    out.add(Found.of(
                            id,
                            "1.A.1",
                            "1.A.1 mail to harvested addresses",
                            HIGH,
                            CONFIRMED,
                            sent + " message(s) sent to list " + l.id() + " of harvested addresses",
                            cited));
                }
            }
            if (l.source() == ListSource.PURCHASED || l.source() == ListSource.RENTED) {
                out.add(Found.of(
                        id,
                        "1.A.5",
                        "1.A.5 purchased or rented mailing list",
                        HIGH,
                        CONFIRMED,
                        "mailing list " + l.id() + " was " + l.source(),
                        List.of(l)));
            }
        }
        for (OptOutRequest o : f.optOuts) {
            if (BaselinePolicy.afterOptOutDeadline(o.requestedAt(), o.lastMailedAt(), t.optOutBusinessDays())) {
                out.add(Found.of(
                        id,
                        "1.A.1",
                        "1.A.1 opt-out not honoured in time",
                        HIGH,
                        CONFIRMED,
                        o.recipient() + " opted out at " + o.requestedAt() + " but was mailed at " + o.lastMailedAt(),
                        List.of(o)));
            }
        }
        for (BlacklistListing b : f.listings) {
            IpScope scope = b.ipScope();
            String rule = scope == IpScope.COMPANY
                    ? "1.A.3 blacklisted company IP address"
                    : scope == IpScope.SHARED
                            ? "1.A.3 blacklisted IP address shared with other customers"
                            : "1.A.3 blacklisted dedicated IP address";
            out.add(Found.of(
                    id,
                    "1.A.3",
                    rule,
                    scope == IpScope.COMPANY ? CRITICAL : scope == IpScope.SHARED ? HIGH : MEDIUM,
                    CONFIRMED,
                    "the address " + b.ip() + " is listed on " + b.list(),
                    List.of(b)));
        }
        List<AbuseReport> complaints = new ArrayList<>();
        for (AbuseReport r : f.reports) {
            if (r.type() == ReportType.SPAM
                    && r.verified()
                    && BaselinePolicy.withinDaysBefore(r.receivedAt(), now, t.spamComplaintWindowDays())) {
                complaints.add(r);
            }
        }
        if (complaints.size() >= t.spamComplaints()) {
            out.add(Found.of(
                    id,
                    "1.A.5",
                    "1.A.5 unsolicited email: verified complaints",
                    HIGH,
                    CONFIRMED,
                    complaints.size() + " verified spam complaints in the " + t.spamComplaintWindowDays() + " days",
                    complaints));
        }
    }

    private static List<AccountFact> with(MailingList list, Set<EmailMessage> sent) {
        List<AccountFact> all = new ArrayList<>(sent.size() + 1);
        all.add(list);
        all.addAll(sent);
        return all;
    }
}
