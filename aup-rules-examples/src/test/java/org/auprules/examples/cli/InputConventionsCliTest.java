package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the CLI tells about input other tools wrote: a plan the pack does not name, an epoch number for an instant. */
class InputConventionsCliTest {

    @Test
    void anUnknownPlan_isEvaluated_withAWarningOnStderr_andTheNoticeInTheJson() {
        String json = "\uFEFF{\"accounts\": [{\"id\": \"acc-1\", \"plan\": \"shared-pr0\", \"country\": \"de\"}]}";
        CliRun run = CliRun.withInput(json, "evaluate", "--format", "json", "-");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err().strip())
                .isEqualTo("warning: account `acc-1` has plan `shared-pr0`, which the pack does not name, so it is "
                        + "judged by the default thresholds; did you mean `shared-pro`?");
        assertThat(run.out()).contains("\"kind\" : \"UNKNOWN_PLAN\"").contains("\"reportId\" : \"\"");
    }

    @Test
    void theTextReport_namesTheNoticeByItsAccount() {
        // wide enough that the notice stays on one line
        CliRun run = CliRun.withInput(
                "{\"accounts\": [{\"id\": \"acc-1\", \"plan\": \"gold\"}]}", "evaluate", "--width", "400", "-");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("\nnotices\n  UNKNOWN_PLAN  acc-1: account `acc-1` has plan `gold`, which the pack does not "
                        + "name, so it is judged by the default thresholds; the pack's plans are `dedicated`, "
                        + "`shared-basic`, `shared-pro`, `vps-standard`\n");
        assertThat(run.err()).startsWith("warning: account `acc-1` has plan `gold`");
    }

    @Test
    void aKnownPlan_givesNoWarning() {
        CliRun run =
                CliRun.withInput("{\"accounts\": [{\"id\": \"acc-1\", \"plan\": \"shared-pro\"}]}", "evaluate", "-");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).doesNotContain("UNKNOWN_PLAN");
    }

    @Test
    void anInstantGivenAsANumber_isInvalidInput_namingItsPathAndLine() {
        String json = "{\"accounts\": [{\"id\": \"acc-1\", \"plan\": \"shared-pro\"}],\n"
                + " \"emails\": [{\"id\": \"m-1\", \"accountId\": \"acc-1\", \"sentAt\": 1764331200000}]}";
        CliRun run = CliRun.withInput(json, "evaluate", "-");
        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip())
                .isEqualTo("aup-rules: <stdin>:2:59: $.emails[0].sentAt: expected an ISO-8601 instant such as "
                        + "`2026-11-28T12:00:00Z` or `2026-11-28T14:00:00+02:00`, got the number `1764331200000`: "
                        + "a number is not read as an instant, since epoch seconds and epoch milliseconds cannot be "
                        + "told apart");
    }
}
