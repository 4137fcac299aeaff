package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.auprules.api.InvalidInputException;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.Kind;
import org.auprules.drools.CompiledPolicy;
import org.auprules.internal.DidYouMean;
import org.auprules.testing.Traceability;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aup-rules clauses}: the clause catalog of a policy, and with {@code --matrix} what cites each clause. */
@Command(
        name = "clauses",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the clause catalog, or traces each clause to its rules and scenarios.",
            "",
            "Each clause is listed with its id, kind (PROHIBITION, ENFORCEMENT or HEADING), category, heading, "
                    + "the actions it authorizes and its verbatim text (wrapped in text, whole in JSON).",
            "",
            "With --matrix it prints, for every PROHIBITION clause, what can cite it and what tests it, so an "
                    + "auditor sees the coverage of the policy at a glance: a table of counts first, then per clause "
                    + "the DRL rules whose @clause names it (file:line and rule name), the rows of the signatures.csv, "
                    + "contentCategories and reportTypes tables that name it (file:line, the violation's rule id and what "
                    + "the row matches; a table counts only when a @clauseFrom rule reads it), the pack's "
                    + "scenarios that expect it violated and those that show an account keeping it (file:line, "
                    + "description and accounts). Scenarios are read, not run: 'aup-rules test' runs them.",
            "",
            "A clause with no rule or table row, no violating scenario or no innocent scenario is marked GAP, "
                    + "and so is a scenario that cites an id that is not a PROHIBITION clause. The last line "
                    + "sums it up."
        },
        footer = {
            "",
            "Examples:",
            "  aup-rules clauses",
            "  aup-rules clauses 2.12 3.3",
            "  aup-rules clauses --matrix",
            "  aup-rules clauses --matrix --fail-on-gap --policy my-pack",
            "  aup-rules clauses --matrix --format json > traceability.json",
            "",
            "Exit codes:",
            "  0  success",
            "  1  --fail-on-gap, and a clause has a gap or there is a stray citation",
            "  2  an unknown CLAUSE, or a scenario file of the pack is unreadable or invalid",
            "  3  invalid policy pack"
        })
final class ClausesCommand implements Callable<Integer> {

    /** The formats clauses prints. */
    static final class Formats extends OutputFormat.Choice {
        Formats() {
            super(OutputFormat.TEXT, OutputFormat.JSON);
        }
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--policy",
            paramLabel = "DIR",
            description = "Policy pack folder, or `default` for the shipped Entrecloud AUP (the default).")
    @Nullable
    String policy;

    @Option(names = PolicyArgument.ALLOW_TRUSTED_PACKS, description = PolicyArgument.ALLOW_TRUSTED_PACKS_HELP)
    boolean allowTrustedPacks;

    @Option(
            names = "--matrix",
            description = "For each PROHIBITION clause, the rules and table rows that can cite it and the pack's "
                    + "scenarios that cite it, with every gap marked.")
    boolean matrix;

    @Option(
            names = "--fail-on-gap",
            description = "Exit 1 when a clause has a gap or a scenario cites an id that is not a PROHIBITION "
                    + "clause, for CI. Implies --matrix.")
    boolean failOnGap;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = Formats.class,
            completionCandidates = Formats.class,
            description = "Output format, any case: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Parameters(
            paramLabel = "CLAUSE",
            arity = "0..*",
            description = "Only these clauses, e.g. 2.12 1.A.2. Default: every clause.")
    List<String> only = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean withMatrix = matrix || failOnGap;
        CompiledPolicy compiled = PolicyArgument.compile(policy, allowTrustedPacks, err);
        List<Clause> clauses = select(compiled, withMatrix, err);
        String prefix = PolicyArgument.isDefault(policy) ? "" : policy + "/";
        if (!withMatrix) {
            out.print(
                    format == OutputFormat.JSON
                            ? ClausesReport.catalogJson(compiled.info(), clauses)
                            : ClausesReport.catalogText(compiled.info(), clauses));
            out.flush();
            return ExitException.OK;
        }
        Traceability trace;
        try {
            trace = Traceability.of(compiled);
        } catch (InvalidInputException e) {
            err.println("aup-rules: " + CliSupport.describe(e));
            return ExitException.INVALID_INPUT;
        }
        Set<String> ids = new LinkedHashSet<>();
        clauses.forEach(c -> ids.add(c.id().value()));
        List<Traceability.ClauseTrace> shown =
                trace.clauses().stream().filter(t -> ids.contains(t.id())).toList();
        out.print(
                format == OutputFormat.JSON
                        ? ClausesReport.matrixJson(compiled.info(), shown, trace.strays(), prefix)
                        : ClausesReport.matrixText(
                                compiled.info(), PolicyArgument.describe(policy), shown, trace.strays(), prefix));
        out.flush();
        boolean gaps = !trace.strays().isEmpty()
                || shown.stream().anyMatch(t -> !t.gaps().isEmpty());
        return failOnGap && gaps ? ExitException.FINDINGS : ExitException.OK;
    }

    /**
     * The clauses to show, in catalog order: those named on the command line, or all of them (only
     * the PROHIBITION clauses for the matrix). An id the catalog lacks ends with exit code 2.
     */
    private List<Clause> select(CompiledPolicy compiled, boolean withMatrix, PrintWriter err) {
        List<Clause> all = withMatrix
                ? compiled.catalog().prohibitions()
                : compiled.catalog().all();
        if (only.isEmpty()) {
            return all;
        }
        List<String> known =
                compiled.catalog().all().stream().map(c -> c.id().value()).toList();
        boolean bad = false;
        for (String id : only) {
            Optional<Clause> clause = compiled.catalog().find(id);
            if (clause.isEmpty()) {
                err.println("aup-rules: unknown clause `" + id + "` in policy `"
                        + compiled.info().name() + "`"
                        + DidYouMean.suggest(id, known)
                                .map(s -> "; did you mean `" + s + "`?")
                                .orElse(""));
                bad = true;
            } else if (withMatrix && clause.get().kind() != Kind.PROHIBITION) {
                err.println("aup-rules: clause `" + id + "` is " + clause.get().kind() + ": only PROHIBITION "
                        + "clauses have rules and scenarios to trace");
                bad = true;
            }
        }
        if (bad) {
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        Set<String> wanted = new LinkedHashSet<>();
        only.forEach(id -> compiled.catalog().find(id).ifPresent(c -> wanted.add(c.id().value())));
        return all.stream().filter(c -> wanted.contains(c.id().value())).toList();
    }
}
