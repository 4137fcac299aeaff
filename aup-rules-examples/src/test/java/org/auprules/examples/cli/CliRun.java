package org.auprules.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One run of the command line in this JVM, with its exit code and what it printed.
 *
 * @param code the exit code
 * @param out  standard output
 * @param err  standard error
 */
record CliRun(int code, String out, String err) {

    /** Runs {@code aup-rules} with these arguments, capturing the standard streams. */
    static CliRun of(String... args) {
        return withInput("", args);
    }

    /** Runs {@code aup-rules} with text on standard input. */
    static CliRun withInput(String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Charset charset = Charset.defaultCharset();
        try {
            System.setOut(new PrintStream(out, true, charset));
            System.setErr(new PrintStream(err, true, charset));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int code = AupRulesCli.run(args);
            return new CliRun(code, out.toString(charset), err.toString(charset));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    /** The lines of standard output. */
    List<String> lines() {
        return out.lines().toList();
    }

    /** The last line of standard output. */
    String lastLine() {
        List<String> lines = lines();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** Everything, for assertion messages. */
    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
