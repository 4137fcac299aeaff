package org.auprules.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.examples.notice.CustomerNotice;
import org.auprules.examples.notice.NoticeRenderer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aup-rules notice}: the notice a host sends an account holder about the clauses broken. */
@Command(
        name = "notice",
        mixinStandardHelpOptions = true,
        description = {
            "Renders the customer notice of an account, in plain text and HTML.",
            "",
            "Each clause the account broke is quoted verbatim from the policy, with what was observed "
                    + "in the fields the pack's notices/masking.json lets a customer see (reporter identity, "
                    + "signature names, internal ids and other accounts' data are left out), what the customer "
                    + "must do and by when. Waived violations are left out. The templates are the pack's "
                    + "notices/notice.txt.mustache and notices/notice.html.mustache. An account without "
                    + "violations gets a notice that says so.",
        },
        footer = {
            "",
            "Examples:",
            "  aup-rules notice --account acc-shell fleet.json",
            "  aup-rules notice --account acc-shell --format html fleet.json > acc-shell.html",
            "  aup-rules notice --account acc-shell --account acc-spam --out out/ fleet.json",
            "",
            "Exit codes:",
            "  0  rendered",
            "  2  unreadable or invalid input, an unknown account",
            "  3  invalid policy pack, or a pack without customer notices"
        })
final class NoticeCommand implements Callable<Integer> {

    enum Format {
        text,
        html
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--account",
            paramLabel = "ID",
            required = true,
            description = "The account to write to; repeat for several.")
    List<String> accounts = new ArrayList<>();

    @Option(
            names = "--policy",
            paramLabel = "DIR",
            description = "Policy pack folder to use instead of the default Entrecloud AUP.")
    @Nullable
    Path policy;

    @Option(names = PolicyArgument.ALLOW_TRUSTED_PACKS, description = PolicyArgument.ALLOW_TRUSTED_PACKS_HELP)
    boolean allowTrustedPacks;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "What to print on standard output without --out: text (default) or html.")
    Format format;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write ID.txt and ID.html for each account into this folder (made if missing) "
                    + "instead of printing.")
    @Nullable
    Path out;

    @Parameters(index = "0", paramLabel = "FACTS", description = "The facts document; - for standard input.")
    String file;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CliSupport.Input input = CliSupport.readFacts(file, err);
        CompiledPolicy compiled = CliSupport.loadPolicy(policy, allowTrustedPacks, err);
        NoticeRenderer renderer;
        try {
            renderer = NoticeRenderer.of(compiled);
        } catch (IllegalArgumentException e) {
            err.println("aup-rules: " + e.getMessage());
            return ExitException.INVALID_POLICY;
        }
        EvaluationResult result;
        try {
            result = DroolsAupEvaluator.builder()
                    .compiledPolicy(compiled)
                    .build()
                    .evaluate(input.facts());
        } catch (InvalidFactsException e) {
            throw CliSupport.invalidFacts(e, input, err);
        }
        List<CustomerNotice> notices = new ArrayList<>();
        for (String account : accounts) {
            try {
                notices.add(renderer.render(input.facts(), result, account));
            } catch (IllegalArgumentException e) {
                err.println("aup-rules: --account: " + e.getMessage());
                return ExitException.INVALID_INPUT;
            }
        }
        if (out == null) {
            for (CustomerNotice n : notices) {
                stdout.print(format == Format.html ? n.html() : n.text());
            }
            stdout.flush();
            return ExitException.OK;
        }
        try {
            Files.createDirectories(out);
            for (CustomerNotice n : notices) {
                String name = fileName(n.accountId());
                Files.writeString(out.resolve(name + ".txt"), n.text(), StandardCharsets.UTF_8);
                Files.writeString(out.resolve(name + ".html"), n.html(), StandardCharsets.UTF_8);
                err.println("aup-rules: wrote " + out.resolve(name + ".txt") + " and " + name + ".html ("
                        + n.violations() + " violation(s))");
            }
        } catch (IOException e) {
            err.println("aup-rules: --out: cannot write into `" + out + "`: " + e.getMessage());
            return ExitException.INVALID_INPUT;
        }
        return ExitException.OK;
    }

    /** The account id as a file name: characters other than letters, digits, '.', '_' and '-' become '_'. */
    static String fileName(String accountId) {
        String name = accountId.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.startsWith(".") ? "_" + name.substring(1) : name;
    }
}
