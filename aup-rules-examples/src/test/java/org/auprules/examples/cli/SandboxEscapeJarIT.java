package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged jar on a pack with an escape attempt, run as an analyst's CI and a service run it:
 * {@code validate} and {@code evaluate} refuse the pack with exit 3 and the attack's {@code
 * file:line:column}, and the attack never runs (its canary file, in a temp folder, never
 * appears). The same pack, trusted with {@code --allow-trusted-packs}, does create the file: the
 * attack is real; only metadata, which must be literal in every pack, is refused even then.
 */
class SandboxEscapeJarIT {

    /**
     * One attack: the rule file, where the error must point, what it must name (one of), and
     * whether it is refused in a trusted pack too (metadata must be literal in every pack).
     */
    record Attack(String name, String drl, String at, List<String> names, boolean refusedEvenTrusted) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String HEADER = """
            package rules;
            import org.auprules.api.facts.*;
            import org.auprules.drools.rules.*;
            global Findings findings;

            """;

    /** {@code touch %FILE%} through {@code java.beans.Expression}, every other name in strings. */
    private static final String BEANS_EXEC =
            "new java.beans.Expression(new java.beans.Expression(new java.beans.Expression("
                    + "new java.beans.Expression(\"\", \"getClass\", null).getValue(), \"forName\","
                    + " java.util.List.of(\"java.lang.Runtime\").toArray()).getValue(), \"getRuntime\", null).getValue(),"
                    + " \"exec\", java.util.List.of(\"touch %FILE%\").toArray()).getValue()";

    static Stream<Attack> attacks() {
        return Stream.of(
                new Attack(
                        "java.beans.Expression -> Runtime.exec in a consequence",
                        "rule \"3.7 escape\"\nwhen\n    $p : HostedProcess( )\nthen\n    " + BEANS_EXEC + ";\nend\n",
                        "java.beans.Expression",
                        List.of("Expression"),
                        false),
                new Attack(
                        "java.beans.Expression -> Runtime.exec in @note metadata (what validate would run)",
                        "rule \"3.7 escape\"\n    @note(" + BEANS_EXEC
                                + ")\nwhen\n    $p : HostedProcess( )\nthen\nend\n",
                        "java.beans.Expression",
                        List.of("Expression", "must be a literal"),
                        true),
                new Attack(
                        "Runtime.exec in a constraint",
                        "rule \"3.7 escape\"\nwhen\n    $p : HostedProcess( Runtime.getRuntime().exec(\"touch %FILE%\")"
                                + ".waitFor() == 0 )\nthen\nend\n",
                        "Runtime",
                        List.of("Runtime"),
                        false));
    }

    /**
     * The attacks that this branch's sandbox still lets through, with what happens: reported as
     * skipped with that reason; one that is refused after all fails until it is taken off.
     */
    static final Map<String, String> GETS_THROUGH = Map.of();

    @TempDir
    Path tmp;

    /**
     * A copy of the shipped pack with the attack in {@code rules/escape.drl}, its policy.json
     * saying {@code "trusted": true}: only the command line's leave decides.
     */
    private Path pack(Attack a, Path canary) throws IOException, InterruptedException {
        Path pack = tmp.resolve("pack");
        assertThat(AupRulesJarIT.run(null, "init-pack", pack.toString()).exit()).isZero();
        Files.writeString(
                pack.resolve("rules/escape.drl"),
                HEADER + a.drl().replace("%FILE%", canary.toString()),
                StandardCharsets.UTF_8);
        Path json = pack.resolve("policy.json");
        String text = Files.readString(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"trusted\": false");
        Files.writeString(json, text.replace("\"trusted\": false", "\"trusted\": true"), StandardCharsets.UTF_8);
        return pack;
    }

