package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The build generated the bash completion script and the man pages from the command classes. */
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
}
