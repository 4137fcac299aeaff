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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Why?" and "why not?": near misses on both sides of each threshold, with the pack's values. */
class ExplanationTest {

    static Explanation explain(String facts, String clause) {
        return TestPolicy.DEFAULT.explain(
                FactsJson.read(
                        "{\"evaluatedAt\": \"2026-11-28T12:00:00Z\", \"accounts\": [{\"id\": \"acc-1\", \"plan\":"
                                + " \"shared-basic\"}], " + facts + "}",
                        null),
                "acc-1",
                clause);
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

    /** Each threshold rule, one observation below its threshold and one at it (shared-basic's values). */
    @ParameterizedTest(name = "{0} = {2}: fires {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "3.3 brute-force login attempts|\"accessAttempts\": [{\"id\": \"a\", \"accountId\": \"acc-1\", \"kind\": \"BRUTE_FORCE\", \"target\": \"ssh\", \"attempts\": %d, \"windowSeconds\": 600, \"succeeded\": false}]|19|false|brute force: 19 failed attempts in 600 s (a), threshold 20 in 600 s",
                "3.3 brute-force login attempts|\"accessAttempts\": [{\"id\": \"a\", \"accountId\": \"acc-1\", \"kind\": \"BRUTE_FORCE\", \"target\": \"ssh\", \"attempts\": %d, \"windowSeconds\": 600, \"succeeded\": false}]|20|true|",
                "1.A derive bulk email by recipients per message|\"emails\": [{\"id\": \"m\", \"accountId\": \"acc-1\", \"recipientCount\": %d}]|99|false|no mail to 100 or more recipients; largest 99 (m)",
                "1.A derive bulk email by recipients per message|\"emails\": [{\"id\": \"m\", \"accountId\": \"acc-1\", \"recipientCount\": %d}]|100|true|",
                "3.1 process count at the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"processCount\": %d}]|49|false|processes: 49 processes at once (u), threshold 50",
                "3.1 process count at the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"processCount\": %d}]|50|true|",
                "3.1 memory at the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"memoryMb\": %d}]|1023|false|memory: 1023 MB (u), threshold 1024 MB",
                "3.1 memory at the plan's limit|\"resourceUsage\": [{\"id\": \"u\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"memoryMb\": %d}]|1024|true|",
                "2.4 outbound packet flood|\"networkActivity\": [{\"id\": \"n\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"peakPacketsPerSecond\": %d}]|49999|false|packet flood: peak 49999 packets per second (n), threshold 50000",
                "2.4 outbound packet flood|\"networkActivity\": [{\"id\": \"n\", \"accountId\": \"acc-1\", \"windowSeconds\": 60, \"peakPacketsPerSecond\": %d}]|50000|true|",
                "2.14 IP scan across many hosts|\"networkActivity\": [{\"id\": \"n\", \"accountId\": \"acc-1\", \"windowSeconds\": 300, \"distinctDestinations\": %d}]|999|false|scan: 999 distinct destinations in 300 s (n), threshold 1000 in 300 s",
                "2.14 IP scan across many hosts|\"networkActivity\": [{\"id\": \"n\", \"accountId\": \"acc-1\", \"windowSeconds\": 300, \"distinctDestinations\": %d}]|1000|true|",
            })
    void aThresholdRuleThatDidNotFireSaysHowCloseTheFactsCame(
            String rule, String facts, int value, boolean fires, String text) {
        Explanation e = explain(facts.formatted(value), null);
        Optional<Explanation.NearMiss> m = miss(e, rule);
        if (fires) {
            assertThat(m).isEmpty();
            if (!rule.contains("derive")) {
                assertThat(fired(e)).contains(rule);
            }
        } else {
            assertThat(m).isPresent();
            assertThat(m.get().text()).isEqualTo(text);
            assertThat(m.get().observed()).contains((double) value);
            assertThat(fired(e)).doesNotContain(rule);
        }
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
