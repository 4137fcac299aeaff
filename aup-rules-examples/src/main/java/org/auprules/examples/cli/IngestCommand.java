package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.auprules.drools.TrustedReporters;
import org.auprules.ingest.IngestResult;
import org.auprules.ingest.ReportFormat;
import org.auprules.json.FactsJsonWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aup-rules ingest}: turn X-ARF or ARF abuse reports into facts, merged into a facts document. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Turns X-ARF and ARF abuse reports into facts.",
            "",
            "Reads abuse reports as they arrive, X-ARF v4 (JSON) or ARF feedback-loop mails (RFC 5965), "
                    + "and prints the facts document of --accounts with the reports, blacklist listings, emails "
                    + "and opt-out requests they become merged in, ready for 'aup-rules evaluate'.",
            "",
            "A report is attributed to the account whose ips or domains it names; one that no account owns "
                    + "is kept without accountId, and evaluate reports it as a notice. A report is verified only by "
                    + "proof that one of the pack's trustedReporters sent it: an ARF mail by a valid DKIM signature "
                    + "aligned with that reporter (keys from DNS, or --dkim-keys), any report when "
                    + "--reports-authenticated declares its channel authenticated. Each report's "
                    + "details.verification says why it is verified or not. An invalid file is reported on stderr, "
                    + "and the others still go through."
        },
        footer = {
            "",
            "Examples:",
            "  aup-rules ingest xarf \\",
            "      --accounts aup-rules-examples/samples/ingest/accounts.json \\",
            "      aup-rules-examples/samples/ingest/reports/xarf-v4/",
            "  aup-rules ingest arf --accounts facts.json fbl/*.eml > merged.json",
            "  aup-rules ingest arf --dkim-keys dkim-keys.txt --accounts facts.json fbl/",
            "",
            "Exit codes:",
            "  0  every file ingested",
            "  2  unreadable or invalid --accounts or --dkim-keys, a bad option, or a",
            "     file named for the other format (an .eml to xarf): stdout gets nothing",
            "  3  invalid trustedReporters in the policy pack",
            "  4  some report files were invalid: stderr has each problem as",
            "     FILE: problem, stdout the document with every valid file merged in"
        })
final class IngestCommand implements Callable<Integer> {

    /** The formats, as the command line names them. */
    enum Format {
        xarf(ReportFormat.XARF),
        arf(ReportFormat.ARF);

        final ReportFormat format;

        Format(ReportFormat format) {
            this.format = format;
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "The reports' format: ${COMPLETION-CANDIDATES}.")
    Format format;

    @Parameters(
            index = "1..*",
            arity = "1..*",
            paramLabel = "FILE|DIR",
            description =
                    "Report files; a folder stands for its *.json (xarf) or *.eml (arf) files, " + "at any depth.")
    List<Path> files;

    @Option(
            names = "--accounts",
            required = true,
            paramLabel = "FACTS.json",
            description =
                    "The facts document (docs/contract.md) whose accounts own the reported addresses; - reads stdin.")
    String accounts;

    @Option(
            names = "--policy",
            paramLabel = "DIR",
            description = "Policy pack whose trustedReporters verify reports, instead of the default pack's.")
    @Nullable
    Path policy;

    @Mixin
    ReportVerificationOptions verification;

    @Mixin
    ProgressOption progressOption;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!namedForTheirFormat(err)) {
            return ExitException.INVALID_INPUT;
        }
        CliSupport.Input input = CliSupport.readFacts(accounts, err);
        TrustedReporters trusted = ReportsSupport.trustedReporters(policy, err);
        IngestResult result = ReportsSupport.ingest(
                format.format, files, input.facts(), trusted, verification, Progress.of(err, progressOption), err);
        out.print(FactsJsonWriter.write(result.facts()));
        out.flush();
        return result.complete() ? ExitException.OK : ReportsSupport.SOME_REPORTS_INVALID;
    }

    /**
     * Whether every file named one by one has this format's extension, or none the other format
     * uses: an {@code .eml} given to {@code ingest xarf} is an ARF mail, and the message says which
     * command reads it, rather than that it is malformed JSON.
     */
    private boolean namedForTheirFormat(PrintWriter err) {
        boolean fine = true;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            java.util.Optional<ReportFormat> named = ReportFormat.ofFileName(f.toString());
            if (named.isPresent() && named.get() != format.format) {
                Format other = named.get() == ReportFormat.ARF ? Format.arf : Format.xarf;
                err.println("aup-rules: `" + f + "` is "
                        + (other == Format.arf ? "an ARF mail (*.eml)" : "an X-ARF report (*.json)")
                        + ", not " + (format == Format.arf ? "an ARF mail" : "an X-ARF report")
                        + ": use `aup-rules ingest "
                        + other + "` for it");
                fine = false;
            }
        }
        err.flush();
        return fine;
    }
}
