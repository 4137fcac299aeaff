package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.NoticeKind;
import org.auprules.api.Severity;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.examples.changes.ViolationChange;
import org.auprules.examples.history.HistoryReport;
import org.auprules.ingest.IngestResult;
import org.auprules.json.FactsJsonLines;
import org.auprules.json.ResultJson;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aup-rules evaluate}: judge a facts document and print the violations. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates a facts document against the policy.",
            "",
            "The facts document is the JSON input of docs/contract.md. Every violation is printed with its clause, "
                    + "severity, certainty, evidence and the actions the policy authorizes.",
            "",
            "The input may also be JSON Lines, one account and its facts per line (docs/contract.md); evaluate tells "
                    + "the two forms apart by their content. Lines are evaluated by --threads threads in flat memory, "
                    + "and each account's result is printed as soon as it and the accounts before it are done."
        },
        footer = {
            "",
            "Examples:",
            "  aup-rules evaluate aup-rules-examples/samples/fleet.json",
            "  aup-rules evaluate --format json --fail-on HIGH facts.json",
            "  aup-rules evaluate --format html facts.json > report.html",
            "  cat facts.json | aup-rules evaluate --policy my-pack -",
            "  aup-rules generate --accounts 100000 --seed 1 \\",
            "      | aup-rules evaluate --format jsonl -",
            "  aup-rules evaluate --history desk.db --since-last fleet.json",
            "  aup-rules evaluate --reports aup-rules-examples/samples/ingest/reports \\",
            "      --dkim-keys aup-rules-examples/samples/ingest/dkim-keys.txt \\",
            "      aup-rules-examples/samples/ingest/accounts.json",
            "",
            "Exit codes:",
            "  0  success",
            "  1  a violation at or above --fail-on (1 wins over 4)",
            "  2  unreadable or invalid input or --dkim-keys file: stderr names",
            "     the JSON path and line, stdout gets nothing",
            "  3  invalid policy pack",
            "  4  some --reports files were invalid: stderr names each problem,",
            "     the others were evaluated",
            "  5  the --history store could not be opened, read or written:",
            "     nothing of the run was recorded, stdout gets nothing (with a",
            "     JSON Lines input, the accounts' lines printed before it)"
        })
final class EvaluateCommand implements Callable<Integer> {

    /** The formats evaluate prints. */
    static final class Formats extends OutputFormat.Choice {
        Formats() {
            super(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.JSONL, OutputFormat.CSV, OutputFormat.HTML);
        }
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--policy",
            paramLabel = "DIR",
            description = "Policy pack folder to use instead of the default Entrecloud AUP.")
    @Nullable
    Path policy;

    @Option(names = PolicyArgument.ALLOW_TRUSTED_PACKS, description = PolicyArgument.ALLOW_TRUSTED_PACKS_HELP)
    boolean allowTrustedPacks;

