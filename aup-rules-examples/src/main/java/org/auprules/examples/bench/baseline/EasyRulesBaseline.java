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
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.auprules.api.Certainty;
import org.auprules.api.Severity;
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
import org.auprules.api.facts.IpScope;
import org.auprules.api.facts.ListSource;
import org.auprules.api.facts.Login;
import org.auprules.api.facts.MailingList;
import org.auprules.api.facts.Permit;
import org.auprules.api.facts.PermitType;
import org.auprules.api.facts.ReportType;
import org.auprules.examples.bench.baseline.BaselinePolicy.Limits;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.core.RuleBuilder;

/**
 * Benchmark baseline: the rules of {@link RuleSubset} as Easy Rules 4.1 rules
 * ({@link RuleBuilder} with lambdas, the fastest of Easy Rules' styles: no reflection as with
 * {@code @Rule} classes, no expression language as with MVEL or SpEL rules), fired by a
 * {@link DefaultRulesEngine} once per account on that account's {@link Facts}.
 *
 * <p>As in the DRL, the derivations come first (priority 1 and 2: which messages are bulk, which
 * conditions of 1.A.2 each breaks, which mail forges another's domain) and put what they derive
 * into the facts; the decision rules (priority 10) read it. Each decision rule's name is the
 * library's rule id; its condition asks whether some fact matches, its action reports each one
 * that does. It gives the same violations as the library ({@code ThreeWayEquivalenceTest}), and
 * exists for {@code aup-rules bench} and {@code ThreeWayBenchmark} only.
 */
public final class EasyRulesBaseline {

    private static final String FACTS = "facts";
    private static final String LIMITS = "limits";
    private static final String NOW = "now";
    private static final String FOUND = "found";
    private static final String BULK = "bulkEmail";
    private static final String NO_LIST = "bulkToNoList";
    private static final String NOT_DOUBLE_OPT_IN = "bulkToListNotDoubleOptIn";
    private static final String INCOMPLETE = "bulkToListWithIncompleteConsent";
    private static final String NO_REMOVAL_LINK = "bulkWithoutRemovalLink";
    private static final String FORGED = "forgedSenders";

    private static final int DERIVE_BULK = 1;
    private static final int DERIVE = 2;
    private static final int DECIDE = 10;

    private final BaselinePolicy policy;
    private final Rules rules = new Rules();
    private final RulesEngine engine = new DefaultRulesEngine();

    /**
     * The rules, reading these thresholds.
     *
     * @param policy the pack's thresholds, plans and embargo list
     */
    public EasyRulesBaseline(BaselinePolicy policy) {
        this.policy = policy;
        derivations();
        spam();
        actions();
        scriptsAndExports();
    }

    /**
     * How many rules the engine holds.
     *
     * @return the decision rules and the derivations
     */
    public int ruleCount() {
        return rules.size();
    }

    /**
     * Judges every account of the input, firing the rules once per account.
     *
     * @param facts the input, as the library's {@code evaluate} takes it
     * @return the violations of every account
     */
    public List<Found> evaluate(FactSet facts) {
        Instant now = BaselinePolicy.now(facts);
        List<Found> out = new ArrayList<>();
        for (Map.Entry<Account, List<AccountFact>> e :
                BaselinePolicy.group(facts).entrySet()) {
            Facts f = new Facts();
            f.put(FACTS, new AccountFacts(e.getKey(), e.getValue()));
            f.put(LIMITS, policy.limitsFor(e.getKey()));
            f.put(NOW, now);
            f.put(FOUND, out);
            f.put(BULK, new LinkedHashSet<EmailMessage>());
            f.put(NO_LIST, new LinkedHashSet<EmailMessage>());
            f.put(NOT_DOUBLE_OPT_IN, new LinkedHashSet<EmailMessage>());
            f.put(INCOMPLETE, new LinkedHashSet<EmailMessage>());
            f.put(NO_REMOVAL_LINK, new LinkedHashSet<EmailMessage>());
            f.put(FORGED, new LinkedHashMap<String, List<EmailMessage>>());
            engine.fire(rules, f);
        }
        return out;
    }

