package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.auprules.api.Explanation;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.Violation;
import org.auprules.drools.rules.Thresholds;
import org.auprules.json.FactsJson;
import org.auprules.json.ResultJson;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Why?" and "why not?": near misses on both sides of each threshold, with the pack's values. */
class ExplanationTest {

    static String document(String facts) {
        return "{\"evaluatedAt\": \"2026-11-28T12:00:00Z\", \"accounts\": [{\"id\": \"acc-1\", \"plan\":"
                + " \"shared-basic\", \"domains\": [\"shop.example\"]}], " + facts + "}";
    }

    static Explanation explain(String facts, @Nullable String clause) {
        return TestPolicy.DEFAULT.explain(FactsJson.read(document(facts), null), "acc-1", clause);
    }

    static Optional<Explanation.NearMiss> miss(Explanation e, String rule) {
        return e.clauses().stream()
                .flatMap(c -> c.nearMisses().stream())
                .filter(m -> m.ruleId().equals(rule))
                .findFirst();
    }

    static List<String> fired(Explanation e) {
        return e.clauses().stream()
                .flatMap(c -> c.violations().stream())
                .map(Violation::ruleId)
                .toList();
    }

    /**
     * Each threshold of the default pack, for every rule that reads it: one observation just below
     * the threshold (a near miss with that observation) and one at it (the rule fired, no near miss).
     * shared-basic's values: memory 1024 MB, 50 processes, 250000 inodes; the rest the pack's defaults.
     * The last column is the observation the near miss gives when it is not the value put in.
     */
    @ParameterizedTest(name = "{0} = {2}: fires {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "3.3 brute-force login attempts|\"accessAttempts\": [{\"id\": \"a\", \"accountId\": \"acc-1\", \"kind\": \"BRUTE_FORCE\", \"target\": \"ssh\", \"attempts\": %s, \"windowSeconds\": 600, \"succeeded\": false}]|19|false|brute force: 19 failed attempts in 600 s (a), threshold 20 in 600 s|",
                "3.3 brute-force login attempts|\"accessAttempts\": [{\"id\": \"a\", \"accountId\": \"acc-1\", \"kind\": \"BRUTE_FORCE\", \"target\": \"ssh\", \"attempts\": %s, \"windowSeconds\": 600, \"succeeded\": false}]|20|true||",
                "3.3 brute-force login attempts|\"accessAttempts\": [{\"id\": \"a\", \"accountId\": \"acc-1\", \"kind\": \"BRUTE_FORCE\", \"target\": \"ssh\", \"attempts\": %s, \"windowSeconds\": 1200, \"succeeded\": false}]|38|false|brute force: 38 failed attempts in 1200 s (a), threshold 20 in 600 s; over 1200 s it takes 39|",
                "3.3 brute-force login attempts|\"accessAttempts\": [{\"id\": \"a\", \"accountId\": \"acc-1\", \"kind\": \"BRUTE_FORCE\", \"target\": \"ssh\", \"attempts\": %s, \"windowSeconds\": 1200, \"succeeded\": false}]|39|true||",
                "3.3 brute-force login that succeeded|\"accessAttempts\": [{\"id\": \"a\", \"accountId\": \"acc-1\", \"kind\": \"BRUTE_FORCE\", \"target\": \"ssh\", \"attempts\": %s, \"windowSeconds\": 600, \"succeeded\": true}]|19|false|brute force that got in: 19 attempts in 600 s (a), threshold 20 in 600 s|",
                "3.3 brute-force login that succeeded|\"accessAttempts\": [{\"id\": \"a\", \"accountId\": \"acc-1\", \"kind\": \"BRUTE_FORCE\", \"target\": \"ssh\", \"attempts\": %s, \"windowSeconds\": 600, \"succeeded\": true}]|20|true||",
                "1.A derive bulk email by recipients per message|\"emails\": [{\"id\": \"m\", \"accountId\": \"acc-1\", \"recipientCount\": %s}]|99|false|no mail to 100 or more recipients; largest 99 (m)|",
                "1.A derive bulk email by recipients per message|\"emails\": [{\"id\": \"m\", \"accountId\": \"acc-1\", \"recipientCount\": %s}]|100|true||",
                "3.1 sustained CPU above the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 3600, \"cpuPercent\": %s}]|99.5|false|CPU: 99.5% for 3600 s (u), threshold 100% sustained for 3600 s|",
                "3.1 sustained CPU above the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 3600, \"cpuPercent\": %s}]|100|true||",
                "3.1 sustained CPU above the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 3599, \"cpuPercent\": %s}]|150|false|CPU: 150% for 3599 s (u), threshold 100% sustained for 3600 s, not long enough|",
                "3.1 sustained CPU above the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 3600, \"cpuPercent\": %s}]|150|true||",
                "3.1 memory at the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"memoryMb\": %s}]|1023|false|memory: 1023 MB (u), threshold 1024 MB|",
                "3.1 memory at the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"memoryMb\": %s}]|1024|true||",
                "3.1 process count at the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"processCount\": %s}]|49|false|processes: 49 processes at once (u), threshold 50|",
                "3.1 process count at the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"processCount\": %s}]|50|true||",
                "3.1 inodes at the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"inodes\": %s}]|249999|false|inodes: 249999 (u), threshold 250000|",
                "3.1 inodes at the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"inodes\": %s}]|250000|true||",
                "3.2 fork bomb: runaway process count|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"processCount\": %s}]|499|false|fork bomb: 499 processes at once (u), threshold 500|",
                "3.2 fork bomb: runaway process count|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"processCount\": %s}]|500|true||",
                "2.4 outbound packet flood|\"networkActivity\": [{\"id\": \"n\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"peakPacketsPerSecond\": %s}]|49999|false|packet flood: peak 49999 packets per second (n), threshold 50000|",
                "2.4 outbound packet flood|\"networkActivity\": [{\"id\": \"n\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"peakPacketsPerSecond\": %s}]|50000|true||",
                "2.14 IP scan across many hosts|\"networkActivity\": [{\"id\": \"n\", \"accountId\": \"acc-1\", \"windowSeconds\": 300, \"distinctDestinations\": %s}]|999|false|scan: 999 distinct destinations in 300 s (n), threshold 1000 in 300 s|",
                "2.14 IP scan across many hosts|\"networkActivity\": [{\"id\": \"n\", \"accountId\": \"acc-1\", \"windowSeconds\": 300, \"distinctDestinations\": %s}]|1000|true||",
                "2.14 IP scan across many hosts|\"networkActivity\": [{\"id\": \"n\", \"accountId\": \"acc-1\", \"windowSeconds\": 600, \"distinctDestinations\": %s}]|1998|false|scan: 1998 distinct destinations in 600 s (n), threshold 1000 in 300 s; over 600 s it takes 1999|",
                "2.14 IP scan across many hosts|\"networkActivity\": [{\"id\": \"n\", \"accountId\": \"acc-1\", \"windowSeconds\": 600, \"distinctDestinations\": %s}]|1999|true||",
                "2.14 port scan across many ports|\"networkActivity\": [{\"id\": \"n\", \"accountId\": \"acc-1\", \"windowSeconds\": 300, \"distinctDestinationPorts\": %s}]|499|false|scan: 499 distinct destination ports in 300 s (n), threshold 500 in 300 s|",
                "2.14 port scan across many ports|\"networkActivity\": [{\"id\": \"n\", \"accountId\": \"acc-1\", \"windowSeconds\": 300, \"distinctDestinationPorts\": %s}]|500|true||",
                "2.20 script with sustained high CPU|\"processes\": [{\"id\": \"p\", \"accountId\": \"acc-1\", \"name\": \"job\", \"runtimeSeconds\": 7200, \"cpuPercent\": %s}]|99|false|script CPU: 99% over 7200 s (p), threshold 100% sustained for 3600 s|",
                "2.20 script with sustained high CPU|\"processes\": [{\"id\": \"p\", \"accountId\": \"acc-1\", \"name\": \"job\", \"runtimeSeconds\": 7200, \"cpuPercent\": %s}]|100|true||",
                "2.20 script using the plan's whole memory|\"processes\": [{\"id\": \"p\", \"accountId\": \"acc-1\", \"name\": \"job\", \"memoryMb\": %s}]|1023|false|script memory: 1023 MB (p), threshold 1024 MB|",
                "2.20 script using the plan's whole memory|\"processes\": [{\"id\": \"p\", \"accountId\": \"acc-1\", \"name\": \"job\", \"memoryMb\": %s}]|1024|true||",
                "1.A.1 opt-out not honoured in time|\"optOutRequests\": [{\"id\": \"o\", \"accountId\": \"acc-1\", \"recipient\": \"bob@example.org\", \"requestedAt\": \"2026-11-02T10:00:00Z\", \"lastMailedAt\": \"2026-11-%sT09:00:00Z\"}]|16|false|opt-out: last mailed 10 business days after the request (o), deadline 10 business days, 2026-11-16|10",
                "1.A.1 opt-out not honoured in time|\"optOutRequests\": [{\"id\": \"o\", \"accountId\": \"acc-1\", \"recipient\": \"bob@example.org\", \"requestedAt\": \"2026-11-02T10:00:00Z\", \"lastMailedAt\": \"2026-11-%sT09:00:00Z\"}]|17|true||",
            })
    void aThresholdRuleThatDidNotFireSaysHowCloseTheFactsCame(
            String rule, String facts, String value, boolean fires, String text, String observed) {
        Explanation e = explain(facts.formatted(value), null);
        Optional<Explanation.NearMiss> m = miss(e, rule);
        if (fires) {
            assertThat(m).as("no near miss once the rule fired").isEmpty();
            if (!rule.contains("derive")) {
                assertThat(fired(e)).contains(rule);
            } else {
                assertThat(TestPolicy.DEFAULT
                                .evaluate(FactsJson.read(document(facts.formatted(value)), null))
                                .firedRules())
                        .contains(rule);
            }
        } else {
            assertThat(m).isPresent();
            assertThat(m.get().text()).isEqualTo(text);
            assertThat(m.get().observed()).contains(Double.parseDouble(observed == null ? value : observed));
            assertThat(m.get().evidence()).isPresent();
            assertThat(fired(e)).doesNotContain(rule);
        }
    }

    /** Every threshold of policy.json is read by some rule, and every such rule has a near miss. */
    @Test
    void everyThresholdOfTheDefaultPackHasANearMissForEveryRuleThatReadsIt() {
        List<Explainer.ThresholdRule> rules = Explainer.thresholdRules(TestPolicy.DEFAULT.compiledPolicy());
        assertThat(rules.stream().flatMap(r -> r.thresholds().stream()).distinct())
                .containsExactlyInAnyOrderElementsOf(Thresholds.names().keySet());
        Explanation nothing = explain("\"emails\": []", null);
        for (Explainer.ThresholdRule r : rules) {
            assertThat(miss(nothing, r.name()))
                    .as("near miss of %s on an account with no facts", r.name())
                    .hasValueSatisfying(
                            m -> assertThat(m.observed().orElse(0.0)).isZero());
        }
    }

    @ParameterizedTest(name = "{0} verified complaints: fires {1}")
    @CsvSource({"2, false", "3, true"})
    void spamComplaintsOnBothSidesOfTheThreshold(int complaints, boolean fires) {
        StringBuilder reports = new StringBuilder();
        for (int i = 0; i < complaints; i++) {
            reports.append(i == 0 ? "" : ", ")
                    .append("{\"id\": \"r-")
                    .append(i)
                    .append("\", \"accountId\": \"acc-1\", \"type\": \"SPAM\", \"verified\": true,")
                    .append(" \"reporter\": \"abuse@spamcop.net\", \"receivedAt\": \"2026-10-29T12:00:00Z\"}");
        }
        // one unverified report and one older than the window do not count
        reports.append(", {\"id\": \"r-u\", \"accountId\": \"acc-1\", \"type\": \"SPAM\", \"verified\": false,"
                + " \"reporter\": \"x@example.org\", \"receivedAt\": \"2026-11-20T12:00:00Z\"}");
        reports.append(", {\"id\": \"r-o\", \"accountId\": \"acc-1\", \"type\": \"SPAM\", \"verified\": true,"
                + " \"reporter\": \"abuse@spamcop.net\", \"receivedAt\": \"2026-10-29T11:59:59Z\"}");
        Explanation e = explain("\"reports\": [" + reports + "]", "1.A.5");
        Optional<Explanation.NearMiss> m = miss(e, "1.A.5 unsolicited email: verified complaints");
        if (fires) {
            assertThat(m).isEmpty();
            assertThat(fired(e)).contains("1.A.5 unsolicited email: verified complaints");
        } else {
            assertThat(m.orElseThrow().text())
                    .isEqualTo("spam complaints: 2 verified in the 30 days before 2026-11-28T12:00:00Z, threshold 3");
            assertThat(m.orElseThrow().observed()).contains(2.0);
        }
    }

    @ParameterizedTest(name = "{0} messages in an hour: bulk {1}")
    @CsvSource({"499, false", "500, true"})
    void messagesPerHourOnBothSidesOfTheThreshold(int messages, boolean bulk) {
        StringBuilder emails = new StringBuilder();
        java.time.Instant start = java.time.Instant.parse("2026-11-28T08:00:00.500Z");
        for (int i = 0; i < messages; i++) {
            // the last one 3599.9 s after the first: still within the hour
            java.time.Instant at = i == messages - 1 ? start.plusMillis(3_599_900) : start.plusSeconds(i);
            emails.append(i == 0 ? "" : ", ")
                    .append("{\"id\": \"m-")
                    .append(i)
                    .append("\", \"accountId\": \"acc-1\", \"recipientCount\": 1, \"sentAt\": \"")
                    .append(at)
                    .append("\"}");
        }
        String rule = "1.A derive bulk email by messages per hour";
        Explanation e = explain("\"emails\": [" + emails + "]", "1.A");
        if (bulk) {
            assertThat(miss(e, rule)).isEmpty();
            assertThat(fired(e)).contains("1.A.2 bulk email sent to no mailing list");
        } else {
            assertThat(miss(e, rule).orElseThrow().text())
                    .isEqualTo("no 500 or more messages within an hour; most 499");
            assertThat(fired(e)).doesNotContain("1.A.2 bulk email sent to no mailing list");
        }
    }

    @Test
    void aProcessCountThatIsAForkBombIsNoNearMissOfTheBurdenRule() {
        Explanation e = explain(
                "\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"processCount\": 600}]",
                "3");
        assertThat(fired(e))
                .contains("3.2 fork bomb: runaway process count")
                .doesNotContain("3.1 process count at the plan's limit");
        assertThat(miss(e, "3.1 process count at the plan's limit")).isEmpty();
        // with a second sample below the fork-bomb count, that one is the 3.1 rule's closest
        Explanation two = explain(
                "\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"processCount\": 600},"
                        + " {\"id\": \"v\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"processCount\": 40}]",
                "3.1");
        assertThat(miss(two, "3.1 process count at the plan's limit")
                        .orElseThrow()
                        .text())
                .isEqualTo("processes: 40 processes at once (v), threshold 50");
    }

    @Test
    void aCountWithNoWindowIsSaidToProveNothing() {
        Explanation e = explain(
                "\"accessAttempts\": [{\"id\": \"a\", \"accountId\": \"acc-1\", \"kind\": \"BRUTE_FORCE\", \"target\": \"ssh\", \"attempts\": 500, \"windowSeconds\": 0, \"succeeded\": false}]",
                "3.3");
        assertThat(miss(e, "3.3 brute-force login attempts").orElseThrow().text())
                .isEqualTo("brute force: 500 failed attempts in 0 s (a), threshold 20 in 600 s;"
                        + " a count with no window proves nothing");
    }

    @Test
    void anOptOutRequestNotMailedSinceIsSaidSo() {
        Explanation e = explain(
                "\"optOutRequests\": [{\"id\": \"o\", \"accountId\": \"acc-1\", \"recipient\": \"bob@example.org\", \"requestedAt\": \"2026-11-02T10:00:00Z\"}]",
                "1.A.1");
        assertThat(miss(e, "1.A.1 opt-out not honoured in time").orElseThrow())
                .satisfies(m -> assertThat(m.observed()).isEmpty())
                .satisfies(m -> assertThat(m.text())
                        .isEqualTo("opt-out: no mail after an opt-out request reported; deadline 10 business days"));
    }

    @Test
    void theLimitIsThePlansValueFromThePack() {
        Thresholds shared = TestPolicy.DEFAULT.compiledPolicy().thresholdsFor("shared-basic");
        Explanation e = explain(
                "\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"processCount\": 1}]",
                "3.1");
        assertThat(miss(e, "3.1 process count at the plan's limit")
                        .orElseThrow()
                        .limit())
                .isEqualTo(shared.processCount());
        assertThat(miss(e, "3.1 inodes at the plan's limit").orElseThrow().limit())
                .isEqualTo((double) shared.inodes());
        assertThat(e.plan()).isEqualTo("shared-basic");
        // --clause 3.1 keeps the explanation to 3.1
        assertThat(e.clauses())
                .extracting(Explanation.ClauseExplanation::clause)
                .containsExactly("3.1");
    }

    @Test
    void factsOfNoKindTheRuleCountsAreSaidSo() {
        Explanation e = explain("\"emails\": []", "3.3");
        assertThat(miss(e, "3.3 brute-force login attempts").orElseThrow())
                .satisfies(m -> assertThat(m.observed()).isEmpty())
                .satisfies(m -> assertThat(m.text())
                        .isEqualTo("brute force: no failed brute-force attempts reported; threshold 20 in 600 s"));
    }

    @Test
    void aWaivedViolationIsShownWithItsWaiverAndAsJson() throws Exception {
        Explanation e = explain(
                "\"audioStreams\": [{\"accountId\": \"acc-1\", \"server\": \"icecast2\", \"commercial\": true},"
                        + " {\"accountId\": \"acc-1\", \"server\": \"icecast2\", \"commercial\": true}],"
                        + " \"waivers\": [{\"id\": \"w-1\", \"accountId\": \"acc-1\", \"clauses\": [\"2.15\"]}]",
                "2.15");
        assertThat(e.clauses()).hasSize(1);
        assertThat(e.clauses().get(0).suppressed()).extracting(s -> s.waiver()).containsExactly("w-1");
        assertThat(e.clauses().get(0).violations()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(ResultJson.explanation(e));
        assertThat(json.path("clauses")
                        .get(0)
                        .path("suppressed")
                        .get(0)
                        .path("waiver")
                        .asText())
                .isEqualTo("w-1");
        Explanation brute = explain(
                "\"accessAttempts\": [{\"id\": \"a\", \"accountId\": \"acc-1\", \"kind\": \"BRUTE_FORCE\", \"target\": \"ssh\", \"attempts\": 19, \"windowSeconds\": 600, \"succeeded\": false}]",
                "3.3");
        JsonNode m = new ObjectMapper()
                .readTree(ResultJson.explanation(brute))
                .path("clauses")
                .get(0)
                .path("nearMisses")
                .get(0);
        assertThat(m.path("threshold").asText()).isEqualTo("bruteForceAttempts");
        assertThat(m.path("limit").asDouble()).isEqualTo(20);
        assertThat(m.path("observed").asDouble()).isEqualTo(19);
        assertThat(m.path("evidence").path("id").asText()).isEqualTo("a");
    }

    static Explanation.ClauseExplanation clause(Explanation e, String id) {
        return e.clauses().stream()
                .filter(x -> x.clause().equals(id))
                .findFirst()
                .orElseThrow();
    }

    static final String NO_OPT_OUT = "\"emails\": [{\"id\": \"m\", \"accountId\": \"acc-1\", \"recipientCount\": 5,"
            + " \"commercial\": true, \"hasRemovalLink\": false, \"hasPhysicalAddress\": true}]";

    static String prior(String clause, String date) {
        return "{\"accountId\": \"acc-1\", \"clause\": \"" + clause + "\", \"date\": \"" + date
                + "\", \"outcome\": \"VIOLATION\"}";
    }

    @Test
    void anEscalatedViolationSaysWhichRowFromWhichPriorFindingAndWhatItAdded() throws Exception {
        Explanation e = explain(
                NO_OPT_OUT + ", \"history\": [" + prior("1.A.2", "2026-10-02T08:00:00Z")
                        + ", {\"accountId\": \"acc-1\", \"clause\": \"1.A.5\", \"date\": \"2026-10-03T08:00:00Z\","
                        + " \"outcome\": \"DISMISSED\"}, {\"accountId\": \"acc-2\", \"clause\": \"1.A.5\","
                        + " \"date\": \"2026-10-03T08:00:00Z\", \"outcome\": \"VIOLATION\"}]",
                "1.A.1");
        Explanation.ClauseExplanation c = e.clauses().stream()
                .filter(x -> x.clause().equals("1.A.1"))
                .findFirst()
                .orElseThrow();
        assertThat(c.escalations()).hasSize(1);
        Explanation.EscalationApplied applied = c.escalations().get(0);
        assertThat(applied.escalation().row()).isEqualTo("can-spam-repeat");
        assertThat(applied.escalation().ruleId()).isEqualTo("1.A.1 commercial email without an opt-out mechanism");
        assertThat(applied.escalation().from()).isEqualTo(org.auprules.api.Severity.MEDIUM);
        assertThat(applied.escalation().to()).isEqualTo(org.auprules.api.Severity.HIGH);
        assertThat(applied.escalation().added())
                .extracting(x -> x.action().name() + " " + x.modality().name())
                .containsExactly("REPORT_TO_FTC RECOMMENDED");
        assertThat(applied.withinDays()).isEqualTo(90);
        assertThat(applied.needed()).isEqualTo(1);
        assertThat(applied.description()).startsWith("a second CAN-SPAM violation within 90 days");
        // the dismissed finding and the other account's do not count
        assertThat(applied.priorFindings())
                .extracting(p -> p.clause() + " " + p.date())
                .containsExactly("1.A.2 2026-10-02T08:00:00Z");
        assertThat(c.violations().get(0).severity()).isEqualTo(org.auprules.api.Severity.HIGH);
        JsonNode json = new ObjectMapper().readTree(ResultJson.explanation(e));
        JsonNode ej = null;
        for (JsonNode cn : json.path("clauses")) {
            if (cn.path("clause").asText().equals("1.A.1")) {
                ej = cn.path("escalations").get(0);
            } else {
                assertThat(cn.path("escalations")).isEmpty();
            }
        }
        assertThat(ej).isNotNull();
        assertThat(ej.path("escalation").asText()).isEqualTo("can-spam-repeat");
        assertThat(ej.path("from").asText()).isEqualTo("MEDIUM");
        assertThat(ej.path("to").asText()).isEqualTo("HIGH");
        assertThat(ej.path("addedActions").get(0).path("action").asText()).isEqualTo("REPORT_TO_FTC");
        assertThat(ej.path("priorFindings")).hasSize(1);
        assertThat(ej.path("priorFindings").get(0).path("date").asText()).isEqualTo("2026-10-02T08:00:00Z");
        assertThat(ej.path("withinDays").asInt()).isEqualTo(90);
    }

    @Test
    void twoRowsThatApplyAreBothExplainedAndARowOutOfItsWindowIsNot() {
        // 2026-08-30T12:00:00Z is exactly 90 days before: it counts for can-spam-repeat; the other is 120 days back
        Explanation both = explain(
                NO_OPT_OUT + ", \"history\": [" + prior("1.A.5", "2026-07-31T12:00:00Z") + ", "
                        + prior("1.A.1", "2026-08-30T12:00:00Z") + "]",
                "1.A.1");
        assertThat(clause(both, "1.A.1").escalations())
                .extracting(x -> x.escalation().row() + " " + x.priorFindings().size() + " "
                        + x.escalation().from() + "->" + x.escalation().to())
                .containsExactly("can-spam-repeat 1 MEDIUM->HIGH", "third-offence 2 HIGH->CRITICAL");
        Explanation old =
                explain(NO_OPT_OUT + ", \"history\": [" + prior("1.A.1", "2026-08-30T11:59:59Z") + "]", "1.A.1");
        assertThat(clause(old, "1.A.1").escalations()).isEmpty();
        assertThat(clause(old, "1.A.1").violations().get(0).severity()).isEqualTo(org.auprules.api.Severity.MEDIUM);
        // out of the clause asked for: nothing of 1.A.1's escalation
        Explanation other =
                explain(NO_OPT_OUT + ", \"history\": [" + prior("1.A.2", "2026-10-02T08:00:00Z") + "]", "3.3");
        assertThat(other.clauses()).allSatisfy(c -> assertThat(c.escalations()).isEmpty());
    }

    @Test
    void anUnknownAccountOrClauseIsRefusedWithADidYouMean() {
        assertThatThrownBy(() -> TestPolicy.DEFAULT.explain(
                        FactsJson.read("{\"accounts\": [{\"id\": \"acc-1\"}]}", null), "acc-l", null))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageContaining("no account `acc-l`; did you mean `acc-1`?");
        assertThatThrownBy(() -> explain("\"emails\": []", "3.33"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown clause `3.33`; did you mean `3.3`?");
    }

    @Test
    void everyThresholdRuleOfTheDefaultPackIsFoundFromItsDrl() {
        assertThat(Explainer.thresholdRules(TestPolicy.DEFAULT.compiledPolicy()))
                .extracting(Explainer.ThresholdRule::name)
                .contains(
                        "3.3 brute-force login attempts",
                        "1.A derive bulk email by recipients per message",
                        "2.14 port scan across many ports",
                        "3.2 fork bomb: runaway process count",
                        "1.A.5 unsolicited email: verified complaints")
                .doesNotContain("2.15 more than one commercial audio stream");
    }
}
