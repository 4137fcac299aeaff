package org.auprules.drools.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.auprules.api.Certainty;
import org.auprules.api.Evidence;
import org.auprules.api.Notice;
import org.auprules.api.NoticeKind;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.Fact;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.ClauseCatalog;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The global {@code findings} of every session: rules report what they found here, and the
 * engine turns each report into a {@link Violation} from the rule's metadata and the catalog.
 *
 * <pre>
 * rule "2.12 IRC server process"
 *     &#64;clause("2.12") &#64;severity("HIGH")
 * when
 *     $p : HostedProcess( name == "unrealircd" )
 * then
 *     findings.violation(kcontext, "process `" + $p.name() + "` is an IRC server", $p);
 * end
 * </pre>
 *
 * One instance serves one account's session, on one thread.
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

    /** Of two table rows that give the same violation, the graver, surer, earlier one speaks. */
    private static final Comparator<TableFinding> STRONGEST_FIRST = Comparator
            .comparing((TableFinding f) -> f.row().severity(), Comparator.reverseOrder())
            .thenComparing(f -> f.row().certainty())
            .thenComparing(f -> f.row().source())
            .thenComparingInt(f -> f.row().line())
            .thenComparing(f -> f.violation().message());

    private final String accountId;
    private final ClauseCatalog catalog;
    private final List<Violation> violations = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();
    private final Map<List<Object>, TableFinding> tableFindings = new LinkedHashMap<>();

    /** A violation raised by a table row, kept with the row so that duplicates resolve the same way every time. */
    private record TableFinding(TableRow row, Violation violation) {
    }

    /**
     * @param accountId the account whose session this is
     * @param catalog   the catalog that rules' {@code @clause} ids resolve in
     */
    public Findings(String accountId, ClauseCatalog catalog) {
        this.accountId = accountId;
        this.catalog = catalog;
    }

    /**
     * Reports a violation of the clause the firing rule names in {@code @clause}.
     *
     * @param kcontext the rule's context ({@code kcontext} in a consequence)
     * @param message  what matched, in words
     * @param evidence the facts that matched: facts, or collections of facts
     */
    public void violation(RuleContext kcontext, String message, Object... evidence) {
        Rule rule = kcontext.getRule();
        Map<String, Object> meta = rule.getMetaData();
        Clause clause = clause(rule, meta);
        Severity severity = Severity.parse(metadataText(meta.get(SEVERITY))).orElseThrow(() -> new IllegalStateException(
                "rule `" + rule.getName() + "`: missing or unknown @severity `" + meta.get(SEVERITY) + "`"));
        Object certaintyValue = meta.get(CERTAINTY);
        Certainty certainty = certaintyValue == null ? Certainty.CONFIRMED
                : Certainty.parse(metadataText(certaintyValue)).orElseThrow(() -> new IllegalStateException(
                        "rule `" + rule.getName() + "`: unknown @certainty `" + certaintyValue + "`"));
        violations.add(new Violation(rule.getName(), clause, clause.category().orElseThrow(), severity, certainty,
                accountId, clause.actions(), message, evidenceOf(evidence)));
    }

    /**
     * Reports a violation of the clause a table row names, with the row's severity and certainty;
     * the rule id is {@code <clause> <description>}. The firing rule must carry
     * {@code @clauseFrom} naming the row's table. When several rows give the same rule id on the
     * same evidence, one violation results: the gravest row's, then the surest, then the first.
     *
     * @param kcontext the rule's context ({@code kcontext} in a consequence)
     * @param row      the row that matched
     * @param message  what matched, in words
     * @param evidence the facts that matched: facts, or collections of facts
     */
    public void violation(RuleContext kcontext, TableRow row, String message, Object... evidence) {
        Rule rule = kcontext.getRule();
        String table = metadataText(rule.getMetaData().get(CLAUSE_FROM));
        if (!row.source().equals(table)) {
            throw new IllegalStateException("rule `" + rule.getName() + "` reports a row of `" + row.source()
                    + "` but its @clauseFrom is `" + table + "`");
        }
        Clause clause = catalog.find(row.clause()).orElseThrow(() -> new IllegalStateException(
                row.source() + " line " + row.line() + ": unknown clause `" + row.clause() + "`"));
        Violation v = new Violation(row.ruleId(), clause, clause.category().orElseThrow(), row.severity(),
                row.certainty(), accountId, clause.actions(), message, evidenceOf(evidence));
        TableFinding found = new TableFinding(row, v);
        tableFindings.merge(List.of(v.ruleId(), v.evidence()), found,
                (old, now) -> STRONGEST_FIRST.compare(now, old) < 0 ? now : old);
    }

    private Clause clause(Rule rule, Map<String, Object> meta) {
        String id = metadataText(meta.get(CLAUSE));
        if (id == null) {
            throw new IllegalStateException("rule `" + rule.getName() + "` reports a violation but has no @clause");
        }
        return catalog.find(id).orElseThrow(() -> new IllegalStateException(
                "rule `" + rule.getName() + "`: unknown clause `" + id + "`"));
    }

    /**
     * Reports a finding about a report that is not a violation.
     *
     * @param kind    what kind of finding
     * @param report  the report it is about
     * @param missing for a deficient DMCA notice, the missing elements; otherwise empty
     * @param message a sentence for the person who reads it
     */
    public void notice(NoticeKind kind, AbuseReport report, List<String> missing, String message) {
        notices.add(new Notice(report.id(), kind, missing, Optional.ofNullable(accountId), message));
    }

    /** The violations reported so far. */
    public List<Violation> violations() {
        if (tableFindings.isEmpty()) {
            return List.copyOf(violations);
        }
        List<Violation> all = new ArrayList<>(violations);
        tableFindings.values().forEach(f -> all.add(f.violation()));
        return List.copyOf(all);
    }

    /** The notices reported so far. */
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
    public static String metadataText(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static List<Evidence> evidenceOf(Object[] items) {
        List<Evidence> evidence = new ArrayList<>();
        for (Object item : items) {
            collect(item, evidence);
        }
        return evidence;
    }

    private static void collect(Object item, List<Evidence> into) {
        if (item instanceof Fact f) {
            into.add(Evidence.of(f));
        } else if (item instanceof BulkEmail b) {
            into.add(Evidence.of(b.email()));
        } else if (item instanceof BulkFailure b) {
            into.add(Evidence.of(b.email()));
        } else if (item instanceof Collection<?> c) {
            c.forEach(x -> collect(x, into));
        } else if (item != null) {
            throw new IllegalArgumentException("evidence must be facts, not `" + item.getClass().getName() + "`");
        }
    }
}