    // ---------------------------------------------------------------- access to the facts

    private static AccountFacts facts(Facts f) {
        return Objects.requireNonNull(f.get(FACTS));
    }

    private static Limits limits(Facts f) {
        return Objects.requireNonNull(f.get(LIMITS));
    }

    private static Instant now(Facts f) {
        return Objects.requireNonNull(f.get(NOW));
    }

    private static Set<EmailMessage> emails(Facts f, String name) {
        return Objects.requireNonNull(f.get(name));
    }

    private static Map<String, List<EmailMessage>> forged(Facts f) {
        return Objects.requireNonNull(f.get(FORGED));
    }

    private static void report(
            Facts f,
            String clause,
            String rule,
            Severity severity,
            Certainty certainty,
            String message,
            List<? extends AccountFact> evidence) {
        List<Found> out = Objects.requireNonNull(f.get(FOUND));
        out.add(Found.of(facts(f).account.id(), clause, rule, severity, certainty, message, evidence));
    }

    /** What a rule's condition tests a fact with: the fact, and the account's facts and thresholds. */
    @FunctionalInterface
    private interface Test<T> {
        boolean test(T fact, Limits limits, Facts facts);
    }

    /**
     * A rule with one violation per matching fact: the condition asks whether one matches, the
     * action reports every one that does.
     */
    private <T extends AccountFact> void each(
            String rule,
            String clause,
            Severity severity,
            Certainty certainty,
            Function<AccountFacts, List<T>> kind,
            Test<T> when,
            Function<T, String> message) {
        rules.register(new RuleBuilder()
                .name(rule)
                .priority(DECIDE)
                .when(f -> {
                    Limits t = limits(f);
                    for (T x : kind.apply(facts(f))) {
                        if (when.test(x, t, f)) {
                            return true;
                        }
                    }
                    return false;
                })
                .then(f -> {
                    Limits t = limits(f);
                    for (T x : kind.apply(facts(f))) {
                        if (when.test(x, t, f)) {
                            report(f, clause, rule, severity, certainty, message.apply(x), List.of(x));
                        }
                    }
                })
                .build());
    }

    /** A rule with one violation citing every matching fact, when there is one at least. */
    private <T extends AccountFact> void all(
            String rule,
            String clause,
            Severity severity,
            Certainty certainty,
            Function<AccountFacts, List<T>> kind,
            BiPredicate<T, Facts> when,
            int atLeast) {
        rules.register(new RuleBuilder()
                .name(rule)
                .priority(DECIDE)
                .when(f -> matching(f, kind, when).size() >= atLeast)
                .then(f -> {
                    List<T> cited = matching(f, kind, when);
                    report(f, clause, rule, severity, certainty, cited.size() + " fact(s): " + rule, cited);
                })
                .build());
    }

