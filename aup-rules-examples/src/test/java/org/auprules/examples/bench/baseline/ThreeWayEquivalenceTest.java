package org.auprules.examples.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccessAttempt;
import org.auprules.api.facts.AccessKind;
import org.auprules.api.facts.Account;
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
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.examples.bench.FleetGenerator;
import org.auprules.examples.bench.ThreeWay;
import org.auprules.json.FactsJson;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three implementations of the benchmark's rules give the same violations (account, clause,
 * rule id, severity, certainty, evidence) on generated accounts, on the shipped sample fleet and
 * on accounts built at each rule's threshold and just below it; and the library's side of the
 * comparison, the subset pack, judges as the default pack does.
 */
class ThreeWayEquivalenceTest {

    private static final Instant NOW = FleetGenerator.EVALUATED_AT;

    private static final ThreeWay THREE = new ThreeWay();
    private static final DroolsAupEvaluator LIBRARY = THREE.library();
    private static final BaselinePolicy POLICY = new BaselinePolicy(RuleSubset.pack());
    private static final JavaBaseline JAVA = new JavaBaseline(POLICY);
    private static final EasyRulesBaseline EASY_RULES = new EasyRulesBaseline(POLICY);

    private static final FactSet GENERATED = FleetGenerator.generate(400, 7);
    private static final FactSet SAMPLE = FactsJson.read(Path.of("samples/fleet.json"));
    private static final FactSet EDGES = edges();

