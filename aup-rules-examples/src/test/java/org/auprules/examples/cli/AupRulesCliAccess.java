package org.auprules.examples.cli;

/** Lets tests of other packages run the command line in this JVM, as {@link CliRun} does. */
public final class AupRulesCliAccess {

    private AupRulesCliAccess() {}

    /**
     * Runs {@code aup-rules} with text on standard input.
     *
     * @param stdin  standard input
     * @param outErr receives standard output at 0 and standard error at 1
     * @param args   the arguments
     * @return the exit code
     */
    public static int run(String stdin, String[] outErr, String... args) {
        CliRun run = CliRun.withInput(stdin, args);
        outErr[0] = run.out();
        outErr[1] = run.err();
        return run.code();
    }
}
