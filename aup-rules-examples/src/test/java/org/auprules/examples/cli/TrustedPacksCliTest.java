package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --allow-trusted-packs}: without it a pack that says {@code "trusted": true} is sandboxed, with a warning. */
class TrustedPacksCliTest {

    private static final String PROPERTY = "aup.rules.trusted.cli.test";
    private static final String WARNING =
            "policy.json:4:14: warning: `\"trusted\": true` is ignored and the rules are" + " sandboxed";
    private static final String ESCAPE = """
            package rules;
            import org.auprules.api.facts.*;
            import org.auprules.drools.rules.*;
            global Findings findings;

            rule "3.7 escape"
                @clause("3.7") @severity("HIGH")
            when
                $p : HostedProcess( )
            then
                System.setProperty("aup.rules.trusted.cli.test", $p.id());
            end
            """;

    @TempDir
    Path tmp;

    private Path pack;
    private Path facts;

    @BeforeEach
    void trustedPack() throws IOException {
        pack = tmp.resolve("pack");
        assertThat(CliRun.of("init-pack", pack.toString()).code()).isZero();
        Path json = pack.resolve("policy.json");
        String text = Files.readString(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"trusted\": false");
        Files.writeString(json, text.replace("\"trusted\": false", "\"trusted\": true"), StandardCharsets.UTF_8);
        facts = tmp.resolve("facts.json");
        Files.writeString(facts, """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-basic", "country": "US", "status": "ACTIVE"}],
                 "processes": [{"id": "p-1", "accountId": "acc-1", "pid": 1, "name": "cron"}]}
                """, StandardCharsets.UTF_8);
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    private void addEscape() throws IOException {
        Files.writeString(pack.resolve("rules/escape.drl"), ESCAPE, StandardCharsets.UTF_8);
    }

    @Test
    void validate_sandboxesATrustedPackWithoutTheFlag_andSaysHowToAllowIt() throws IOException {
        addEscape();

        CliRun run = CliRun.of("validate", pack.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitException.INVALID_POLICY);
        assertThat(run.out())
                .contains(pack.resolve(WARNING).toString())
                .contains("allow it with `allowTrustedPacks(true)` on the evaluator's builder, or"
                        + " `--allow-trusted-packs` on the command line\n")
                .contains(pack.resolve("rules/escape.drl") + ":");
        assertThat(run.lines())
                .anyMatch(l -> l.startsWith(pack.resolve("rules/escape.drl").toString())
                        && l.contains(": error: ")
                        && l.contains("3.7 escape"));
    }

    @Test
    void validate_withTheFlag_acceptsTheTrustedPack_withoutTheWarning() throws IOException {
        addEscape();

        CliRun run = CliRun.of("validate", "--allow-trusted-packs", pack.toString());

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).doesNotContain("\"trusted\": true");
    }

    @Test
    void evaluate_neverRunsATrustedPacksEscapeWithoutTheFlag() throws IOException {
        addEscape();

        CliRun refused = CliRun.of("evaluate", "--policy", pack.toString(), facts.toString());

        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitException.INVALID_POLICY);
        assertThat(System.getProperty(PROPERTY)).isNull();

        CliRun allowed = CliRun.of("evaluate", "--policy", pack.toString(), "--allow-trusted-packs", facts.toString());

        assertThat(allowed.code()).as(allowed.toString()).isZero();
        assertThat(System.getProperty(PROPERTY)).isEqualTo("p-1");
    }

    @Test
    void evaluate_warnsOnStandardErrorWhenItSandboxesAPackThatSaysTrusted() {
        CliRun run = CliRun.of("evaluate", "--policy", pack.toString(), facts.toString());

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).contains(pack.resolve(WARNING).toString());
        assertThat(run.out()).doesNotContain("trusted");
    }

    @Test
    void everyCommandThatLoadsAPack_hasTheFlag() {
        for (String command : List.of("evaluate", "validate", "test", "diff", "clauses")) {
            assertThat(CliRun.of("help", command).out()).as(command).contains("--allow-trusted-packs");
        }
        CliRun run = CliRun.of("clauses", "--policy", pack.toString(), "--allow-trusted-packs");
        assertThat(run.err()).as(run.toString()).doesNotContain("\"trusted\": true");
    }
}
