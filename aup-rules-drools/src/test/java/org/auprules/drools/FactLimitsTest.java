package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.StringJoiner;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.internal.FactsNormalizer;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limits on facts per call and per account: at the limit a call evaluates, one past it is refused. */
class FactLimitsTest {

    /** {@code accounts} accounts; the first sends {@code emails} messages and keeps {@code lists} lists. */
    static FactSet facts(int accounts, int emails, int lists) {
        StringJoiner a = new StringJoiner(",");
        for (int i = 0; i < accounts; i++) {
            a.add("{\"id\": \"acc-" + i + "\", \"plan\": \"shared-pro\"}");
        }
        StringJoiner e = new StringJoiner(",");
        for (int i = 0; i < emails; i++) {
            e.add("{\"id\": \"m-" + i + "\", \"accountId\": \"acc-0\", \"recipientCount\": 1}");
        }
        StringJoiner l = new StringJoiner(",");
        for (int i = 0; i < lists; i++) {
            l.add("{\"id\": \"l-" + i + "\", \"accountId\": \"acc-0\", \"source\": \"PURCHASED\"}");
        }
        return FactsJson.read(
                "{\"evaluatedAt\": \"2026-11-28T12:00:00Z\", \"accounts\": [" + a + "], \"emails\": [" + e
                        + "], \"mailingLists\": [" + l + "]}",
                null);
    }

    static DroolsAupEvaluator limited(int perCall, int perAccount) {
        return DroolsAupEvaluator.builder()
                .compiledPolicy(TestPolicy.DEFAULT.compiledPolicy())
                .factLimits(perCall, perAccount)
                .build();
    }

    @Test
    void atTheLimitPerAccount_theAccountIsEvaluated() {
        EvaluationResult r = limited(100, 3).evaluate(facts(2, 2, 1));
        assertThat(r.violations()).extracting(v -> v.ruleId()).contains("1.A.5 purchased or rented mailing list");
    }

    @ParameterizedTest(name = "{1} messages and {2} lists: refused at {3}")
    @CsvSource({"3, 4, 0, $.emails[3]", "3, 3, 1, $.mailingLists[0]", "3, 2, 2, $.mailingLists[1]"})
    void onePastTheLimitPerAccount_isAnInputErrorAtTheFirstFactPastIt(
            int perAccount, int emails, int lists, String path) {
        DroolsAupEvaluator evaluator = limited(100, perAccount);
        assertThatThrownBy(() -> evaluator.evaluate(facts(1, emails, lists)))
                .isInstanceOfSatisfying(InvalidFactsException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.getMessage())
                            .contains("account `acc-0` has more than " + perAccount
                                    + " facts, the limit for one account");
                });
        assertThat(evaluator.evaluate(facts(1, perAccount, 0)).summary().accounts())
                .as("the evaluator stays usable")
                .isEqualTo(1);
    }

    @Test
    void atTheLimitPerCall_theCallIsEvaluated() {
        assertThat(limited(5, 100).evaluate(facts(2, 2, 1)).summary().accounts())
                .isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} accounts, {1} messages, {2} lists: refused at {3}")
    @CsvSource({"6, 0, 0, $.accounts[5]", "1, 5, 0, $.emails[4]", "2, 3, 1, $.mailingLists[0]"})
    void onePastTheLimitPerCall_isAnInputErrorAtTheFirstFactPastIt(int accounts, int emails, int lists, String path) {
        assertThatThrownBy(() -> limited(5, 100).evaluate(facts(accounts, emails, lists)))
                .isInstanceOfSatisfying(InvalidFactsException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.getMessage()).contains("more than 5 facts in one document, the limit for one call");
                });
    }

    @Test
    void theLimitErrorCarriesTheLineOfItsPath() {
        String json = "{\"accounts\": [{\"id\": \"acc-0\", \"plan\": \"shared-pro\"}],\n \"emails\": [\n"
                + "  {\"id\": \"m-0\", \"accountId\": \"acc-0\"},\n  {\"id\": \"m-1\", \"accountId\": \"acc-0\"}]}";
        assertThatThrownBy(() -> limited(100, 1).evaluate(FactsJson.read(json, "big.json")))
                .isInstanceOfSatisfying(InvalidFactsException.class, e -> assertThat(
                                FactsJson.locate(e, json, "big.json").getMessage())
                        .endsWith("(line 4)"));
    }

    @Test
    void limitsBelowOneAreRefused() {
        assertThatThrownBy(() -> DroolsAupEvaluator.builder().factLimits(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fact limits must be at least 1, got 0 per call and 1 per account");
        assertThatThrownBy(() -> DroolsAupEvaluator.builder().factLimits(1, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultsAreTenMillionPerCallAndAQuarterMillionPerAccount() {
        assertThat(FactsNormalizer.DEFAULT_MAX_FACTS).isEqualTo(10_000_000);
        assertThat(FactsNormalizer.DEFAULT_MAX_FACTS_PER_ACCOUNT).isEqualTo(250_000);
        assertThat(FactsNormalizer.group(facts(3, 1000, 2)).accounts()).hasSize(3);
    }
}
