package org.auprules.examples.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidInputException;
import org.auprules.api.Notice;
import org.auprules.api.Severity;
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
        try (in) {
            lines.build().run(in, source, history == null ? results : history.keeping(results));
        } catch (InvalidInputException e) {
            out.flush();
            err.println("aup-rules: " + CliSupport.describe(e));
            return ExitException.INVALID_INPUT;
        } catch (UncheckedIOException | java.io.IOException e) {
            out.flush();
            err.println("aup-rules: cannot read `" + source + "`: " + e.getMessage());
            return ExitException.INVALID_INPUT;
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
     * Prints the result of a whole document as JSON Lines: one line per account, in account-id order,
     * with the notices that concern no account and every fired rule in the summary line.
     */
    static void printByAccount(FactSet evaluated, EvaluationResult result, PrintWriter out) {
        AccountResults results = new AccountResults(OutputFormat.JSONL, result.policy(), out);
        results.start(result.evaluatedAt());
        Map<String, List<Violation>> violations = new LinkedHashMap<>();
        Map<String, List<Notice>> notices = new LinkedHashMap<>();
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
                    first ? result.firedRules() : List.of());
            first = false;
        }
        results.unattributed(unattributed);
        results.finish();
    }
}
