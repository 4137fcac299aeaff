package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The build generated the bash completion script and the man pages from the command classes:
 * picocli's AsciiDoc pages, and the troff pages Asciidoctor's manpage backend made of them, one
 * per command, which {@code man} and {@code groff} render without a warning.
 */
class CompletionAndManPagesIT {

    static final Path SCRIPT = Path.of("target/aup-rules_completion");

    /** What bash completes for the words typed so far, the last one being completed. */
    private static String complete(String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append('"').append(w).append("\" ");
        }
        String line = String.join(" ", words);
        String script = "source " + SCRIPT + " 2>/dev/null\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_aup-rules aup-rules '" + words[words.length - 1] + "' '" + words[words.length - 2]
                + "' 2>/dev/null\n"
                + "echo \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", script)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void bashCompletesCommandsOptionsAndFormats() throws Exception {
        assertThat(SCRIPT).isRegularFile();
        assertThat(Files.readString(SCRIPT)).contains("complete -F _complete_aup-rules");
        assertThat(complete("aup-rules", "te")).isEqualTo("test");
        assertThat(complete("aup-rules", "validate", "--format", "")).isEqualTo("text json sarif");
        assertThat(complete("aup-rules", "test", "--format", "")).isEqualTo("text json junit");
        assertThat(complete("aup-rules", "evaluate", "--format", ""))
                .contains("csv")
                .doesNotContain("junit");
        assertThat(complete("aup-rules", "evaluate", "--prog")).isEqualTo("--progress");
    }

    @Test
    void thereIsAManPagePerCommand_withItsOptions() throws Exception {
        for (String command : new String[] {"evaluate", "validate", "test", "diff", "ingest", "clauses", "init-pack"}) {
            Path page = Path.of("target/man/aup-rules-" + command + ".adoc");
            assertThat(page).isRegularFile();
            assertThat(Files.readString(page)).contains(":doctype: manpage").contains("aup-rules-" + command);
        }
        assertThat(Files.readString(Path.of("target/man/aup-rules-test.adoc")))
                .contains("*--format*=_FORMAT_")
                .contains("junit");
        assertThat(Files.readString(Path.of("target/man/aup-rules.adoc")))
                .contains("= aup-rules(1)")
                .contains("xref:aup-rules-evaluate.adoc[*evaluate*]");
    }

    /** The commands of the CLI, as picocli sees them: each has a page. */
    private static java.util.SortedSet<String> commands() {
        return new TreeSet<>(new CommandLine(new AupRulesCli()).getSubcommands().keySet());
    }

    /** Runs a program, returning its exit code, standard output and standard error. */
    private static String[] run(List<String> command) throws Exception {
        Path errFile = Files.createTempFile("man-err", ".txt");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(errFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new String[] {String.valueOf(p.exitValue()), out, Files.readString(errFile)};
        } finally {
            Files.deleteIfExists(errFile);
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    @Test
    void thereIsATroffManPagePerCommand_inSection1_andOnlyThose() throws Exception {
        TreeSet<String> expected = new TreeSet<>();
        expected.add("aup-rules.1");
        commands().forEach(c -> expected.add("aup-rules-" + c + ".1"));
        TreeSet<String> pages = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("target/man"))) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".1"))
                    .forEach(pages::add);
        }
        assertThat(pages).isEqualTo(expected);
        for (String name : pages) {
            String page = Files.readString(Path.of("target/man", name));
            String title = name.substring(0, name.length() - 2)
                    .toUpperCase(java.util.Locale.ROOT)
                    .replace("-", "\\-");
            assertThat(page)
                    .as(name)
                    .doesNotContain("include::")
                    // .TH "TITLE" "1" "date" "aup\-rules VERSION" "aup\-rules Manual"
                    .containsPattern("(?m)^\\.TH \"" + java.util.regex.Pattern.quote(title)
                            + "\" \"1\" \"[0-9-]+\" \"aup\\\\-rules [^\"]+\" \"aup\\\\-rules Manual\"$")
                    .contains(".SH \"NAME\"", ".SH \"SYNOPSIS\"", ".SH \"DESCRIPTION\"");
        }
        String evaluate = Files.readString(Path.of("target/man/aup-rules-evaluate.1"));
        assertThat(evaluate).contains(".SH \"OPTIONS\"", "\\-\\-[no\\-]progress", "\\-\\-format");
    }

    @Test
    void groffAndManRenderEveryPage_withoutAWarning() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("groff"), "groff is not installed");
        List<String> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("target/man"))) {
            files.map(Path::toString).filter(n -> n.endsWith(".1")).sorted().forEach(pages::add);
        }
        assertThat(pages).hasSizeGreaterThan(10);
        for (String page : pages) {
            // -k: the pages are UTF-8, as man's preconv reads them; -ww: every warning
            String[] r = run(List.of("groff", "-k", "-man", "-Tutf8", "-ww", "-z", page));
            assertThat(r[0]).as(page + ": " + r[2]).isEqualTo("0");
            assertThat(r[2]).as(page).isEmpty();
        }
        if (onPath("man")) {
            List<String> man =
                    new ArrayList<>(List.of("env", "MANWIDTH=80", "man", "-l", "target/man/aup-rules-evaluate.1"));
            String[] r = run(man);
            assertThat(r[0]).as(r[2]).isEqualTo("0");
            assertThat(r[2]).isEmpty();
            assertThat(r[1].replaceAll(".\b", ""))
                    .contains("AUP-RULES-EVALUATE(1)", "NAME", "aup-rules-evaluate - Evaluates a facts document")
                    .contains("--[no-]progress")
                    .doesNotContain("\\f", ".TH", "*--format*");
        }
    }
}
