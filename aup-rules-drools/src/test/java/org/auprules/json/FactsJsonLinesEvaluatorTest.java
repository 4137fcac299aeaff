package org.auprules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.auprules.api.AupEvaluator;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.PolicyInfo;
import org.auprules.api.facts.FactSet;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.drools.DroolsAupEvaluator;
import org.junit.jupiter.api.Test;

/** A stream is evaluated on several threads, and its results come back in input order, each account at one moment. */
class FactsJsonLinesEvaluatorTest {

    static final DroolsAupEvaluator EVALUATOR =
            DroolsAupEvaluator.builder().defaultPolicy().build();

    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    /** A miner on every third account, so that results differ from line to line. */
    static String account(int i) {
        String id = "acc-" + i;
        return "{\"account\": {\"id\": \"" + id + "\", \"plan\": \"shared-basic\"}, \"processes\": [{\"id\": \"p-" + i
                + "\", \"accountId\": \"" + id + "\", \"name\": \"" + (i % 3 == 0 ? "xmrig" : "nginx") + "\"}]}";
    }

    static String stream(boolean header, int accounts) {
        StringBuilder sb = new StringBuilder(header ? "{\"evaluatedAt\": \"" + AT + "\"}\n" : "");
        for (int i = 0; i < accounts; i++) {
            sb.append(account(i)).append('\n');
        }
        return sb.toString();
    }

    /**
     * The real evaluator, made to take longer on early lines than on late ones, so that late lines
     * finish first; it counts how many evaluations run at once.
     */
    static final class SlowFirst implements AupEvaluator {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final int accounts;

        SlowFirst(int accounts) {
            this.accounts = accounts;
        }

        @Override
        public EvaluationResult evaluate(FactSet facts) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                int i = Integer.parseInt(facts.accounts().get(0).id().substring("acc-".length()));
                Thread.sleep(Math.max(0, accounts - i) / 2);
                return EVALUATOR.evaluate(facts);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public PolicyInfo policy() {
            return EVALUATOR.policy();
        }

        @Override
        public ClauseCatalog catalog() {
            return EVALUATOR.catalog();
        }
    }

    @Test
    void severalThreads_handResultsOverInInputOrder_withTheVerdictOfEachAccountAlone() {
        int accounts = 30;
        SlowFirst slow = new SlowFirst(accounts);
        List<FactsJsonLines.Evaluator.AccountResult> results = new ArrayList<>();

        int count = FactsJsonLines.Evaluator.builder(slow)
                .threads(4)
                .window(12)
                .build()
                .run(in(stream(true, accounts)), "s", results::add);

        assertThat(count).isEqualTo(accounts);
        assertThat(results)
                .extracting(FactsJsonLines.Evaluator.AccountResult::line)
                .isSorted();
        assertThat(results)
                .extracting(FactsJsonLines.Evaluator.AccountResult::accountId)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, accounts)
                        .mapToObj(i -> "acc-" + i)
                        .toList());
        assertThat(slow.mostAtOnce.get()).isBetween(2, 4);
        for (FactsJsonLines.Evaluator.AccountResult r : results) {
            EvaluationResult alone = EVALUATOR.evaluate(
                    ((FactsJsonLines.AccountLine) FactsJsonLines.read(account(r.line() - 2), r.line(), null, AT))
                            .facts());
            assertThat(r.result()).isEqualTo(alone);
            assertThat(r.result().violations().isEmpty()).isEqualTo((r.line() - 2) % 3 != 0);
        }
    }

    @Test
    void streamWithoutHeader_evaluatesEveryAccountAtTheMomentItStarts() {
        Instant start = Instant.parse("2026-12-01T08:00:00Z");
        Clock ticking = Clock.tick(
                Clock.offset(Clock.fixed(start, ZoneOffset.UTC), java.time.Duration.ZERO),
                java.time.Duration.ofMillis(1));
        List<Instant> moments = new ArrayList<>();
        Instant[] started = {null};

        FactsJsonLines.Evaluator.builder(EVALUATOR)
                .threads(2)
                .clock(ticking)
                .build()
                .run(in(stream(false, 5)), null, new FactsJsonLines.Evaluator.Sink() {
                    @Override
                    public void start(Instant evaluatedAt) {
                        started[0] = evaluatedAt;
                    }

                    @Override
                    public void account(FactsJsonLines.Evaluator.AccountResult r) {
                        moments.add(r.result().evaluatedAt());
                    }
                });

        assertThat(started[0]).isEqualTo(start);
        assertThat(moments).hasSize(5).containsOnly(start);
    }

    @Test
    void firstInvalidLine_stopsTheStream_afterTheResultsOfTheLinesBeforeIt() {
        String[] lines = stream(true, 10).split("\n");
        lines[6] = lines[6].replace("\"name\"", "\"nmae\""); // line 7 of the stream: account 5
        List<Integer> handed = new ArrayList<>();

        assertThatThrownBy(() -> FactsJsonLines.Evaluator.builder(EVALUATOR)
                        .threads(3)
                        .build()
                        .run(in(String.join("\n", lines)), "fleet.jsonl", r -> handed.add(r.line())))
                .isInstanceOfSatisfying(InvalidFactsException.class, e -> {
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.path()).isEqualTo("$.processes[0].nmae");
                    assertThat(e.source()).contains("fleet.jsonl");
                });
        assertThat(handed).containsExactly(2, 3, 4, 5, 6);
    }

    @Test
    void errorTheEvaluatorFinds_isLocatedInItsLine() {
        String stream = account(0) + "\n" + account(1).replace("\"accountId\": \"acc-1\"", "\"accountId\": \"acc-7\"");

        assertThatThrownBy(() ->
                        FactsJsonLines.Evaluator.builder(EVALUATOR).build().run(in(stream), "s", r -> {}))
                .isInstanceOfSatisfying(InvalidFactsException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.path()).isEqualTo("$.processes[0].accountId");
                })
                .hasMessageContaining("unknown account `acc-7`: a line holds the facts of its own `account` only");
    }

    @Test
    void builder_refusesNoThreadsAndNoWindow() {
        assertThatThrownBy(() -> FactsJsonLines.Evaluator.builder(EVALUATOR).threads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be at least 1, got 0");
        assertThatThrownBy(() -> FactsJsonLines.Evaluator.builder(EVALUATOR).window(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window must be at least 1 line, got 0");
    }

    static ByteArrayInputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