    /** The line of the attack's text in the rule file, and the column where that text ends. */
    private static int[] locate(Path pack, String at) throws IOException {
        String text = Files.readString(pack.resolve("rules/escape.drl"), StandardCharsets.UTF_8);
        int index = text.indexOf(at);
        assertThat(index).isNotNegative();
        int lineStart = text.lastIndexOf('\n', index) + 1;
        int line = (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
        return new int[] {line, index - lineStart + at.length()};
    }

    /** Whether a printed line is the refusal: at the attack's line, a column not past its text, naming it. */
    private static boolean isTheRefusal(String printed, String errorAt, int lastColumn, List<String> names) {
        Matcher m = Pattern.compile("\\Q" + errorAt + "\\E(\\d+): error: (.*)").matcher(printed);
        return m.matches()
                && Integer.parseInt(m.group(1)) <= lastColumn
                && names.stream().anyMatch(m.group(2)::contains)
                && m.group(2).contains("not allowed");
    }

    /** Waits a little for a file that an attack started with {@code exec} would create. */
    private static boolean appears(Path file) throws InterruptedException {
        for (int i = 0; i < 40 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
        return Files.exists(file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void validateAndEvaluate_refuseTheEscape_withItsLocation_andNeverRunIt(Attack a) throws Exception {
        String through = GETS_THROUGH.get(a.name());
        if (through == null) {
            assertRefused(a);
            return;
        }
        AssertionError failed = null;
        try {
            assertRefused(a);
        } catch (AssertionError e) {
            failed = e;
        }
        assertThat(failed)
                .as("`%s` is listed in GETS_THROUGH, but the sandbox refuses it now: take it off", a)
                .isNotNull();
        Assumptions.abort("gets through: " + through);
    }

    private void assertRefused(Attack a) throws Exception {
        // each run gets a copy of the pack with a canary of its own, so that a single wait at the
        // end tells which run started the attack (a wait after each run cost two seconds apiece)
        Path validateCanary = tmp.resolve("canary-validate");
        Path evaluateCanary = tmp.resolve("canary-evaluate");
        Path trustedCanary = tmp.resolve("canary-trusted");
        Path validatePack = pack(a, validateCanary);
        Path evaluatePack = copy(validatePack, a, evaluateCanary);
        Path trustedPack = copy(validatePack, a, trustedCanary);

        int[] at = locate(validatePack, a.at());
        String errorAt = validatePack.resolve("rules/escape.drl") + ":" + at[0] + ":";
        AupRulesJarIT.Run validate = AupRulesJarIT.run(null, "validate", validatePack.toString());
        String printed = validate.out() + validate.err();
        assertThat(validate.exit()).as(printed).isEqualTo(3);
        assertThat(printed.lines().filter(l -> l.startsWith(errorAt)))
                .as("an error at %s naming %s in:%n%s", errorAt, a.names(), printed)
                .anyMatch(l -> isTheRefusal(l, errorAt, at[1], a.names()));

        int[] evaluateAt = locate(evaluatePack, a.at());
        String evaluateErrorAt = evaluatePack.resolve("rules/escape.drl") + ":" + evaluateAt[0] + ":";
        AupRulesJarIT.Run evaluate =
                AupRulesJarIT.run(null, "evaluate", "--policy", evaluatePack.toString(), AupRulesJarIT.FLEET);
        assertThat(evaluate.exit()).as(evaluate.err()).isEqualTo(3);
        assertThat(evaluate.out()).isEmpty();
        assertThat(evaluate.err().lines().map(l -> l.replaceFirst("^aup-rules: ", "")))
                .as("the refusal in:%n%s", evaluate.err())
                .anyMatch(l -> isTheRefusal(l, evaluateErrorAt, evaluateAt[1], a.names()));

        AupRulesJarIT.Run trusted = AupRulesJarIT.run(
                null, "evaluate", "--allow-trusted-packs", "--policy", trustedPack.toString(), AupRulesJarIT.FLEET);
        if (a.refusedEvenTrusted()) {
            assertThat(trusted.exit()).as(trusted.err()).isEqualTo(3);
            assertThat(appears(trustedCanary))
                    .as("the attack ran in a trusted pack")
                    .isFalse();
        } else {
            assertThat(appears(trustedCanary))
                    .as("the same pack, trusted by the command line, runs the attack: %s", trusted.err())
                    .isTrue();
        }
        // by now the refused runs have had at least as long as the trusted one to start the attack
        assertThat(Files.exists(validateCanary))
                .as("the attack ran during validate")
                .isFalse();
        assertThat(Files.exists(evaluateCanary))
                .as("the attack ran during evaluate")
                .isFalse();
    }

    /** Another copy of the pack, its attack writing to another canary. */
    private Path copy(Path pack, Attack a, Path canary) throws IOException {
        Path copy = tmp.resolve("pack-" + canary.getFileName());
        try (Stream<Path> files = Files.walk(pack)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(pack.relativize(f).toString()));
            }
        }
        Files.writeString(
                copy.resolve("rules/escape.drl"),
                HEADER + a.drl().replace("%FILE%", canary.toString()),
                StandardCharsets.UTF_8);
        return copy;
    }
}
