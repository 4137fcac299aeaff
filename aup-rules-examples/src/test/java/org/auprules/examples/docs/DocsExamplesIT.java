package org.auprules.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.auprules.examples.cli.AupRulesCliAccess;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shell example of README.md and docs/*.md that shows its output is run, and its output
 * compared with the doc: a change that alters an output fails here until the doc shows it.
 *
 * <p>The convention (CONTRIBUTING.md, "Examples in the docs are tested"): a fenced block marked
 * {@code console} or {@code text} whose lines starting with {@code $ } are commands, run in order from the project
 * folder, each in a shell of its own (files carry over, shell variables do not), each followed by the lines it prints (standard output, then standard
 * error). A command may go on over lines ending in {@code \}. In the output, a line that is just
 * {@code …} stands for any number of lines, and digests, times and the project's absolute path are
 * normalised on both sides. {@code aup-rules} runs the command line in this JVM; any other command
 * runs in {@code bash}, and so do {@code | …} pipelines after {@code aup-rules}.
 */
class DocsExamplesIT {

    /** The project folder: failsafe runs this IT with it as working folder (see the docs-examples execution in the pom), after the jar is packaged. */
    static final Path ROOT = Path.of("").toAbsolutePath();

    private static final Pattern BLOCK = Pattern.compile("(?ms)^```(?:console|text)\\n(.*?)^```\\s*$");
    private static final String ELISION = "…";
    private static final Pattern HEREDOC = Pattern.compile("<<-?'?(\\w+)'?");

    /** One command and the output the doc shows for it. */
    record Example(Path doc, int line, String command, List<String> expected) {}

