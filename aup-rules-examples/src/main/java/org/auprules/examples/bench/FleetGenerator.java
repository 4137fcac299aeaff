package org.auprules.examples.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccessAttempt;
import org.auprules.api.facts.AccessKind;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.ContentCategory;
import org.auprules.api.facts.EmailMessage;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.HostedFile;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.ListSource;
import org.auprules.api.facts.Login;
import org.auprules.api.facts.MailingList;
import org.auprules.api.facts.NetworkActivity;
import org.auprules.api.facts.ReportType;
import org.auprules.api.facts.ResourceUsage;
import org.auprules.api.facts.Website;

/**
 * A synthetic fleet for benchmarks: about a dozen facts per account, of every common kind, with
 * about one account in twenty breaking some clause. The same seed gives the same fleet.
 */
public final class FleetGenerator {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String[] PLANS = {"shared-basic", "shared-pro", "vps-standard", "dedicated"};
    private static final String[] INNOCENT_PROCESSES = {"php-fpm", "nginx", "node", "sshd", "mysqld", "rsync"};

    private FleetGenerator() {}

    /** The moment every generated fleet is evaluated at. */
    public static final Instant EVALUATED_AT = NOW;

    /**
     * A fleet of {@code accounts} accounts, the same one for the same seed.
     *
     * @param accounts how many accounts the fleet has
     * @param seed     the seed of every random choice, from which accounts break a clause to their CPU figures
     * @return the facts of the whole fleet, evaluated at a fixed moment
     */
    public static FactSet generate(int accounts, long seed) {
        FactSet.Builder b = FactSet.builder().evaluatedAt(NOW);
        List<Account> accountList = new ArrayList<>(accounts);
        List<EmailMessage> emails = new ArrayList<>();
        List<MailingList> lists = new ArrayList<>();
        List<Website> sites = new ArrayList<>();
        List<HostedProcess> processes = new ArrayList<>();
        List<HostedFile> files = new ArrayList<>();
        List<ResourceUsage> usage = new ArrayList<>();
        List<NetworkActivity> network = new ArrayList<>();
        List<Login> logins = new ArrayList<>();
        List<AccessAttempt> attempts = new ArrayList<>();
        List<AbuseReport> reports = new ArrayList<>();
        forEachAccount(accounts, seed, one -> {
            accountList.addAll(one.accounts());
            emails.addAll(one.emails());
            lists.addAll(one.mailingLists());
            sites.addAll(one.websites());
            processes.addAll(one.processes());
            files.addAll(one.files());
            usage.addAll(one.resourceUsage());
            network.addAll(one.networkActivity());
            logins.addAll(one.logins());
            attempts.addAll(one.accessAttempts());
            reports.addAll(one.reports());
        });
        return b.accounts(accountList)
                .emails(emails)
                .mailingLists(lists)
                .websites(sites)
                .processes(processes)
                .files(files)
                .resourceUsage(usage)
                .networkActivity(network)
                .logins(logins)
                .accessAttempts(attempts)
                .reports(reports)
                .build();
    }

    /**
     * The same fleet as {@link #generate}, one account at a time, so that a fleet of any size takes
     * the memory of one account: each account comes with its own facts, evaluated at {@link #EVALUATED_AT}.
     *
     * @param accounts how many accounts the fleet has
     * @param seed     the seed of every random choice
     * @param each     called with each account and its facts, in order
     */
    public static void forEachAccount(int accounts, long seed, Consumer<FactSet> each) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < accounts; i++) {
            each.accept(account(i, random));
        }
    }

    /** Account {@code i} with its facts; draws from {@code random} in the same order for the same account. */
    private static FactSet account(int i, SplittableRandom random) {
        String id = String.format("acc-%07d", i);
        boolean bad = random.nextInt(20) == 0;
        Account account = new Account(
                id,
                PLANS[i % PLANS.length],
                "US",
                "ACTIVE",
                NOW.minusSeconds(86_400L * 400),
                "owner " + i,
                "owner" + i + "@example.com",
                List.of("198.18." + (i / 250 % 250) + "." + (i % 250)),
                List.of("site" + i + ".example"));
        String list = id + "-list";
        List<EmailMessage> emails = new ArrayList<>(2);
        for (int m = 0; m < 2; m++) {
            emails.add(new EmailMessage(
                    id + "-m" + m,
                    id,
                    NOW.minusSeconds(3600L * (m + 1)),
                    "news@site" + i + ".example",
                    "198.18.0.1",
                    m == 0 ? 800 : 1,
                    "Newsletter",
                    true,
                    m == 0 ? list : null,
                    true,
                    "<mailto:u@site" + i + ".example>",
                    true,
                    "pass",
                    "pass",
                    true,
                    false));
        }
        Website site = new Website(
                id + "-w",
                id,
                "site" + i + ".example",
                bad && random.nextBoolean() ? List.of(ContentCategory.GAMBLING) : List.of(),
                List.of("WordPress 6.7"));
        List<HostedProcess> processes = new ArrayList<>(2);
        for (int p = 0; p < 2; p++) {
            String name = bad && p == 0 ? "xmrig" : INNOCENT_PROCESSES[random.nextInt(INNOCENT_PROCESSES.length)];
            processes.add(new HostedProcess(
                    id + "-p" + p,
                    id,
                    1000 + p,
                    name,
                    "/usr/bin/" + name,
                    random.nextDouble() * 40,
                    200,
                    3600,
                    p == 0 ? List.of(8080) : List.of()));
        }
        FactSet.Builder b = FactSet.builder()
                .evaluatedAt(NOW)
                .accounts(account)
                .mailingLists(List.of(new MailingList(
                        list, id, bad ? ListSource.SINGLE_OPT_IN : ListSource.DOUBLE_OPT_IN, 800, 800, 800, 800)))
                .emails(emails)
                .websites(List.of(site))
                .processes(processes)
                .files(List.of(new HostedFile(
                        id + "-f",
                        id,
                        "/home/" + id + "/public_html/index.php",
                        2048,
                        null,
                        "text/x-php",
                        null,
                        List.of())))
                // every fact has an id, so that the fleet cites the same evidence as a whole
                // document and as JSON Lines, whose facts without one are named by their place
                .resourceUsage(
                        List.of(new ResourceUsage(id + "-u", id, 3600, random.nextDouble() * 60, 300, 1.0, 20, 40_000)))
                .networkActivity(List.of(new NetworkActivity(
                        id + "-n", id, 300, random.nextInt(200), random.nextInt(20), random.nextInt(2_000), false)))
                .logins(List.of(new Login(id + "-l", id, "US", "198.51.100.1", NOW.minusSeconds(7200))));
        if (bad) {
            b.accessAttempts(List.of(
                    new AccessAttempt(id + "-a", id, AccessKind.BRUTE_FORCE, "ssh://10.0.0.5", 400, 600, false)));
            b.reports(List.of(AbuseReport.of(
                    id + "-r", id, ReportType.SPAM, NOW.minusSeconds(86_400), "fbl@mailbox.example", true)));
        }
        return b.build();
    }
}
