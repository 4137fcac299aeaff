package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on a real terminal: util-linux's {@code script} runs it on a pseudo-terminal.
 * Standard input is a pipe that pauses for two seconds after the first accounts, so that the run
 * outlasts the counter's quiet first second on any machine. By default the counter appears when
 * standard error is the terminal, and not when standard error is redirected; --no-progress keeps
 * it off the terminal; standard output is the same file every time.
 */
class ProgressTerminalIT {

    @TempDir
    static Path dir;

    static Path fleet;

    @BeforeAll
    static void scriptIsThere_andAFleet() throws Exception {
        Assumptions.assumeTrue(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, "script"))),
                "util-linux's script is not installed");
        fleet = dir.resolve("fleet.jsonl");
        String[] r = sh("java -jar " + AupRulesJarIT.JAR + " generate --accounts 400 --seed 5 > " + fleet);
        assertThat(r[0]).as(r[1]).isEqualTo("0");
    }

    /** Runs a shell command line, returning its exit code and what it printed. */
    private static String[] sh(String line) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", line)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new String[] {String.valueOf(p.exitValue()), out};
    }

    /**
     * What the terminal showed while {@code aup-rules evaluate --format jsonl -} read the fleet
     * through a pausing pipe, its standard output going to {@code out}; {@code redirect} is added
     * to the command (e.g. {@code 2>err.txt}).
     */
    private static String onTerminal(String options, Path out, String redirect) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String pipeline = "(head -n 100 " + fleet + "; sleep 2; tail -n +101 " + fleet + ") | " + java + " -jar "
                + AupRulesJarIT.JAR.toAbsolutePath() + " evaluate " + options + " --format jsonl - > " + out + " "
                + redirect;
        // script -q: no start and end lines; -e: its exit code is the command's; -c: the command
        String[] r = sh("script -qec '" + pipeline + "' /dev/null");
        assertThat(r[0]).as(r[1]).isEqualTo("0");
        return r[1];
    }

    @Test
    void onATerminal_theCounterIsShownByDefault_andNotWhenStderrIsRedirected() throws Exception {
        Path shownOut = dir.resolve("shown.jsonl");
        String terminal = onTerminal("", shownOut, "");
        assertThat(terminal)
                .as("what the terminal showed")
                .containsPattern("\r  \\d+ accounts  [\\d.]+/s *\r")
                .doesNotContain(" left", "{\"account");
        // erased at the end: the last thing drawn is the blank that wipes the line
        assertThat(terminal).containsPattern("\r +\r\\s*$");

        Path quietOut = dir.resolve("quiet.jsonl");
        Path err = dir.resolve("err.txt");
        String quiet = onTerminal("", quietOut, "2> " + err);
        assertThat(quiet).doesNotContain("accounts");
        assertThat(err).isEmptyFile();

        assertThat(Files.readAllBytes(shownOut)).isEqualTo(Files.readAllBytes(quietOut));
        List<String> lines = Files.readAllLines(shownOut);
        assertThat(lines).hasSize(402); // the header, 400 accounts, the summary
    }

    @Test
    void noProgress_keepsTheCounterOffTheTerminal() throws Exception {
        Path out = dir.resolve("off.jsonl");
        String terminal = onTerminal("--no-progress", out, "");
        assertThat(terminal).doesNotContain("accounts", "\r");
        assertThat(Files.readAllLines(out)).hasSize(402);
    }
}
