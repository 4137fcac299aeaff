package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccessKind;
import org.auprules.api.facts.Export;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.PermitType;
import org.auprules.api.facts.ReportType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The language of {@code @message}: how it renders, and what it refuses. */
class MessageTemplateTest {

    private static final HostedProcess MINER =
            new HostedProcess("p-1", "acc-1", 4242, "xmrig", null, 98.5, 512, 7200, List.of());

    private static MessageTemplate template(String text) {
        MessageTemplate.Parsed parsed = MessageTemplate.parse(text);
        assertThat(parsed.error()).as("syntax error").isEmpty();
        return parsed.template().orElseThrow();
    }

    private static String render(String text, Map<String, Object> bindings) {
        return template(text).render(bindings::get);
    }

    @Test
    void bindingsAndFieldPathsAreWrittenOneWay() {
        assertThat(render(
                        "{$p} has used {$p.cpuPercent}% CPU over {$p.runtimeSeconds} s; the limit is {$cpu}%",
                        Map.of("$p", MINER, "$cpu", 90.0)))
                .isEqualTo("process `xmrig` (pid 4242) has used 98.5% CPU over 7200 s; the limit is 90%");
    }

    @Test
    void aMissingValueIsWrittenAsNone_andAMissingFactOnAPathDoesNotThrow() {
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("$x", null);
        assertThat(render("item `{$x.item}` of {$x}", bindings)).isEqualTo("item `(none)` of (none)");
        assertThat(render(
                        "name `{$p.name}`",
                        Map.of("$p", new HostedProcess("p-2", "acc-1", 1, null, null, 0, 0, 0, List.of()))))
                .isEqualTo("name `(none)`");
    }

    @Test
    void anOptionalPartIsPrintedOnlyWhenEveryPlaceholderInItHasAValue() {
        String text = "`{$x.item}`[ (ECCN `{$x.eccn}`)] went to `{$x.destinationCountry}`[ at {$x.at}]";
        Export full = new Export("x-1", "acc-1", "IR", "vpn.tgz", "5D002", Instant.parse("2026-11-26T14:00:00Z"));
        Export bare = new Export("x-2", "acc-1", "IR", "vpn.tgz", null, null);
        assertThat(render(text, Map.of("$x", full)))
                .isEqualTo("`vpn.tgz` (ECCN `5D002`) went to `IR` at 2026-11-26T14:00:00Z");
        assertThat(render(text, Map.of("$x", bare))).isEqualTo("`vpn.tgz` went to `IR`");
    }

    @Test
    void anEmptyOptionalIsAbsent_andAFullOneIsItsValue() {
        String text = "classified[, and no valid `{$permit}` permit is on file]";
        assertThat(render(text, Map.of("$permit", Optional.empty()))).isEqualTo("classified");
        assertThat(render(text, Map.of("$permit", Optional.of(PermitType.CONTROLLED_SUBSTANCE))))
                .isEqualTo("classified, and no valid `CONTROLLED_SUBSTANCE` permit is on file");
    }

    @Test
    void alternativesTakeTheFirstValue_thenTheQuotedText() {
        String text = "from `{$r.organisation|$r.reporter}` about `{$r.details.work_title|'a copyrighted work'}`";
        AbuseReport withOrg = new AbuseReport(
                "r-1",
                "acc-1",
                ReportType.DMCA,
                null,
                "abuse@x.example",
                true,
                null,
                false,
                null,
                null,
                null,
                null,
                "Studio",
                null,
                Map.of("work_title", "Film"));
        AbuseReport without = AbuseReport.of("r-2", "acc-1", ReportType.DMCA, null, "abuse@x.example", true);
        assertThat(render(text, Map.of("$r", withOrg))).isEqualTo("from `Studio` about `Film`");
        assertThat(render(text, Map.of("$r", without))).isEqualTo("from `abuse@x.example` about `a copyrighted work`");
    }

