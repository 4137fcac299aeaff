package org.auprules.examples.cli;

import org.auprules.api.EvaluationFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code aup-rules} command line: evaluate facts against a policy, and the tools analysts and
 * testers use on policy packs.
 */
@Command(
        name = "aup-rules",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Judges facts about hosting accounts against an Acceptable Use Policy written as Drools rules, "
                    + "and reports each violation with the clause it breaks, its evidence and the actions the "
                    + "policy authorizes.",
            "",
            "The default policy is the Entrecloud AUP; --policy DIR uses a pack of your own (see init-pack)."
        },
        subcommands = {
            CommandLine.HelpCommand.class,
            EvaluateCommand.class,
            InitPackCommand.class,
            ValidateCommand.class,
            TestCommand.class,
            DiffCommand.class,
            IngestCommand.class,
            ClausesCommand.class,
            ConvertCommand.class,
            GenerateCommand.class,
            org.auprules.examples.stream.StreamCommand.class,
            ExplainCommand.class,
            BenchCommand.class,
            org.auprules.examples.serve.ServeCommand.class,
            org.auprules.examples.serve.ServeBenchCommand.class,
            NoticeCommand.class,
        },
        footer = {
            "",
            "Exit codes:",
            "  0  success",
            "  1  a violation at or above --fail-on (evaluate), a failing test (test),",
            "     a change with --fail-on-change (diff),",
            "     or a gap with --fail-on-gap (clauses)",
            "  2  unreadable or invalid input, or a bad option",
            "  3  invalid policy pack",
            "  4  some report files were invalid (ingest, evaluate --reports)",
            "",
            "Run 'aup-rules help COMMAND' for the options of one command."
        })
public final class AupRulesCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command and its options, as typed after {@code aup-rules}
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit code, for tests and embedding.
     *
     * @param args the command and its options, as typed after {@code aup-rules}
     * @return the exit code the command ends with: 0 for success, the others as the usage footer lists them
     */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new AupRulesCli());
        // FORMAT, WHEN and the like read in any case, as SEVERITY and --format do
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // a mistyped option or value: the message and a pointer to the help, not the whole help
        cli.setParameterExceptionHandler((ex, typed) -> {
            CommandLine cmd = ex.getCommandLine();
            java.io.PrintWriter err = cmd.getErr();
            err.println("aup-rules: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("see `" + cmd.getCommandSpec().qualifiedName() + " --help`");
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof ExitException exit) {
                return exit.code();
            }
            if (ex instanceof EvaluationFailedException failed) {
                // a rule that throws is a fault of the policy pack, whichever command ran it
                cmd.getErr().println("aup-rules: " + failed.getMessage());
                return ExitException.INVALID_POLICY;
            }
            cmd.getErr().println("aup-rules: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return 70;
        });
        try {
            return cli.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // picocli hands errors on; outside a rule (the evaluator names those, exit 3) it is ours,
            // and never exit 1, which says a violation was found
            cli.getErr().println("aup-rules: internal error: " + e);
            return 70;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
