package org.auprules.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.Violation;
import org.auprules.api.policy.ClauseId;

/**
 * What changing a policy would change on given facts: the violations that appear, disappear or
 * change severity, certainty or evidence, per account and clause. Analysts run it on recorded
 * facts before they deploy an edit.
 *
 * <p>Violations are paired by account, clause, rule id and evidence; a violation left unpaired is
 * then paired with one of the same account, clause and rule whose evidence differs (a changed
 * threshold that pulls more messages into one finding), and only what is still unpaired appeared
 * or disappeared. A change of message alone is not a change.
 *
 * <pre>{@code
 * PolicyDiff diff = PolicyDiff.of(DroolsAupEvaluator.builder().compiledPolicy(base).build().evaluate(facts),
 *         DroolsAupEvaluator.builder().compiledPolicy(head).build().evaluate(facts));
 * diff.changes().forEach(System.out::println);
 * }</pre>
 *
 * @param base    the evaluation under the base policy
 * @param head    the evaluation under the head policy
 * @param changes every difference, by account, clause, rule id, then type
 */
public record PolicyDiff(EvaluationResult base, EvaluationResult head, List<ViolationChange> changes) {

    private static final Comparator<ViolationChange> ORDER = Comparator.comparing(ViolationChange::accountId)
            .thenComparing(c -> ClauseId.of(c.clause()))
            .thenComparing(ViolationChange::ruleId)
            .thenComparing(ViolationChange::type);

    /**
     * Checks both evaluations are there and copies the changes.
     *
     * @param base    the evaluation under the base policy
     * @param head    the evaluation under the head policy
     * @param changes every difference, by account, clause, rule id, then type
     */
    public PolicyDiff {
        Objects.requireNonNull(base, "base must not be null");
        Objects.requireNonNull(head, "head must not be null");
        changes = List.copyOf(changes);
    }

    /**
     * Compares two evaluations of the same facts.
     *
     * @param base the evaluation under the policy in force
     * @param head the evaluation under the edited policy
     * @return every violation that appeared, disappeared or changed, sorted by account, clause, rule id, then type
     */
    public static PolicyDiff of(EvaluationResult base, EvaluationResult head) {
        Map<List<Object>, Deque<Violation>> exact = index(base.violations(), true);
        List<Violation> headLeft = new ArrayList<>();
        List<ViolationChange> changes = new ArrayList<>();
        for (Violation h : head.violations()) {
            Deque<Violation> same = exact.get(key(h, true));
            if (same == null || same.isEmpty()) {
                headLeft.add(h);
            } else {
                ViolationChange.between(same.poll(), h).ifPresent(changes::add);
            }
        }
        List<Violation> baseLeft = new ArrayList<>();
        exact.values().forEach(baseLeft::addAll);
        Map<List<Object>, Deque<Violation>> loose = index(baseLeft, false);
        for (Violation h : headLeft) {
            Deque<Violation> same = loose.get(key(h, false));
            if (same == null || same.isEmpty()) {
                changes.add(ViolationChange.appeared(h));
            } else {
                ViolationChange.between(same.poll(), h).ifPresent(changes::add);
            }
        }
        loose.values().forEach(left -> left.forEach(b -> changes.add(ViolationChange.disappeared(b))));
        changes.sort(ORDER);
        return new PolicyDiff(base, head, changes);
    }

    private static Map<List<Object>, Deque<Violation>> index(List<Violation> violations, boolean withEvidence) {
        Map<List<Object>, Deque<Violation>> index = new LinkedHashMap<>();
        for (Violation v : violations) {
            index.computeIfAbsent(key(v, withEvidence), k -> new ArrayDeque<>()).add(v);
        }
        return index;
    }

    private static List<Object> key(Violation v, boolean withEvidence) {
        return withEvidence
                ? List.of(v.accountId(), v.clauseId(), v.ruleId(), List.<Evidence>copyOf(v.evidence()))
                : List.of(v.accountId(), v.clauseId(), v.ruleId());
    }

    /**
     * Whether the two policies find exactly the same on these facts.
     *
     * @return true when there is no change; a change of message alone does not count
     */
    public boolean unchanged() {
        return changes.isEmpty();
    }

    /**
     * One row of the summary table: the violations of a clause under each policy, and how they changed.
     *
     * @param clause      the clause id, or {@code total}
     * @param base        violations under the base policy
     * @param head        violations under the head policy
     * @param appeared    violations only the head policy finds
     * @param disappeared violations only the base policy finds
     * @param changed     violations both find, changed
     */
    public record Row(String clause, int base, int head, int appeared, int disappeared, int changed) {

        Row plus(Row o) {
            return new Row(
                    clause,
                    base + o.base,
                    head + o.head,
                    appeared + o.appeared,
                    disappeared + o.disappeared,
                    changed + o.changed);
        }
    }