    @Test
    void collectionsHaveASize() {
        assertThat(render("{$l.size} item(s): {$l}", Map.of("$l", List.of("a", "b"))))
                .isEqualTo("2 item(s): a, b");
    }

    @Test
    void namedFormats() {
        assertThat(render(
                        "{$k:hyphens} and {$k:words}; {$d:a}",
                        Map.of("$k", AccessKind.CROSS_ACCOUNT, "$d", "IRC server")))
                .isEqualTo("cross-account and cross account; an IRC server");
    }

    @Test
    void doubledBracesAndBracketsAreTheCharacters() {
        assertThat(render("{{literal}} [[x]] {$a}", Map.of("$a", 1))).isEqualTo("{literal} [x] 1");
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("has {$p", 4, "`{` is never closed with `}`"),
                Arguments.of("has $p}", 6, "`}` without `{`; write `}}` for the character"),
                Arguments.of("[ at {$x.at}", 0, "`[` is never closed with `]`"),
                Arguments.of("at]", 2, "`]` without `[`; write `]]` for the character"),
                Arguments.of(
                        "[ [{$a}] ]", 2, "`[` inside `[ ]`: optional parts do not nest; write `[[` for the character"),
                Arguments.of(
                        "[ always ]",
                        0,
                        "`[ ]` without a placeholder is always printed; write `[[` and `]]` for the characters"),
                Arguments.of("{$p:upper}", 4, "unknown format `upper`; expected `a`, `words` or `hyphens`"),
                Arguments.of(
                        "{p}",
                        1,
                        "expected a binding such as `$p` or a quoted text such as `'unknown'` in a placeholder, got `p`"),
                Arguments.of("{'x'|$p}", 5, "a quoted text must be the last choice of a placeholder"),
                Arguments.of("{$p.}", 4, "expected a name here"),
                Arguments.of("{$p!}", 3, "unexpected `!` in a placeholder; expected `.`, `|`, `:` or `}`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void syntaxErrorsSayWhereAndWhat(String text, int offset, String message) {
        MessageTemplate.Parsed parsed = MessageTemplate.parse(text);
        assertThat(parsed.template()).isEmpty();
        assertThat(parsed.error())
                .get()
                .extracting(MessageTemplate.SyntaxError::offset, MessageTemplate.SyntaxError::message)
                .containsExactly(offset, message);
    }

    @Test
    void checkAcceptsKnownBindingsAndFields() {
        Map<String, Type> types =
                Map.of("$p", HostedProcess.class, "$r", AbuseReport.class, "$cpu", double.class, "$l", List.class);
        assertThat(template("{$p} {$p.name} {$p.cpuPercent} {$cpu} {$r.details.work_title} {$l.size} {$r.type:words}")
                        .check(types))
                .isEmpty();
    }

    @Test
    void checkReportsUnknownBindingsAndFieldsAtTheirOffsets() {
        Map<String, Type> types = Map.of("$p", HostedProcess.class, "$cpu", double.class, "$l", List.class);
        List<MessageTemplate.Problem> problems =
                template("{$q} {$p.cpuPercnt} {$cpu.x} {$l.first}").check(types);
        assertThat(problems)
                .extracting(
                        MessageTemplate.Problem::offset,
                        MessageTemplate.Problem::message,
                        MessageTemplate.Problem::unknown)
                .containsExactly(
                        tuple(1, "unknown binding `$q` in @message", "$q"),
                        tuple(9, "unknown field `cpuPercnt` of `$p` (HostedProcess) in @message", "cpuPercnt"),
                        tuple(26, "`$cpu` (double) has no fields; `x` cannot be read from it", "x"),
                        tuple(33, "unknown field `first` of `$l` (List) in @message", "first"));
        assertThat(problems.get(0).candidates()).containsExactlyInAnyOrder("$p", "$cpu", "$l");
        assertThat(problems.get(1).candidates()).contains("cpuPercent", "name", "pid");
    }
}
