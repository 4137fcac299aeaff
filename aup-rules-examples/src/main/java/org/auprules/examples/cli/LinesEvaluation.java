package org.auprules.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.auprules.api.Escalation;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidInputException;
import org.auprules.api.Notice;
import org.auprules.api.Severity;
import org.auprules.api.SuppressedViolation;
import org.auprules.api.Violation;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.examples.changes.ViolationChange;
import org.auprules.json.FactsJsonLines;
import org.jspecify.annotations.Nullable;

/** {@code aup-rules evaluate} of a JSON Lines input, and the {@code jsonl} output of a whole document. */
final class LinesEvaluation {

    private LinesEvaluation() {}

    /**
     * Evaluates a JSON Lines stream and prints each account's result as it completes, in input order.
     * An invalid line stops the stream with exit code 2, after the results of the lines before it.
     * With {@code history} ({@code --history DB}), each account is judged with its prior findings and
     * the whole run is recorded once the stream has ended well; a stream that stops records nothing.
     */
    static int run(
            InputStream in,
            String source,
            CompiledPolicy policy,
            OutputFormat format,
            @Nullable Integer threads,
            @Nullable Severity failOn,
            @Nullable LinesHistory history,
            Progress.Counter progress,
            PrintWriter out,
            PrintWriter err) {
        DroolsAupEvaluator evaluator =
                DroolsAupEvaluator.builder().compiledPolicy(policy).build();
        FactsJsonLines.Evaluator.Builder lines =
                FactsJsonLines.Evaluator.builder(history == null ? evaluator : history.withPriorFindings(evaluator));
        if (threads != null) {
            lines.threads(threads);
        }
        AccountResults results = new AccountResults(format, policy.info(), out);
        // results print as they come: on a terminal the counter is erased first, so the two never share a line
        boolean sharedTerminal = progress.enabled() && Terminal.stdoutIsTerminal();
        FactsJsonLines.Evaluator.Sink counted = new FactsJsonLines.Evaluator.Sink() {
            @Override
            public void start(java.time.Instant evaluatedAt) {
                results.start(evaluatedAt);
            }

            @Override
            public void account(FactsJsonLines.Evaluator.AccountResult r) {
                if (sharedTerminal) {
                    progress.erase();
                }
                results.account(r);
                progress.add("");
            }
        };
        try (in) {
            lines.build().run(in, source, history == null ? counted : history.keeping(counted));
        } catch (InvalidInputException e) {
            progress.erase();
            out.flush();
            err.println("aup-rules: " + CliSupport.describe(e));
            return ExitException.INVALID_INPUT;
        } catch (UncheckedIOException | java.io.IOException e) {
            progress.erase();
            out.flush();
            err.println("aup-rules: cannot read `" + source + "`: " + e.getMessage());
            return ExitException.INVALID_INPUT;
        } finally {
            progress.erase();
        }
        List<ViolationChange> changes = history == null ? null : history.record(policy);
        results.finish(changes);
        if (history != null) {
            history.printChanges(changes, format, out);
        }
        return failOn != null
                        && results.maxSeverity().map(s -> s.atLeast(failOn)).orElse(false)
                ? ExitException.FINDINGS
                : ExitException.OK;
    }

    /**
     * How many accounts the JSON Lines file holds, for the progress counter: its lines that are not
     * blank, less a header line. The file is read once more for it, quickly, as bytes; -1 for standard
     * input, which cannot be read twice, or for a file that cannot be read (the run will say why).
     */
    static int countAccounts(String file) {
        if (file.equals("-")) {
            return -1;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            return -1;
        }
        int lines = 0;
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buf = new byte[1 << 16];
            boolean blank = true;
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        if (!blank) {
                            lines++;
                        }
                        blank = true;
                    } else {
                        if (lines == 0 && first.size() < FIRST_LINE_LIMIT) {
                            first.write(b);
                        }
                        if (b != ' ' && b != '\t' && b != '\r') {
                            blank = false;
                        }
                    }
                }
            }
            if (!blank) {
                lines++;
            }
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
        return lines > 0 && isHeader(first.toString(StandardCharsets.UTF_8)) ? lines - 1 : lines;
    }

    /** How much of the first line is kept to tell a header: a header is short, an account line may not be. */
    private static final int FIRST_LINE_LIMIT = 4096;

    private static boolean isHeader(String firstLine) {
        try {
            String text = firstLine.strip();
            text = text.startsWith("\uFEFF") ? text.substring(1) : text;
            return FactsJsonLines.read(text, 1, null, null) instanceof FactsJsonLines.Header;
        } catch (RuntimeException e) {
            return false; // a long or broken first line is an account line, or the run's error to report
        }
    }

    /**
     * Prints the result of a whole document as JSON Lines: one line per account, in account-id order,
     * with the notices that concern no account and every fired rule in the summary line.
     */
    static void printByAccount(FactSet evaluated, EvaluationResult result, PrintWriter out) {
        AccountResults results = new AccountResults(OutputFormat.JSONL, result.policy(), out);
        results.start(result.evaluatedAt());
        Map<String, List<Violation>> violations = new LinkedHashMap<>();
        Map<String, List<Notice>> notices = new LinkedHashMap<>();
        Map<String, List<SuppressedViolation>> waived = new LinkedHashMap<>();
        Map<String, List<Escalation>> escalations = new LinkedHashMap<>();
        result.suppressed().forEach(w -> waived.computeIfAbsent(w.violation().accountId(), k -> new ArrayList<>())
                .add(w));
        result.escalations().forEach(e -> escalations
                .computeIfAbsent(e.accountId(), k -> new ArrayList<>())
                .add(e));
        TreeSet<String> ids = new TreeSet<>();
        evaluated.accounts().stream().map(Account::id).forEach(ids::add);
        result.violations().forEach(v -> violations
                .computeIfAbsent(v.accountId(), k -> new ArrayList<>())
                .add(v));
        List<Notice> unattributed = new ArrayList<>();
        result.notices().forEach(n -> n.accountId()
                .ifPresentOrElse(
                        a -> notices.computeIfAbsent(a, k -> new ArrayList<>()).add(n), () -> unattributed.add(n)));
        boolean first = true;
        for (String id : ids) {
            results.account(
                    0,
                    id,
                    violations.getOrDefault(id, List.of()),
                    notices.getOrDefault(id, List.of()),
                    first ? result.firedRules() : List.of(),
                    waived.getOrDefault(id, List.of()),
                    escalations.getOrDefault(id, List.of()));
            first = false;
        }
        results.unattributed(unattributed);
        results.finish();
    }
}