    /**
     * The summary table over several diffs (one per facts file): one row per clause that either
     * policy cites, in clause order, then a {@code total} row.
     *
     * @param diffs the diffs to add up, e.g. one per recorded facts file
     * @return the rows in clause order, the {@code total} row last (alone when no policy cites anything)
     */
    public static List<Row> summarize(List<PolicyDiff> diffs) {
        TreeMap<ClauseId, Row> rows = new TreeMap<>();
        for (PolicyDiff d : diffs) {
            d.base.violations().forEach(v -> add(rows, v.clauseId(), new Row(v.clauseId(), 1, 0, 0, 0, 0)));
            d.head.violations().forEach(v -> add(rows, v.clauseId(), new Row(v.clauseId(), 0, 1, 0, 0, 0)));
            for (ViolationChange c : d.changes) {
                add(
                        rows,
                        c.clause(),
                        new Row(
                                c.clause(),
                                0,
                                0,
                                c.type() == ViolationChange.Type.APPEARED ? 1 : 0,
                                c.type() == ViolationChange.Type.DISAPPEARED ? 1 : 0,
                                c.type() == ViolationChange.Type.CHANGED ? 1 : 0));
            }
        }
        List<Row> table = new ArrayList<>(rows.values());
        Row total = new Row("total", 0, 0, 0, 0, 0);
        for (Row r : rows.values()) {
            total = total.plus(r);
        }
        table.add(total);
        return table;
    }

    private static void add(TreeMap<ClauseId, Row> rows, String clause, Row r) {
        rows.merge(ClauseId.of(clause), r, Row::plus);
    }

    /**
     * How one violation differs between a base and a head policy evaluated on the same facts.
     *
     * @param type      whether it appeared, disappeared or changed
     * @param accountId the account
     * @param clause    the clause id
     * @param ruleId    the rule id
     * @param base      the violation under the base policy; empty when it appeared
     * @param head      the violation under the head policy; empty when it disappeared
     * @param aspects   what changed, for {@link Type#CHANGED}; empty otherwise
     */
    public record ViolationChange(
            Type type,
            String accountId,
            String clause,
            String ruleId,
            Optional<Violation> base,
            Optional<Violation> head,
            Set<Aspect> aspects) {

        /** What happened to a violation. */
        public enum Type {
            /** Only the head policy finds it. */
            APPEARED,
            /** Only the base policy finds it. */
            DISAPPEARED,
            /** Both find it, with a different severity, certainty or evidence. */
            CHANGED
        }

        /** What changed about a violation both policies find. */
        public enum Aspect {
            /** The severity differs. */
            SEVERITY,
            /** The certainty differs. */
            CERTAINTY,
            /** The evidence differs: other facts, or more or fewer of them. */
            EVIDENCE
        }

        /**
         * Checks every field is there (absent violations as {@link Optional#empty()}) and copies the aspects.
         *
         * @param type      whether it appeared, disappeared or changed
         * @param accountId the account
         * @param clause    the clause id
         * @param ruleId    the rule id
         * @param base      the violation under the base policy; empty when it appeared
         * @param head      the violation under the head policy; empty when it disappeared
         * @param aspects   what changed, for {@link Type#CHANGED}; empty otherwise
         */
        public ViolationChange {
            Objects.requireNonNull(type, "type must not be null");
            Objects.requireNonNull(accountId, "account id must not be null");
            Objects.requireNonNull(clause, "clause must not be null");
            Objects.requireNonNull(ruleId, "rule id must not be null");
            Objects.requireNonNull(base, "base must not be null; use Optional.empty()");
            Objects.requireNonNull(head, "head must not be null; use Optional.empty()");
            aspects = aspects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(aspects));
        }

        static ViolationChange appeared(Violation head) {
            return new ViolationChange(
                    Type.APPEARED,
                    head.accountId(),
                    head.clauseId(),
                    head.ruleId(),
                    Optional.empty(),
                    Optional.of(head),
                    Set.of());
        }

        static ViolationChange disappeared(Violation base) {
            return new ViolationChange(
                    Type.DISAPPEARED,
                    base.accountId(),
                    base.clauseId(),
                    base.ruleId(),
                    Optional.of(base),
                    Optional.empty(),
                    Set.of());
        }

        /** The change between two findings of one rule for one account, or empty when they agree. */
        static Optional<ViolationChange> between(Violation base, Violation head) {
            Set<Aspect> aspects = EnumSet.noneOf(Aspect.class);
            if (base.severity() != head.severity()) {
                aspects.add(Aspect.SEVERITY);
            }
            if (base.certainty() != head.certainty()) {
                aspects.add(Aspect.CERTAINTY);
            }
            if (!base.evidence().equals(head.evidence())) {
                aspects.add(Aspect.EVIDENCE);
            }
            return aspects.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new ViolationChange(
                            Type.CHANGED,
                            base.accountId(),
                            base.clauseId(),
                            base.ruleId(),
                            Optional.of(base),
                            Optional.of(head),
                            aspects));
        }
    }
}
