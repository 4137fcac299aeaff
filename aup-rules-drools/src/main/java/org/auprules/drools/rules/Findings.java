package org.auprules.drools.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.auprules.api.Evidence;
import org.auprules.api.Notice;
import org.auprules.api.NoticeKind;
import org.auprules.api.Violation;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.Fact;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.ClauseCatalog;
import org.jspecify.annotations.Nullable;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.Match;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The global {@code findings} of every session: rules hand over what they matched here, and the
 * engine turns each hand-over into a {@link Violation} from the rule's metadata, the catalog and
 * the rule's {@code @message}, rendered from the rule's bindings.
 *
 * <pre>
 * rule "2.20 script with sustained high CPU"
 *     &#64;clause("2.20") &#64;severity("MEDIUM")
 *     &#64;message("{$p} has used {$p.cpuPercent}% CPU over {$p.runtimeSeconds} s; the limit of {$t} is {$cpu}%")
 * when
 *     $t : Thresholds( $cpu : cpuPercent )
 *     $p : HostedProcess( cpuPercent &gt;= $cpu )
 * then
 *     findings.violation(kcontext, $p);
 * end
 * </pre>
 *
 * The arguments after {@code kcontext} are the violation's evidence: facts, collections of facts,
 * and the derived facts of {@code org.auprules.drools.rules} that wrap one ({@link BulkEmail},
 * {@link BulkFailure}, {@link ForgedSender}), which count as the fact they wrap. Anything else, a
 * {@link Thresholds} for one, is refused: the message reads every binding of the rule without
 * being handed it. One instance serves one account's session, on one thread.
 */
public final class Findings {

    /** The metadata key naming the clause a rule enforces. */
    public static final String CLAUSE = "clause";
    /** The metadata key naming a rule's severity. */
    public static final String SEVERITY = "severity";
    /** The metadata key naming a rule's certainty; CONFIRMED when absent. */
    public static final String CERTAINTY = "certainty";
    /**
     * The metadata key of a generic rule that takes clause, severity and certainty from the rows of
     * a table: {@code @clauseFrom("signatures.csv")} or {@code @clauseFrom("policy.json#contentCategories")}.
     */
    public static final String CLAUSE_FROM = "clauseFrom";
    /** The metadata key of a rule's message template; see {@link MessageTemplate}. */
    public static final String MESSAGE = RuleSpec.MESSAGE;

    /** Of two table rows that give the same violation, the graver, surer, earlier one speaks. */
    private static final Comparator<TableFinding> STRONGEST_FIRST = Comparator.comparing(
                    (TableFinding f) -> f.row().severity(), Comparator.reverseOrder())
            .thenComparing(f -> f.row().certainty())
            .thenComparing(f -> f.row().source())
            .thenComparingInt(f -> f.row().line())
            .thenComparing(f -> f.violation().message());

    private final String accountId;
    private final ClauseCatalog catalog;
    private final Map<List<String>, RuleSpec> rules;
    private final List<Violation> violations = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();
    private final Map<List<Object>, TableFinding> tableFindings = new LinkedHashMap<>();

    /** A violation raised by a table row, kept with the row so that duplicates resolve the same way every time. */
    private record TableFinding(TableRow row, Violation violation) {}

    /**
     * Findings for one account's session.
     *
     * @param accountId the account whose session this is
     * @param catalog   the catalog that table rows' clause ids resolve in
     * @param rules     the metadata of every rule of the compiled policy, by {@link RuleSpec#key}
     */
    public Findings(String accountId, ClauseCatalog catalog, Map<List<String>, RuleSpec> rules) {
        this.accountId = accountId;
        this.catalog = Objects.requireNonNull(catalog, "catalog must not be null");
        this.rules = Objects.requireNonNull(rules, "rules must not be null");
    }

    /**
     * Reports a violation of the clause the firing rule names in {@code @clause}, worded by its
     * {@code @message}.
     *
     * @param kcontext the rule's context ({@code kcontext} in a consequence)
     * @param evidence the facts that matched: facts, or collections of facts
     */
    public void violation(RuleContext kcontext, @Nullable Object... evidence) {
        RuleSpec spec = spec(kcontext);
        Clause clause = spec.clause()
                .orElseThrow(() ->
                        new IllegalStateException("rule `" + spec.name() + "` reports a violation but has no @clause"));
        violations.add(new Violation(
                spec.name(),
                clause,
                clause.category().orElseThrow(),
                spec.severity().orElseThrow(),
                spec.certainty(),
                accountId,
                clause.actions(),
                message(spec, kcontext),
                evidenceOf(spec, evidence)));
    }