    @Option(names = CliSupport.NO_CACHE, description = CliSupport.NO_CACHE_HELP)
    boolean noCache;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = Formats.class,
            completionCandidates = Formats.class,
            description =
                    "Output format, any case: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                            + "text is for triage, worst accounts first; json is the output document of docs/contract.md; "
                            + "jsonl is one line per account, printed as accounts finish, between a header line and a "
                            + "summary line; csv is one row per violation (account, clause, severity, certainty, rule, message, "
                            + "evidence) for spreadsheets; html is one self-contained page for the abuse desk (docs/abuse-desk.md).")
    OutputFormat format;

    @Option(
            names = "--color",
            paramLabel = "WHEN",
            defaultValue = "auto",
            description = "Colour the severities of the text report: auto (when standard output is a terminal and "
                    + "NO_COLOR is not set), always, never (default: ${DEFAULT-VALUE}).")
    Terminal.ColorMode color;

    @Option(
            names = "--width",
            paramLabel = "COLUMNS",
            description = "Wrap the text report at COLUMNS (default: the terminal's width from COLUMNS or stty, "
                    + "80 when standard output is not a terminal).")
    @Nullable
    Integer width;

    @Mixin
    ProgressOption progressOption;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads that evaluate the lines of a JSON Lines input (default: the number of processors).")
    @Nullable
    Integer threads;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            description = "Exit with 1 when a violation is at or above this severity: LOW, MEDIUM, HIGH, CRITICAL.",
            converter = SeverityConverter.class)
    @Nullable
    Severity failOn;

    @Option(
            names = "--decision-log",
            paramLabel = "FILE",
            description = "Append one JSON line for this evaluation to FILE (time, policy name, version and digest, "
                    + "SHA-256 of the canonical input, violations), before printing the result.")
    @Nullable
    Path decisionLog;

    @Option(
            names = "--reports",
            paramLabel = "DIR",
            description = "Ingest the abuse reports in this folder first, as 'aup-rules ingest' does: X-ARF (*.json) "
                    + "and ARF (*.eml) files at any depth, verified as --dkim-keys and --reports-authenticated say.")
    @Nullable
    Path reports;

    @Mixin
    ReportVerificationOptions verification;

    @Option(
            names = "--history",
            paramLabel = "DB",
            description = "Record this run's violations and suppressed findings in a history store, in one "
                    + "transaction, and count its earlier findings of the same accounts as prior offences for the "
                    + "pack's escalation table. DB is an SQLite file (created when missing) or a "
                    + "jdbc:postgresql: URL; the schema is migrated on open (docs/abuse-desk.md). With a JSON Lines "
                    + "input, every account's findings are recorded together once the whole stream is evaluated.")
    @Nullable
    String history;

    @Option(
            names = "--since-last",
            description = "With --history: also print each finding that OPENED, CHANGED or was RESOLVED since "
                    + "the store's previous run, for the accounts of these facts (json: a `changes` array; "
                    + "jsonl: one line per change at the end).")
    boolean sinceLast;

    @Parameters(
            index = "0",
            paramLabel = "FILE|-",
            description = "The facts document or JSON Lines stream, or - to read it from standard input.")
    String file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (reports == null && verification.given()) {
            err.println("aup-rules: " + ReportVerificationOptions.AUTHENTICATED + " and "
                    + ReportVerificationOptions.DKIM_KEYS
                    + " apply to the reports of `--reports DIR`; give that option too, or leave them out");
            return ExitException.INVALID_INPUT;
        }
        if (width != null && width < 1) {
            err.println("aup-rules: --width must be a positive number of columns, got `" + width + "`");
            return ExitException.INVALID_INPUT;
        }
        if (threads != null && threads < 1) {
            err.println("aup-rules: --threads must be at least 1, got " + threads);
            return ExitException.INVALID_INPUT;
        }
        if (sinceLast && history == null) {
            err.println("aup-rules: --since-last compares with the previous run of a history store; give --history DB");
            return ExitException.INVALID_INPUT;
        }
        if (sinceLast && (format == OutputFormat.CSV || format == OutputFormat.HTML)) {
            err.println("aup-rules: --since-last prints its changes with --format text, json or jsonl, not " + format);
            return ExitException.INVALID_INPUT;
        }
        FactsJsonLines.Form.Sniffed sniffed = CliSupport.sniffFacts(file, err);
        if (sniffed.form() == FactsJsonLines.Form.LINES) {
            if (format == OutputFormat.CSV || format == OutputFormat.HTML) {
                err.println("aup-rules: --format " + format + " needs the whole document; "
                        + "use --format jsonl or text with a JSON Lines input, or convert it with 'aup-rules convert'");
                return ExitException.INVALID_INPUT;
            }
            if (reports != null || decisionLog != null) {
                err.println("aup-rules: --reports and --decision-log need the whole document; "
                        + "convert the JSON Lines input with 'aup-rules convert' first, or leave them out");
                return ExitException.INVALID_INPUT;
            }
            CompiledPolicy streamed = CliSupport.loadPolicy(this.policy, allowTrustedPacks, !noCache, err);
            Progress progress = Progress.of(err, progressOption);
            return LinesEvaluation.run(
                    sniffed.input(),
                    CliSupport.sourceName(file),
                    streamed,
                    format,
                    threads,
                    failOn,
                    history == null ? null : new LinesHistory(HistoryOption.open(history, err), sinceLast),
                    progress.counter(progress.enabled() ? LinesEvaluation.countAccounts(file) : -1, "accounts"),
                    out,
                    err);
        }
        CliSupport.Input input = CliSupport.readFacts(sniffed.input(), CliSupport.sourceName(file), err);
        CompiledPolicy policy = CliSupport.loadPolicy(this.policy, allowTrustedPacks, !noCache, err);
        Progress progress = Progress.of(err, progressOption);
        IngestResult ingested = reports == null
                ? null
                : ReportsSupport.ingestFolder(reports, input, policy, verification, progress, err);
        FactSet read = ingested == null ? input.facts() : ingested.facts();
        HistoryOption store = history == null ? null : HistoryOption.open(history, err);
        FactSet evaluated = store == null ? read : store.withPriorFindings(read);
        DroolsAupEvaluator.Builder judge = DroolsAupEvaluator.builder().compiledPolicy(policy);
        if (progress.enabled()) {
            Progress.Counter accounts = progress.counter(evaluated.accounts().size(), "accounts");
            judge.onAccountEvaluated(id -> accounts.add(""));
        }
        DroolsAupEvaluator evaluator = judge.build();
        EvaluationResult result;
        try {
            result = evaluator.evaluate(evaluated);
        } catch (InvalidFactsException e) {
            progress.done();
            throw CliSupport.invalidFacts(e, input, err);
        } finally {
            progress.done(); // a rule that failed is reported after it too
        }
        // judged, but maybe not as meant: the person running the command hears it, not only the JSON
        result.notices().stream()
                .filter(n -> n.kind() == NoticeKind.UNKNOWN_PLAN)
                .forEach(n -> err.println("warning: " + n.message()));
        err.flush();
        if (decisionLog != null) {
            DecisionLogOption.record(decisionLog, evaluated, result, err);
        }
        List<ViolationChange> changes = store == null ? List.of() : store.record(evaluated, result, policy);
        switch (format) {
            case JSON ->
                out.print(store != null && sinceLast ? HistoryReport.json(result, changes) : ResultJson.write(result));
            case JSONL -> LinesEvaluation.printByAccount(evaluated, result, out);
            case CSV -> out.print(CsvReport.render(result));
            case HTML -> out.print(HtmlReport.render(result));
            default -> out.print(TextReport.render(result, style()));
        }
        if (store != null && sinceLast && (format == OutputFormat.TEXT || format == OutputFormat.JSONL)) {
            out.print(format == OutputFormat.TEXT ? store.text(changes) : HistoryReport.jsonLines(changes));
        }
        out.flush();
        Severity threshold = failOn;
        if (threshold != null
                && result.maxSeverity().map(s -> s.atLeast(threshold)).orElse(false)) {
            return ExitException.FINDINGS;
        }
        return ingested != null && !ingested.complete() ? ReportsSupport.SOME_REPORTS_INVALID : ExitException.OK;
    }

    private TextReport.Style style() {
        Integer columns = width;
        return new TextReport.Style(
                columns != null ? columns : Terminal.width(System.getenv()), color.colours(System.getenv()));
    }
}