    static Stream<Arguments> inputs() {
        return Stream.of(
                Arguments.of("400 generated accounts", GENERATED),
                Arguments.of("samples/fleet.json", SAMPLE),
                Arguments.of("accounts at the thresholds", EDGES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void allThreeFindTheSameViolations(String name, FactSet facts) {
        Set<String> library = ThreeWay.keys(LIBRARY.evaluate(facts));
        assertThat(library).as("the library finds something in %s", name).isNotEmpty();
        assertThat(ThreeWay.keys(JAVA.evaluate(facts)))
                .as("hand-written Java on %s", name)
                .containsExactlyElementsOf(library);
        assertThat(ThreeWay.keys(EASY_RULES.evaluate(facts)))
                .as("Easy Rules on %s", name)
                .containsExactlyElementsOf(library);
    }

    @Test
    void everyRuleOfTheSubsetFiresSomewhere_soNoRuleIsComparedOnNothing() {
        List<String> ids = RuleSubset.ruleIds(LIBRARY.compiledPolicy());
        assertThat(ids).hasSize(40).doesNotHaveDuplicates();
        Set<String> fired = new TreeSet<>();
        for (FactSet facts : List.of(GENERATED, SAMPLE, EDGES)) {
            LIBRARY.evaluate(facts).violations().forEach(v -> fired.add(v.ruleId()));
        }
        assertThat(fired).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(EASY_RULES.ruleCount())
                .as("40 decision rules and 7 derivations")
                .isEqualTo(47);
    }

    @Test
    void theSubsetPackJudgesAsTheWholeDefaultPackDoesOnItsRules() {
        DroolsAupEvaluator whole = DroolsAupEvaluator.builder().defaultPolicy().build();
        Set<String> subset = Set.copyOf(RuleSubset.ruleIds(LIBRARY.compiledPolicy()));
        for (FactSet facts : List.of(GENERATED, SAMPLE, EDGES)) {
            Set<String> fromWhole = ThreeWay.keys(whole.evaluate(facts)).stream()
                    .filter(k -> subset.contains(k.split(" \\| ", -1)[2]))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(ThreeWay.keys(LIBRARY.evaluate(facts))).containsExactlyElementsOf(fromWhole);
        }
    }

    @Test
    void theEdgesFireAtTheThresholdsAndNotJustBelow() {
        Set<String> keys = ThreeWay.keys(LIBRARY.evaluate(EDGES));
        String all = String.join("\n", keys);
        assertThat(all)
                .contains("e-usage | 3.1 | 3.1 memory at the plan's limit | MEDIUM CONFIRMED | resourceUsage:u-at")
                .contains(
                        "e-usage | 3.2 | 3.2 fork bomb: runaway process count | CRITICAL CONFIRMED | resourceUsage:u-bomb")
                .contains("e-net | 2.14 | 2.14 IP scan across many hosts | HIGH CONFIRMED | networkActivity:n-long-at")
                .contains("e-spam | 1.A.5 | 1.A.5 emailing in bulk against 1.A.2 | HIGH CONFIRMED |"
                        + " email:m-bulk-incomplete email:m-bulk-nolist email:m-bulk-single")
                .contains("e-spam | 3.4 | 3.4 mail forging another organisation's domain | HIGH CONFIRMED |"
                        + " email:m-forged email:m-forged2")
                .contains("e-hourly | 1.A.2 | 1.A.2 bulk email sent to no mailing list")
                .contains(
                        "e-optout | 1.A.1 | 1.A.1 opt-out not honoured in time | HIGH CONFIRMED | optOutRequest:o-late")
                .contains("e-complaints | 1.A.5 | 1.A.5 unsolicited email: verified complaints | HIGH CONFIRMED |"
                        + " report:r1 report:r2 report:r30days")
                .contains("e-export | 1.C.1 | 1.C.1 controlled item exported without a licence | HIGH CONFIRMED |"
                        + " export:x-expired");
        assertThat(all)
                .as("just below each threshold, nothing")
                .doesNotContain("u-below", "n-below", "n-long-below", "a-bf-below", "p-below", "m-bulk-99")
                .doesNotContain("o-intime", "x-licensed", "x-ear99", "e-hourly499", "e-complaints-below", "l-quiet");
    }

    /** Accounts with facts at each rule's threshold and just below it. */
    private static FactSet edges() {
        List<Account> accounts = new ArrayList<>();
        for (String id : List.of(
                "e-usage",
                "e-net",
                "e-access",
                "e-web",
                "e-audio",
                "e-audio1",
                "e-proc",
                "e-export",
                "e-licensed",
                "e-spam",
                "e-hourly",
                "e-hourly499",
                "e-optout",
                "e-listed",
                "e-complaints",
                "e-complaints-below")) {
            accounts.add(new Account(
                    id, "shared-basic", "US", "ACTIVE", null, null, null, List.of(), List.of(id + ".example")));
        }
        accounts.add(new Account("e-nodomains", "dedicated", "US", "ACTIVE", null, null, null, List.of(), List.of()));
        // shared-basic: memory 1024 MB, 50 processes, 250,000 inodes; the defaults for CPU (100 % for 3,600 s)
        List<ResourceUsage> usage = List.of(
                new ResourceUsage("u-at", "e-usage", 3600, 100.0, 1024, 0, 50, 250_000),
                new ResourceUsage("u-below", "e-usage", 3599, 99.9, 1023, 0, 49, 249_999),
                new ResourceUsage("u-bomb", "e-usage", 60, 1, 1, 0, 500, 1));
        List<NetworkActivity> network = List.of(
                new NetworkActivity("n-at", "e-net", 300, 1000, 500, 50_000, true),
                new NetworkActivity("n-below", "e-net", 300, 999, 499, 49_999, false),
                new NetworkActivity("n-long-at", "e-net", 600, 1999, 0, 0, false),
                new NetworkActivity("n-long-below", "e-net", 600, 1998, 998, 0, false),
                new NetworkActivity("n-nowindow", "e-net", 0, 5000, 5000, 0, false));
        List<AccessAttempt> attempts = List.of(
                new AccessAttempt("a-bf", "e-access", AccessKind.BRUTE_FORCE, "ssh://h", 20, 600, false),
                new AccessAttempt("a-bf-in", "e-access", AccessKind.BRUTE_FORCE, "ssh://h", 20, 600, true),
                new AccessAttempt("a-bf-below", "e-access", AccessKind.BRUTE_FORCE, "ssh://h", 38, 1200, true),
                new AccessAttempt("a-cross", "e-access", AccessKind.CROSS_ACCOUNT, "/home/x", 1, 0, false),
                new AccessAttempt("a-exploit", "e-access", AccessKind.EXPLOIT, "cve", 1, 0, true),
                new AccessAttempt("a-priv", "e-access", AccessKind.PRIVILEGE_ESCALATION, "sudo", 2, 0, false));
        List<Website> sites = List.of(
                new Website("w-phish", "e-web", "e-web.example", List.of(ContentCategory.PHISHING), List.of()),
                new Website("w-lists", "e-web", "lists.example", List.of(ContentCategory.EMAIL_LIST_SALE), List.of()),
                new Website("w-gambling", "e-web", "bet.example", List.of(ContentCategory.GAMBLING), List.of()));
        List<AudioStream> streams = List.of(
                new AudioStream("s1", "e-audio", "icecast", "/a", true),
                new AudioStream("s2", "e-audio", "icecast", "/b", true),
                new AudioStream("s3", "e-audio1", "icecast", "/a", true),
                new AudioStream("s4", "e-audio1", "icecast", "/b", false));
        List<HostedProcess> processes = List.of(
                new HostedProcess("p-at", "e-proc", 1, "php", "php run.php", 100.0, 1024, 3600, List.of()),
                new HostedProcess("p-below", "e-proc", 2, "php", "php run.php", 99.9, 1023, 3599, List.of()));
        List<Export> exports = List.of(
                new Export("x-embargo", "e-export", "ir", "router", "EAR99", NOW),
                new Export("x-expired", "e-export", "DE", "crypto", "5A002", NOW),
                new Export("x-ear99", "e-export", "DE", "chair", "EAR99", NOW),
                new Export("x-licensed", "e-licensed", "DE", "crypto", "5A002", NOW),
                new Export("x-nodest", "e-licensed", null, "laser", "6A005", NOW));
        List<Permit> permits = List.of(
                new Permit("lic-old", "e-export", PermitType.EXPORT_LICENSE, "L-1", "5A002", NOW.minusSeconds(1)),
                new Permit("lic", "e-licensed", PermitType.EXPORT_LICENSE, "L-2", "5A002", NOW.plusSeconds(86_400)));
        List<Login> logins = List.of(
                new Login("login-kp", "e-export", "KP", "192.0.2.1", NOW),
                new Login("login-cu", "e-export", "cu", "192.0.2.2", NOW),
                new Login("login-us", "e-licensed", "US", "192.0.2.3", NOW));
        List<EmailMessage> emails = new ArrayList<>();
        emails.add(mail(
                "m-optout", "e-spam", "news@e-spam.example", 1, true, null, false, null, true, "pass", true, false));
        emails.add(mail(
                "m-unsub",
                "e-spam",
                "news@e-spam.example",
                1,
                true,
                null,
                false,
                "<mailto:u@e-spam.example>",
                true,
                "pass",
                true,
                false));
        emails.add(mail(
                "m-noaddr", "e-spam", "news@e-spam.example", 1, true, null, true, null, false, "pass", true, false));
        emails.add(mail("m-null", "e-spam", "news@e-spam.example", 1, null, null, null, null, null, null, null, null));
        emails.add(
                mail("m-auth", "e-spam", "news@e-spam.example", 1, false, null, true, null, true, "FAIL", true, false));
        emails.add(
                mail("m-forged", "e-spam", "ceo@bank.example", 1, false, null, true, null, true, "pass", false, false));
        emails.add(mail(
                "m-forged2",
                "e-spam",
                "Help <help@Bank.Example.>",
                1,
                false,
                null,
                true,
                null,
                true,
                "pass",
                false,
                false));
        emails.add(mail(
                "m-sub", "e-spam", "x@mail.e-spam.example", 1, false, null, true, null, true, "pass", false, false));
        emails.add(mail(
                "m-deceptive", "e-spam", "x@e-spam.example", 1, false, null, true, null, true, "pass", true, true));
        emails.add(mail(
                "m-bulk-single",
                "e-spam",
                "x@e-spam.example",
                100,
                true,
                "l-single",
                true,
                null,
                true,
                "pass",
                true,
                false));
        emails.add(mail(
                "m-bulk-99",
                "e-spam",
                "x@e-spam.example",
                99,
                true,
                "l-single",
                true,
                null,
                true,
                "pass",
                true,
                false));
        emails.add(mail(
                "m-bulk-nolist",
                "e-spam",
                "x@e-spam.example",
                150,
                true,
                "missing",
                false,
                "<mailto:u@x>",
                true,
                "pass",
                true,
                false));
        emails.add(mail(
                "m-bulk-incomplete",
                "e-spam",
                "x@e-spam.example",
                200,
                true,
                "l-incomplete",
                true,
                null,
                true,
                "pass",
                true,
                false));
        emails.add(mail(
                "m-harvested",
                "e-spam",
                "x@e-spam.example",
                1,
                false,
                "l-harvested",
                true,
                null,
                true,
                "pass",
                true,
                false));
        emails.add(mail(
                "m-other", "e-nodomains", "x@other.example", 1, false, null, true, null, true, "pass", false, false));
        for (int i = 0; i < 500; i++) {
            emails.add(hourly("h" + i, "e-hourly", NOW.minusSeconds(3599).plusSeconds(7L * i)));
        }
        for (int i = 0; i < 499; i++) {
            emails.add(hourly("g" + i, "e-hourly499", NOW.minusSeconds(3599).plusSeconds(7L * i)));
        }
        List<MailingList> lists = List.of(
                new MailingList("l-single", "e-spam", ListSource.SINGLE_OPT_IN, 10, 10, 10, 10),
                new MailingList("l-incomplete", "e-spam", ListSource.DOUBLE_OPT_IN, 10, 9, 10, 10),
                new MailingList("l-harvested", "e-spam", ListSource.HARVESTED, 10, 0, 0, 0),
                new MailingList("l-quiet", "e-spam", ListSource.HARVESTED, 10, 0, 0, 0),
                new MailingList("l-bought", "e-spam", ListSource.PURCHASED, 10, 10, 10, 10),
                new MailingList("l-rented", "e-spam", ListSource.RENTED, 10, 10, 10, 10));
        // ten business days after Friday 13 November 2026 end on Friday 27 November
        Instant friday = Instant.parse("2026-11-13T10:00:00Z");
        List<OptOutRequest> optOuts = List.of(
                new OptOutRequest("o-late", "e-optout", "a@x.example", friday, Instant.parse("2026-11-28T00:30:00Z")),
                new OptOutRequest("o-intime", "e-optout", "b@x.example", friday, Instant.parse("2026-11-27T23:59:00Z")),
                new OptOutRequest("o-never", "e-optout", "c@x.example", friday, null));
        List<BlacklistListing> listings = List.of(
                new BlacklistListing("b-dedicated", "e-listed", "192.0.2.9", "zen", NOW, IpScope.DEDICATED),
                new BlacklistListing("b-shared", "e-listed", "192.0.2.10", "zen", NOW, IpScope.SHARED),
                new BlacklistListing("b-company", "e-listed", "192.0.2.11", "zen", NOW, IpScope.COMPANY),
                new BlacklistListing("b-none", "e-listed", "192.0.2.12", "zen", NOW, null));
        long day = 86_400;
        List<AbuseReport> reports = List.of(
                AbuseReport.of("r1", "e-complaints", ReportType.SPAM, NOW.minusSeconds(day), "fbl", true),
                AbuseReport.of("r2", "e-complaints", ReportType.SPAM, NOW.minusSeconds(2 * day), "fbl", true),
                AbuseReport.of("r30days", "e-complaints", ReportType.SPAM, NOW.minusSeconds(30 * day), "fbl", true),
                AbuseReport.of("r31days", "e-complaints", ReportType.SPAM, NOW.minusSeconds(31 * day), "fbl", true),
                AbuseReport.of("rb1", "e-complaints-below", ReportType.SPAM, NOW.minusSeconds(day), "fbl", true),
                AbuseReport.of("rb2", "e-complaints-below", ReportType.SPAM, NOW.minusSeconds(day), "fbl", true),
                AbuseReport.of("rb3", "e-complaints-below", ReportType.SPAM, NOW.minusSeconds(day), "fbl", false),
                AbuseReport.of("rb4", "e-complaints-below", ReportType.SCRAPING, NOW.minusSeconds(day), "x", true));
        return FactSet.builder()
                .evaluatedAt(NOW)
                .accounts(accounts)
                .resourceUsage(usage)
                .networkActivity(network)
                .accessAttempts(attempts)
                .websites(sites)
                .audioStreams(streams)
                .processes(processes)
                .exports(exports)
                .permits(permits)
                .logins(logins)
                .emails(emails)
                .mailingLists(lists)
                .optOutRequests(optOuts)
                .blacklistListings(listings)
                .reports(reports)
                .build();
    }

    private static EmailMessage mail(
            String id,
            String account,
            String from,
            int recipients,
            @Nullable Boolean commercial,
            @Nullable String listId,
            @Nullable Boolean removalLink,
            @Nullable String unsubscribe,
            @Nullable Boolean physicalAddress,
            @Nullable String spf,
            @Nullable Boolean aligned,
            @Nullable Boolean deceptive) {
        return new EmailMessage(
                id,
                account,
                NOW.minusSeconds(86_400),
                from,
                "192.0.2.50",
                recipients,
                "Hello",
                commercial,
                listId,
                removalLink,
                unsubscribe,
                physicalAddress,
                spf,
                "fail",
                aligned,
                deceptive);
    }

    private static EmailMessage hourly(String id, String account, Instant at) {
        return new EmailMessage(
                id,
                account,
                at,
                "news@" + account + ".example",
                "192.0.2.60",
                1,
                "Deal",
                true,
                null,
                true,
                null,
                true,
                "pass",
                "pass",
                true,
                false);
    }
}
