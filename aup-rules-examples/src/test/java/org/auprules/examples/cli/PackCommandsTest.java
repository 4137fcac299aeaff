package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.auprules.drools.PolicyPack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aup-rules init-pack} and {@code aup-rules validate}, run as a user runs them. */
class PackCommandsTest {

    @TempDir
    Path tmp;

    /** What one run printed, and its exit code. */
    record Run(int code, String out, String err) {

        List<String> outLines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
        }
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = AupRulesCli.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void initPackCopiesTheDefaultPack_whichValidatesWithWarningsOnly() throws IOException {
        Path pack = tmp.resolve("my-pack");

        Run init = run("init-pack", pack.toString());

        assertThat(init.code()).isZero();
        assertThat(init.out()).startsWith("copied Entrecloud AUP (version 2017-01-01)");
        assertThat(PolicyPack.fromDirectory(pack).digest())
                .isEqualTo(PolicyPack.defaultPack().digest());
        assertThat(pack.resolve("scenarios")).isDirectory();

        Run validate = run("validate", pack.toString());

        assertThat(validate.code()).isZero();
        assertThat(validate.outLines())
                .allMatch(l -> l.startsWith(pack.resolve("policy.json") + ":") && l.contains(": warning: clause `"));
        assertThat(validate.err()).startsWith(pack + ": valid, 0 errors, ");
        assertThat(run("validate", "--errors-only", pack.toString()).out()).isEmpty();
    }

    @Test
    void initPackRefusesAFolderThatIsNotEmpty_andOverwritesNothing() throws IOException {
        Path pack = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(pack.resolve("policy.json"), "mine");

        Run init = run("init-pack", pack.toString());

        assertThat(init.code()).isEqualTo(2);
        assertThat(init.err()).contains("`" + pack + "` is not empty");
        assertThat(Files.readString(pack.resolve("policy.json"))).isEqualTo("mine");
        assertThat(pack.resolve("rules")).doesNotExist();
    }

    @Test
    void initPackRefusesAFile_butAcceptsAnEmptyFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThat(run("init-pack", file.toString()).code()).isEqualTo(2);

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(run("init-pack", empty.toString()).code()).isZero();
        assertThat(empty.resolve("rules/spam.drl")).exists();
    }

    @Test
    void validatePrintsEveryErrorAsPathLineColumn_andExits3() throws IOException {
        Path pack = tmp.resolve("p");
        run("init-pack", pack.toString());
        Path json = pack.resolve("policy.json");
        Files.writeString(json, Files.readString(json).replace("\"spamComplaints\": 3", "\"spamComplaint\": 3"));
        Files.writeString(pack.resolve("rules/cpu.drl"), """
                package rules;
                import org.auprules.api.facts.*;
                import org.auprules.drools.rules.*;
                global Findings findings;

                rule "3.1 sustained CPU"
                    @clause("3.1") @severity("HIGH") @message("cpu")
                when
                    $p : HostedProcess( cpuPercnt > 100 )
                then
                    findings.violation(kcontext, $p);
                end
                """);

        Run validate = run("validate", "--errors-only", pack.toString());

        assertThat(validate.code()).isEqualTo(3);
        assertThat(validate.outLines())
                .containsExactly(
                        json + ":884:17: error: missing threshold `spamComplaints`",
                        json + ":887:22: error: unknown threshold `spamComplaint`; did you mean `spamComplaints`?",
                        pack.resolve("rules/cpu.drl")
                                + ":9:25: error: rule `3.1 sustained CPU`: unknown field `cpuPercnt` of"
                                + " `HostedProcess`; did you mean `cpuPercent`?");
        assertThat(validate.err()).startsWith(pack + ": invalid, 3 errors, ");
    }

    @Test
    void validateOfAFolderThatDoesNotExistExits2() {
        Run validate = run("validate", tmp.resolve("nowhere").toString());

        assertThat(validate.code()).isEqualTo(2);
        assertThat(validate.err()).contains("is not a folder");
    }
}
