package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user runs it: exit codes, stdout and stderr. */
class AupRulesJarIT {

    static final Path JAR = Path.of("target/aup-rules.jar");
    static final String FLEET = "samples/fleet.json";

    /** What one run printed and how it ended. */
    record Run(int exit, String out, String err) {}

    static Run run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectInput(
                        stdin == null
                                ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                                : ProcessBuilder.Redirect.PIPE)
                .start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
        }
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void evaluateTheSampleFleet_printsATableGroupedByAccount() throws Exception {
        Run r = run(null, "evaluate", FLEET);
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .startsWith("Entrecloud AUP 2017-01-01")
                .contains("acc-newsletter")
                .contains("1.A.2  HIGH     CONFIRMED bulk email to a list that is not double opt-in")
                .contains("evidence: mailingList list-blast, email m-blast-1")
                .doesNotContain("acc-clean-shop\n");
    }

    @Test
    void jsonFormat_isTheOutputDocument() throws Exception {
        Run r = run(null, "evaluate", "--format", "json", FLEET);
        assertThat(r.exit()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("policy").path("name").asText()).isEqualTo("Entrecloud AUP");
        assertThat(doc.path("violations").size())
                .isEqualTo(doc.path("summary").path("violations").asInt())
                .isPositive();
        JsonNode v = doc.path("violations").get(0);
        assertThat(v.fieldNames())
                .toIterable()
                .containsExactly(
                        "ruleId",
                        "clause",
                        "category",
                        "severity",
                        "certainty",
                        "accountId",
                        "actions",
                        "message",
                        "evidence");
        assertThat(v.path("clause").fieldNames()).toIterable().containsExactly("id", "heading", "text");
    }

    @Test
    void failOn_exitsOneAtOrAboveTheSeverity_andZeroBelow() throws Exception {
        String file = "src/test/resources/one-high.json";
        assertThat(run(null, "evaluate", "--fail-on", "HIGH", file).exit()).isEqualTo(1);
        assertThat(run(null, "evaluate", "--fail-on", "medium", file).exit()).isEqualTo(1);
        assertThat(run(null, "evaluate", "--fail-on", "CRITICAL", file).exit()).isZero();
    }

    @Test
    void factsFromStandardInput() throws Exception {
        Run r = run(Files.readString(Path.of("src/test/resources/one-high.json")), "evaluate", "--format", "json", "-");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"1.A.5 purchased or rented mailing list\"");
    }

    @Test
    void invalidInput_exitsTwo_namesPathAndLine_andPrintsNothingOnStdout() throws Exception {
        Run r = run(null, "evaluate", "src/test/resources/unknown-account.json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip())
                .matches("aup-rules: src/test/resources/unknown-account\\.json:5:\\d+: "
                        + "\\$\\.mailingLists\\[0\\]\\.accountId: unknown account `acc-404`: expected the id of an entry of "
                        + "`\\$\\.accounts`");
    }

    @Test
    void malformedJsonAndMissingFile_exitTwo() throws Exception {
        Run malformed = run("{\"accounts\": [", "evaluate", "-");
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("aup-rules: <stdin>:1:").contains(": malformed JSON");
        Run missing = run(null, "evaluate", "no-such.json");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read `no-such.json`: no such file");
    }

    @Test
    void invalidPolicyPack_exitsThree_withFileLineAndColumn(@TempDir Path pack) throws Exception {
        Files.createDirectories(pack.resolve("rules"));
        Files.writeString(
                pack.resolve("policy.json"),
                new String(
                        getClass()
                                .getResourceAsStream("/org/auprules/packs/entrecloud/policy.json")
                                .readAllBytes(),
                        StandardCharsets.UTF_8));
        Files.writeString(pack.resolve("rules/bad.drl"), """
                package rules;
                rule "1.A.1 broken"
                    @clause("1.A.1") @severity("HIGH")
                when
                    NoSuchFact( )
                then
                end
                """);
        Run r = run(null, "evaluate", "--policy", pack.toString(), FLEET);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(pack + "/rules/bad.drl:").contains(": error: ");
    }

    @Test
    void help_explainsCommandsAndExitCodes() throws Exception {
        Run top = run(null, "--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("evaluate").contains("Exit codes:");
        Run evaluate = run(null, "evaluate", "--help");
        assertThat(evaluate.out())
                .contains("--fail-on=SEVERITY")
                .contains("--format=FORMAT")
                .contains("--policy=DIR");
    }

    @Test
    void unknownOptionOrSeverity_isAUsageError() throws Exception {
        Run r = run(null, "evaluate", "--fail-on", "SEVERE", FLEET);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown severity `SEVERE`");
    }

    @Test
    void droolsBuildChatterDoesNotReachTheUser() throws Exception {
        Run r = run(null, "evaluate", FLEET);
        assertThat(r.err()).doesNotContain("KieBase").doesNotContain("SLF4J");
    }
}