    /**
     * Reports a violation of the clause a table row names, with the row's severity and certainty;
     * the rule id is {@code <clause> <description>}. The firing rule must carry
     * {@code @clauseFrom} naming the row's table. When several rows give the same rule id on the
     * same evidence, one violation results: the gravest row's, then the surest, then the first.
     *
     * @param kcontext the rule's context ({@code kcontext} in a consequence)
     * @param row      the row that matched
     * @param evidence the facts that matched: facts, or collections of facts
     */
    public void violation(RuleContext kcontext, TableRow row, @Nullable Object... evidence) {
        RuleSpec spec = spec(kcontext);
        String table = spec.clauseFrom().orElse(null);
        if (!row.source().equals(table)) {
            throw new IllegalStateException("rule `" + spec.name() + "` reports a row of `" + row.source()
                    + "` but its @clauseFrom is `" + table + "`");
        }
        Clause clause = catalog.find(row.clause())
                .orElseThrow(() -> new IllegalStateException(
                        row.source() + " line " + row.line() + ": unknown clause `" + row.clause() + "`"));
        Violation v = new Violation(
                row.ruleId(),
                clause,
                clause.category().orElseThrow(),
                row.severity(),
                row.certainty(),
                accountId,
                clause.actions(),
                message(spec, kcontext),
                evidenceOf(spec, evidence));
        TableFinding found = new TableFinding(row, v);
        tableFindings.merge(
                List.of(v.ruleId(), v.evidence()),
                found,
                (old, now) -> STRONGEST_FIRST.compare(now, old) < 0 ? now : old);
    }

    /**
     * Reports a finding about a report that is not a violation, worded by the rule's {@code @message}.
     *
     * @param kcontext the rule's context ({@code kcontext} in a consequence)
     * @param kind     what kind of finding
     * @param report   the report it is about
     */
    public void notice(RuleContext kcontext, NoticeKind kind, AbuseReport report) {
        notice(kcontext, kind, report, List.of());
    }

    /**
     * Reports a finding about a report that is not a violation, worded by the rule's {@code @message}.
     *
     * @param kcontext the rule's context ({@code kcontext} in a consequence)
     * @param kind     what kind of finding
     * @param report   the report it is about
     * @param missing  for a deficient DMCA notice, the missing elements
     */
    public void notice(RuleContext kcontext, NoticeKind kind, AbuseReport report, List<String> missing) {
        RuleSpec spec = spec(kcontext);
        notices.add(new Notice(report.id(), kind, missing, Optional.ofNullable(accountId), message(spec, kcontext)));
    }

    private RuleSpec spec(RuleContext kcontext) {
        Rule rule = kcontext.getRule();
        RuleSpec spec = rules.get(RuleSpec.key(rule.getPackageName(), rule.getName()));
        if (spec == null) {
            throw new IllegalStateException("rule `" + rule.getName() + "` is not a rule of the compiled policy");
        }
        return spec;
    }

    private static String message(RuleSpec spec, RuleContext kcontext) {
        MessageTemplate template = spec.message()
                .orElseThrow(() ->
                        new IllegalStateException("rule `" + spec.name() + "` reports a finding but has no @message"));
        Match match = kcontext.getMatch();
        List<String> ids = match.getDeclarationIds();
        return template.render(id -> ids.contains(id) ? match.getDeclarationValue(id) : null);
    }

    /**
     * The violations reported so far: those of {@code @clause} rules in the order they fired,
     * then one per rule id and evidence from table rows.
     *
     * @return a copy, unmodifiable
     */
    public List<Violation> violations() {
        if (tableFindings.isEmpty()) {
            return List.copyOf(violations);
        }
        List<Violation> all = new ArrayList<>(violations);
        tableFindings.values().forEach(f -> all.add(f.violation()));
        return List.copyOf(all);
    }

    /**
     * The notices reported so far, in the order the rules fired.
     *
     * @return a copy, unmodifiable
     */
    public List<Notice> notices() {
        return List.copyOf(notices);
    }

    /**
     * A rule's metadata value as text: mvel gives strings, other dialects leave the quotes on,
     * which are stripped here.
     *
     * @param value the value of {@code getMetaData().get(key)}, or {@code null}
     * @return the text, or {@code null} when the rule has no such metadata
     */
    public static @Nullable String metadataText(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static List<Evidence> evidenceOf(RuleSpec spec, @Nullable Object[] items) {
        List<Evidence> evidence = new ArrayList<>();
        for (Object item : items) {
            collect(spec, item, evidence);
        }
        return evidence;
    }

    private static void collect(RuleSpec spec, @Nullable Object item, List<Evidence> into) {
        if (item instanceof Fact f) {
            into.add(Evidence.of(f));
        } else if (item instanceof BulkEmail b) {
            into.add(Evidence.of(b.email()));
        } else if (item instanceof BulkFailure b) {
            into.add(Evidence.of(b.email()));
        } else if (item instanceof ForgedSender f) {
            into.add(Evidence.of(f.email()));
        } else if (item instanceof Collection<?> c) {
            c.forEach(x -> collect(spec, x, into));
        } else if (item instanceof Thresholds) {
            // the limits the facts were judged against: the message names them, they prove nothing
            return;
        } else if (item != null) {
            throw new IllegalArgumentException("rule `" + spec.name() + "`: evidence must be facts or collections of "
                    + "facts (and the Thresholds they were judged against), not `"
                    + item.getClass().getSimpleName() + "`; the @message reads every binding of the "
                    + "rule, so hand over only what the violation is about");
        }
    }
}