    private static <T extends AccountFact> List<T> matching(
            Facts f, Function<AccountFacts, List<T>> kind, BiPredicate<T, Facts> when) {
        List<T> out = new ArrayList<>();
        for (T x : kind.apply(facts(f))) {
            if (when.test(x, f)) {
                out.add(x);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- derivations

    private void derivations() {
        rules.register(new RuleBuilder()
                .name("1.A derive bulk email by recipients per message")
                .priority(DERIVE_BULK)
                .when(f -> facts(f).emails.stream()
                        .anyMatch(m -> m.recipientCount() >= limits(f).bulkRecipientsPerMessage()))
                .then(f -> {
                    for (EmailMessage m : facts(f).emails) {
                        if (m.recipientCount() >= limits(f).bulkRecipientsPerMessage()) {
                            emails(f, BULK).add(m);
                        }
                    }
                })
                .build());
        rules.register(new RuleBuilder()
                .name("1.A derive bulk email by messages per hour")
                .priority(DERIVE_BULK)
                .when(f -> facts(f).emails.size() >= limits(f).bulkMessagesPerHour())
                .then(f -> emails(f, BULK)
                        .addAll(BaselinePolicy.inBusyWindows(
                                facts(f).emails, 3600, limits(f).bulkMessagesPerHour())))
                .build());
        failure(
                "1.A.2 derive bulk email sent to no mailing list",
                NO_LIST,
                (m, f) -> facts(f).list(m.listId()) == null);
        failure("1.A.2 derive bulk email to a list that is not double opt-in", NOT_DOUBLE_OPT_IN, (m, f) -> {
            MailingList l = facts(f).list(m.listId());
            return l != null && l.source() != ListSource.DOUBLE_OPT_IN;
        });
        failure("1.A.2 derive bulk email to a list with incomplete consent records", INCOMPLETE, (m, f) -> {
            MailingList l = facts(f).list(m.listId());
            return l != null && l.hasIncompleteConsentRecords();
        });
        failure(
                "1.A.2 derive bulk email without a removal link",
                NO_REMOVAL_LINK,
                (m, f) -> Boolean.FALSE.equals(m.hasRemovalLink()));
        rules.register(new RuleBuilder()
                .name("3.4 derive mail sent in another domain's name")
                .priority(DERIVE)
                .when(f -> facts(f).emails.stream().anyMatch(m -> forges(m, facts(f).account)))
                .then(f -> {
                    for (EmailMessage m : facts(f).emails) {
                        String domain = forges(m, facts(f).account) ? BaselinePolicy.canonical(m.fromDomain()) : null;
                        if (domain != null) {
                            forged(f)
                                    .computeIfAbsent(domain, d -> new ArrayList<>())
                                    .add(m);
                        }
                    }
                })
                .build());
    }

    private static boolean forges(EmailMessage m, Account account) {
        return Boolean.FALSE.equals(m.fromDomainAligned())
                && m.fromDomain() != null
                && !BaselinePolicy.ownedBy(m.fromDomain(), account.domains());
    }

    private void failure(String name, String into, BiPredicate<EmailMessage, Facts> fails) {
        rules.register(new RuleBuilder()
                .name(name)
                .priority(DERIVE)
                .when(f -> emails(f, BULK).stream().anyMatch(m -> fails.test(m, f)))
                .then(f -> {
                    for (EmailMessage m : emails(f, BULK)) {
                        if (fails.test(m, f)) {
                            emails(f, into).add(m);
                        }
                    }
                })
                .build());
    }

    // ---------------------------------------------------------------- 1.A

    private void spam() {
        each(
                "1.A.1 commercial email without an opt-out mechanism",
                "1.A.1",
                MEDIUM,
                CONFIRMED,
                a -> a.emails,
                (m, t, f) -> Boolean.TRUE.equals(m.commercial())
                        && Boolean.FALSE.equals(m.hasRemovalLink())
                        && !m.hasOptOut(),
                m -> "commercial message " + m.id() + " has no removal link and no List-Unsubscribe header");
        each(
                "1.A.1 commercial email without a physical postal address",
                "1.A.1",
                MEDIUM,
                CONFIRMED,
                a -> a.emails,
                (m, t, f) -> Boolean.TRUE.equals(m.commercial()) && Boolean.FALSE.equals(m.hasPhysicalAddress()),
                m -> "commercial message " + m.id() + " carries no physical postal address");
        each(
                "1.A.1 false header information: sender authentication fails",
                "1.A.1",
                HIGH,
                CONFIRMED,
                a -> a.emails,
                (m, t, f) -> "fail".equals(m.spf()) && "fail".equals(m.dkim()),
                m -> "message " + m.id() + " fails both SPF and DKIM");
        each(
                "1.A.1 false header information: From domain is not the sender's",
                "1.A.1",
                HIGH,
                CONFIRMED,
                a -> a.emails,
                (m, t, f) -> Boolean.FALSE.equals(m.fromDomainAligned()),
                m -> "message " + m.id() + " claims to be from " + m.fromDomain());
        each(
                "1.A.1 deceptive subject line",
                "1.A.1",
                MEDIUM,
                CONFIRMED,
                a -> a.emails,
                (m, t, f) -> Boolean.TRUE.equals(m.deceptiveSubject()),
                m -> "message " + m.id() + " has a deceptive subject: " + m.subject());
        each(
                "1.A.1 opt-out not honoured in time",
                "1.A.1",
                HIGH,
                CONFIRMED,
                a -> a.optOuts,
                (o, t, f) ->
                        BaselinePolicy.afterOptOutDeadline(o.requestedAt(), o.lastMailedAt(), t.optOutBusinessDays()),
                o -> o.recipient() + " opted out at " + o.requestedAt() + " but was mailed at " + o.lastMailedAt());
        perList(
                "1.A.1 mail to harvested addresses",
                "1.A.1",
                HIGH,
                l -> l.source() == ListSource.HARVESTED,
                f -> new LinkedHashSet<>(facts(f).emails));
        rules.register(new RuleBuilder()
                .name("1.A.2 bulk email sent to no mailing list")
                .priority(DECIDE)
                .when(f -> !emails(f, NO_LIST).isEmpty())
                .then(f -> report(
                        f,
                        "1.A.2",
                        "1.A.2 bulk email sent to no mailing list",
                        HIGH,
                        CONFIRMED,
                        emails(f, NO_LIST).size() + " bulk message(s) sent to no double-authorized mailing list",
                        new ArrayList<>(emails(f, NO_LIST))))
                .build());
        perList(
                "1.A.2 bulk email to a list that is not double opt-in",
                "1.A.2",
                HIGH,
                l -> true,
                f -> emails(f, NOT_DOUBLE_OPT_IN));
        perList(
                "1.A.2 bulk email to a list with incomplete consent records",
                "1.A.2",
                MEDIUM,
                l -> true,
                f -> emails(f, INCOMPLETE));
        rules.register(new RuleBuilder()
                .name("1.A.2 bulk email without a removal link")
                .priority(DECIDE)
                .when(f -> !emails(f, NO_REMOVAL_LINK).isEmpty())
                .then(f -> report(
                        f,
                        "1.A.2",
                        "1.A.2 bulk email without a removal link",
                        HIGH,
                        CONFIRMED,
                        emails(f, NO_REMOVAL_LINK).size() + " bulk message(s) sent without a removal link",
                        new ArrayList<>(emails(f, NO_REMOVAL_LINK))))
                .build());
        each(
                "1.A.3 blacklisted dedicated IP address",
                "1.A.3",
                MEDIUM,
                CONFIRMED,
                a -> a.listings,
                (b, t, f) -> b.ipScope() == IpScope.DEDICATED,
                EasyRulesBaseline::listed);
        each(
                "1.A.3 blacklisted IP address shared with other customers",
                "1.A.3",
                HIGH,
                CONFIRMED,
                a -> a.listings,
                (b, t, f) -> b.ipScope() == IpScope.SHARED,
                EasyRulesBaseline::listed);
        each(
                "1.A.3 blacklisted company IP address",
                "1.A.3",
                CRITICAL,
                CONFIRMED,
                a -> a.listings,
                (b, t, f) -> b.ipScope() == IpScope.COMPANY,
                EasyRulesBaseline::listed);
        rules.register(new RuleBuilder()
                .name("1.A.5 unsolicited email: verified complaints")
                .priority(DECIDE)
                .when(f -> complaints(f).size() >= limits(f).spamComplaints())
                .then(f -> report(
                        f,
                        "1.A.5",
                        "1.A.5 unsolicited email: verified complaints",
                        HIGH,
                        CONFIRMED,
                        complaints(f).size() + " verified spam complaints",
                        complaints(f)))
                .build());
        rules.register(new RuleBuilder()
                .name("1.A.5 emailing in bulk against 1.A.2")
                .priority(DECIDE)
                .when(f -> !failing(f).isEmpty())
                .then(f -> report(
                        f,
                        "1.A.5",
                        "1.A.5 emailing in bulk against 1.A.2",
                        HIGH,
                        CONFIRMED,
                        failing(f).size() + " bulk message(s) sent without meeting the conditions of 1.A.2",
                        new ArrayList<>(failing(f))))
                .build());
        each(
                "1.A.5 purchased or rented mailing list",
                "1.A.5",
                HIGH,
                CONFIRMED,
                a -> a.lists,
                (l, t, f) -> l.source() == ListSource.PURCHASED || l.source() == ListSource.RENTED,
                l -> "mailing list " + l.id() + " was " + l.source());
        each(
                "1.A.5 site that sells email lists",
                "1.A.5",
                HIGH,
                CONFIRMED,
                a -> a.websites,
                (w, t, f) -> w.categories().contains(ContentCategory.EMAIL_LIST_SALE),
                w -> w.domain() + " sells email lists");
    }

    private static String listed(BlacklistListing b) {
        return "the address " + b.ip() + " is listed on " + b.list();
    }

    private static List<AbuseReport> complaints(Facts f) {
        Instant now = now(f);
        int days = limits(f).spamComplaintWindowDays();
        List<AbuseReport> out = new ArrayList<>();
        for (AbuseReport r : facts(f).reports) {
            if (r.type() == ReportType.SPAM
                    && r.verified()
                    && BaselinePolicy.withinDaysBefore(r.receivedAt(), now, days)) {
                out.add(r);
            }
        }
        return out;
    }

    private static Set<EmailMessage> failing(Facts f) {
        Set<EmailMessage> all = new LinkedHashSet<>(emails(f, NO_LIST));
        all.addAll(emails(f, NOT_DOUBLE_OPT_IN));
        all.addAll(emails(f, INCOMPLETE));
        all.addAll(emails(f, NO_REMOVAL_LINK));
        return all;
    }

    /** A rule with one violation per mailing list that some of these messages were sent to. */
    private void perList(
            String rule,
            String clause,
            Severity severity,
            java.util.function.Predicate<MailingList> which,
            Function<Facts, Set<EmailMessage>> sent) {
        rules.register(new RuleBuilder()
                .name(rule)
                .priority(DECIDE)
                .when(f -> facts(f).lists.stream()
                        .anyMatch(
                                l -> which.test(l) && !sentTo(l, sent.apply(f)).isEmpty()))
                .then(f -> {
                    for (MailingList l : facts(f).lists) {
                        List<AccountFact> cited = which.test(l) ? sentTo(l, sent.apply(f)) : List.of();
                        if (!cited.isEmpty()) {
                            int messages = cited.size();
                            cited.add(l);
                            report(
                                    f,
                                    clause,
                                    rule,
                                    severity,
                                    CONFIRMED,
                                    messages + " message(s) sent to list " + l.id() + " (" + l.source() + ")",
                                    cited);
                        }
                    }
                })
                .build());
    }

    private static List<AccountFact> sentTo(MailingList l, Set<EmailMessage> messages) {
        List<AccountFact> out = new ArrayList<>();
        for (EmailMessage m : messages) {
            if (l.id().equals(m.listId())) {
                out.add(m);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- 3.x

    private void actions() {
        each(
                "3.1 sustained CPU above the plan's limit",
                "3.1",
                MEDIUM,
                CONFIRMED,
                a -> a.usage,
                (u, t, f) -> u.cpuPercent() >= t.cpuPercent() && u.windowSeconds() >= t.cpuSustainedSeconds(),
                u -> u.cpuPercent() + "% CPU for " + u.windowSeconds() + " s");
        each(
                "3.1 memory at the plan's limit",
                "3.1",
                MEDIUM,
                CONFIRMED,
                a -> a.usage,
                (u, t, f) -> u.memoryMb() >= t.memoryMb(),
                u -> u.memoryMb() + " MB of memory in use");
        each(
                "3.1 process count at the plan's limit",
                "3.1",
                MEDIUM,
                CONFIRMED,
                a -> a.usage,
                (u, t, f) -> u.processCount() >= t.processCount() && u.processCount() < t.forkBombProcessCount(),
                u -> u.processCount() + " processes");
        each(
                "3.1 inodes at the plan's limit",
                "3.1",
                MEDIUM,
                CONFIRMED,
                a -> a.usage,
                (u, t, f) -> u.inodes() >= t.inodes(),
                u -> u.inodes() + " inodes");
        each(
                "3.2 fork bomb: runaway process count",
                "3.2",
                CRITICAL,
                CONFIRMED,
                a -> a.usage,
                (u, t, f) -> u.processCount() >= t.forkBombProcessCount(),
                u -> u.processCount() + " processes at once");
        each(
                "3.2 traffic aimed at the company's infrastructure",
                "3.2",
                CRITICAL,
                CONFIRMED,
                a -> a.network,
                (n, t, f) -> n.targetsCompanyInfrastructure(),
                n -> "traffic aimed at the company's own servers");
        each(
                "3.3 brute-force login attempts",
                "3.3",
                HIGH,
                CONFIRMED,
                a -> a.attempts,
                (x, t, f) -> x.kind() == AccessKind.BRUTE_FORCE && !x.succeeded() && bruteForce(x, t),
                x -> x.attempts() + " failed login attempts on " + x.target());
        each(
                "3.3 brute-force login that succeeded",
                "3.3",
                CRITICAL,
                CONFIRMED,
                a -> a.attempts,
                (x, t, f) -> x.kind() == AccessKind.BRUTE_FORCE && x.succeeded() && bruteForce(x, t),
                x -> x.attempts() + " login attempts on " + x.target() + ", and one got in");
        each(
                "3.3 cross-account, privilege-escalation or exploit attempt",
                "3.3",
                HIGH,
                CONFIRMED,
                a -> a.attempts,
                (x, t, f) -> intrusion(x) && !x.succeeded(),
                x -> x.attempts() + " " + x.kind() + " attempt(s) on " + x.target());
        each(
                "3.3 cross-account, privilege-escalation or exploit access gained",
                "3.3",
                CRITICAL,
                CONFIRMED,
                a -> a.attempts,
                (x, t, f) -> intrusion(x) && x.succeeded(),
                x -> x.attempts() + " " + x.kind() + " attempt(s) on " + x.target() + ", and one succeeded");
        each(
                "3.4 phishing site imitating another organisation",
                "3.4",
                HIGH,
                SUSPECTED,
                a -> a.websites,
                (w, t, f) -> w.categories().contains(ContentCategory.PHISHING),
                w -> w.domain() + " is classified as phishing");
        forgery("3.4 mail forging another organisation's domain", HIGH, CONFIRMED, false);
        forgery("3.4 misaligned mail from an account with no domains on record", MEDIUM, SUSPECTED, true);
    }

    private static boolean bruteForce(AccessAttempt x, Limits t) {
        return BaselinePolicy.reaches(
                x.attempts(), x.windowSeconds(), t.bruteForceAttempts(), t.bruteForceWindowSeconds());
    }

    private static boolean intrusion(AccessAttempt x) {
        return x.kind() == AccessKind.CROSS_ACCOUNT
                || x.kind() == AccessKind.PRIVILEGE_ESCALATION
                || x.kind() == AccessKind.EXPLOIT;
    }

    private void forgery(String rule, Severity severity, Certainty certainty, boolean noDomains) {
        rules.register(new RuleBuilder()
                .name(rule)
                .priority(DECIDE)
                .when(f -> facts(f).account.domains().isEmpty() == noDomains
                        && !forged(f).isEmpty())
                .then(f -> forged(f)
                        .forEach((domain, mails) -> report(
                                f,
                                "3.4",
                                rule,
                                severity,
                                certainty,
                                mails.size() + " message(s) claim to come from " + domain,
                                mails)))
                .build());
    }

    // ---------------------------------------------------------------- 2.x and 1.C

    private void scriptsAndExports() {
        each(
                "2.4 outbound packet flood",
                "2.4",
                HIGH,
                CONFIRMED,
                a -> a.network,
                (n, t, f) -> n.peakPacketsPerSecond() >= t.attackPacketsPerSecond(),
                n -> n.peakPacketsPerSecond() + " packets per second");
        each(
                "2.14 IP scan across many hosts",
                "2.14",
                HIGH,
                CONFIRMED,
                a -> a.network,
                (n, t, f) -> BaselinePolicy.reaches(
                        n.distinctDestinations(),
                        n.windowSeconds(),
                        t.scanDistinctDestinations(),
                        t.scanWindowSeconds()),
                n -> n.distinctDestinations() + " destinations in " + n.windowSeconds() + " s");
        each(
                "2.14 port scan across many ports",
                "2.14",
                HIGH,
                CONFIRMED,
                a -> a.network,
                (n, t, f) -> BaselinePolicy.reaches(
                        n.distinctDestinationPorts(), n.windowSeconds(), t.scanDistinctPorts(), t.scanWindowSeconds()),
                n -> n.distinctDestinationPorts() + " ports in " + n.windowSeconds() + " s");
        all(
                "2.15 more than one commercial audio stream",
                "2.15",
                MEDIUM,
                CONFIRMED,
                a -> a.streams,
                (AudioStream s, Facts f) -> s.commercial(),
                2);
        each(
                "2.20 script with sustained high CPU",
                "2.20",
                MEDIUM,
                CONFIRMED,
                a -> a.processes,
                (p, t, f) -> p.cpuPercent() >= t.cpuPercent() && p.runtimeSeconds() >= t.cpuSustainedSeconds(),
                p -> p.name() + " has used " + p.cpuPercent() + "% CPU over " + p.runtimeSeconds() + " s");
        each(
                "2.20 script using the plan's whole memory",
                "2.20",
                MEDIUM,
                CONFIRMED,
                a -> a.processes,
                (p, t, f) -> p.memoryMb() >= t.memoryMb(),
                p -> p.name() + " uses " + p.memoryMb() + " MB");
        each(
                "1.C.1 export to an embargoed destination",
                "1.C.1",
                CRITICAL,
                CONFIRMED,
                a -> a.exports,
                (x, t, f) -> policy.embargoed(x.destinationCountry()),
                x -> x.item() + " was exported to " + x.destinationCountry() + ", under embargo");
        each(
                "1.C.1 controlled item exported without a licence",
                "1.C.1",
                HIGH,
                CONFIRMED,
                a -> a.exports,
                (x, t, f) -> x.controlled() && !policy.embargoed(x.destinationCountry()) && !licensed(x, f),
                x -> x.item() + " (ECCN " + x.eccn() + ") was exported without a licence");
        all(
                "1.C.2 use of the account from an embargoed place",
                "1.C.2",
                MEDIUM,
                SUSPECTED,
                a -> a.logins,
                (Login l, Facts f) -> policy.embargoed(l.country()),
                1);
    }

    private static boolean licensed(Export x, Facts f) {
        Instant now = now(f);
        for (Permit p : facts(f).permits) {
            if (p.type() == PermitType.EXPORT_LICENSE
                    && Objects.equals(p.covers(), x.eccn())
                    && (p.validUntil() == null || p.validUntil().isAfter(now))) {
                return true;
            }
        }
        return false;
    }
}