    @TestFactory
    Stream<DynamicTest> everyExampleOfEveryDoc() throws IOException {
        // -Dit.test=DocsExamplesIT reaches the other failsafe execution too, whose working folder is the module
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isDirectory(ROOT.resolve("docs")),
                "runs in the docs-examples execution, from the project folder");
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs.stream()
                .filter(d -> !examples(d).isEmpty())
                .map(d -> DynamicTest.dynamicTest(ROOT.relativize(d).toString(), () -> runAll(d)));
    }

    @Test
    void theConventionIsUsed_soTheTestCannotPassEmpty() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(ROOT.resolve("docs")));
        assertThat(examples(ROOT.resolve("docs/cli.md"))).hasSizeGreaterThan(5);
        assertThat(examples(ROOT.resolve("docs/policy-testing.md"))).isNotEmpty();
        assertThat(examples(ROOT.resolve("README.md"))).isNotEmpty();
    }

    @Test
    void matching_elidesLinesAndNormalises() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(ROOT.resolve("docs")));
        assertThat(matches(List.of("a", "…", "z"), List.of("a", "b", "c", "z"))).isTrue();
        assertThat(matches(List.of("a", "…", "z"), List.of("a", "z"))).isTrue();
        assertThat(matches(List.of("a", "…", "z"), List.of("a", "b"))).isFalse();
        assertThat(matches(List.of("a", "b"), List.of("a", "b", "c"))).isFalse();
        assertThat(normalise("(sha256:a05a121f750b…) at 2026-11-28T12:00:00Z in 1.234 s"))
                .isEqualTo("(sha256:<digest>) at <time> in <seconds>");
        assertThat(normalise(ROOT + "/docs/cli.md")).isEqualTo("docs/cli.md");
    }

    /** Runs a doc's examples in order, failing at the first that differs with the block to paste. */
    private static void runAll(Path doc) throws Exception {
        List<String> failures = new ArrayList<>();
        for (Example e : examples(doc)) {
            List<String> actual = run(e.command());
            if (!matches(e.expected(), actual)) {
                failures.add(ROOT.relativize(doc) + ":" + e.line() + ": the output of\n  $ " + e.command()
                        + "\ndiffers from the doc. The doc shows:\n" + indent(e.expected())
                        + "The command printed (paste this under the `$ ` line):\n" + indent(actual));
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    private static String indent(List<String> lines) {
        StringBuilder sb = new StringBuilder("```console\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.append("```\n").toString();
    }

    /** The examples of a doc: every {@code $ } line of its console blocks, with the lines below it. */
    static List<Example> examples(Path doc) {
        String text;
        try {
            text = Files.readString(doc, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<Example> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            int blockLine = (int) text.substring(0, m.start(1))
                            .chars()
                            .filter(c -> c == '\n')
                            .count()
                    + 1;
            List<String> lines = m.group(1).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).startsWith("$ ")) {
                    continue;
                }
                int line = blockLine + i;
                StringBuilder command = new StringBuilder(lines.get(i).substring(2));
                while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                    command.setLength(command.length() - 1);
                    command.append(' ').append(lines.get(++i).strip());
                }
                Matcher heredoc = HEREDOC.matcher(command);
                if (heredoc.find()) {
                    // the document's lines are part of the command, up to the delimiter
                    String end = heredoc.group(1);
                    while (i + 1 < lines.size()) {
                        String l = lines.get(++i);
                        command.append('\n').append(l);
                        if (l.equals(end)) {
                            break;
                        }
                    }
                }
                List<String> expected = new ArrayList<>();
                while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("$ ")) {
                    expected.add(lines.get(++i));
                }
                out.add(new Example(doc, line, command.toString(), expected));
            }
        }
        return out;
    }

    /** Whether the actual lines are those expected, {@code …} lines eliding any number of lines. */
    static boolean matches(List<String> expected, List<String> actual) {
        return matches(
                expected.stream().map(DocsExamplesIT::normalise).toList(),
                0,
                actual.stream().map(DocsExamplesIT::normalise).toList(),
                0);
    }

    private static boolean matches(List<String> want, int w, List<String> got, int g) {
        if (w == want.size()) {
            return g == got.size();
        }
        if (want.get(w).strip().equals(ELISION)) {
            for (int k = g; k <= got.size(); k++) {
                if (matches(want, w + 1, got, k)) {
                    return true;
                }
            }
            return false;
        }
        return g < got.size() && want.get(w).equals(got.get(g)) && matches(want, w + 1, got, g + 1);
    }

    /** What may differ from run to run: digests, instants, seconds, the project's path, trailing blanks. */
    static String normalise(String line) {
        return line.replace(ROOT + "/", "")
                .replace(ROOT.toString(), ".")
                .replaceAll("sha256:[0-9a-f]{12,64}…?", "sha256:<digest>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>")
                .replaceAll("\\b\\d+\\.\\d+ s\\b", "<seconds>")
                .replaceAll("time=\"[\\d.]+\"", "time=\"<seconds>\"")
                .stripTrailing();
    }

    private static final Pattern AUP_RULES = Pattern.compile(
            "^aup-rules((?: +(?:'[^']*'|\"[^\"]*\"|[^ |;<>&'\"]+))*?)( *< *(\\S+))?( *> *(\\S+))?( *2>&1)?"
                    + "( *\\| *(.*?))?( *; *echo \"exit \\$\\?\")?$");

    /** Runs one command: {@code aup-rules …} in this JVM, anything else in bash; the lines it printed. */
    static List<String> run(String command) throws Exception {
        Matcher m = AUP_RULES.matcher(command.strip());
        if (!m.matches()) {
            return bash(command, null);
        }
        List<String> args = words(m.group(1));
        String stdin = m.group(3) == null ? "" : Files.readString(ROOT.resolve(m.group(3)));
        String[] outErr = new String[2];
        int code = AupRulesCliAccess.run(stdin, outErr, args.toArray(String[]::new));
        String out = outErr[0];
        String err = outErr[1];
        List<String> lines = new ArrayList<>();
        if (m.group(5) != null) {
            Files.writeString(ROOT.resolve(m.group(5)), out);
            out = "";
        }
        if (m.group(8) != null) {
            lines.addAll(bash(m.group(8), out));
            // in a pipeline, $? is the last command's status
            code = -1;
        } else {
            lines.addAll(out.lines().toList());
        }
        lines.addAll(err.lines().toList());
        if (m.group(9) != null) {
            lines.add("exit " + (code < 0 ? 0 : code));
        }
        return lines;
    }

    /** Shell words: spaces split, quotes group, as bash reads simple arguments. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|([^ ]+)").matcher(s.strip());
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }

    /** Runs a line in bash from the project folder, stderr merged; {@code aup-rules} there is the packaged jar. */
    static List<String> bash(String command, String stdin) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String prelude = "aup-rules() { '" + java + "' -jar '" + ROOT.resolve("aup-rules-examples/target/aup-rules.jar")
                + "' \"$@\"; }\n";
        Process p = new ProcessBuilder("bash", "-c", prelude + command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        InputStream in = p.getInputStream();
        String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(command).isTrue();
        return out.lines().toList();
    }

    static PrintStream utf8(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }

    static InputStream input(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
