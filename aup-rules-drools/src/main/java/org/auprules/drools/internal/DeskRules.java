package org.auprules.drools.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.auprules.api.Escalation;
import org.auprules.api.Evidence;
import org.auprules.api.Severity;
import org.auprules.api.SuppressedViolation;
import org.auprules.api.Violation;
import org.auprules.api.desk.PriorFinding;
import org.auprules.api.desk.Waiver;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.AudioStream;
import org.auprules.api.facts.HostedFile;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.Website;
import org.auprules.api.policy.AuthorizedAction;

/**
 * What the abuse desk's records do to the violations the rules found, after the rules ran:
 * the escalation table raises repeat offences, then waivers set violations apart as suppressed.
 * Both read only the violations, their evidence and the records, so no rule has to know of them.
 */
public final class DeskRules {

    private DeskRules() {}

    /**
     * The violations after the desk's records: those still standing, those set apart, and the
     * escalations made.
     *
     * @param violations  the violations left standing, sorted
     * @param suppressed  the violations a waiver set apart, sorted
     * @param escalations the escalations made, sorted
     */
    public record Outcome(
            List<Violation> violations, List<SuppressedViolation> suppressed, List<Escalation> escalations) {}

    /**
     * Escalates, then suppresses.
     *
     * @param violations the rules' violations, sorted and without duplicates
     * @param facts      each account's facts, with their ids, to match a waiver's {@code match} on the evidence
     * @param now        the moment of evaluation
     * @param waivers    the pack's waivers and the input's
     * @param table      the pack's escalation table
     * @param history    the prior findings
     * @return what stands, what is suppressed, and what was escalated
     */
    public static Outcome apply(
            List<Violation> violations,
            Map<String, List<AccountFact>> facts,
            Instant now,
            List<Waiver> waivers,
            List<EscalationRow> table,
            List<PriorFinding> history) {
        if (waivers.isEmpty() && (table.isEmpty() || history.isEmpty())) {
            return new Outcome(violations, List.of(), List.of());
        }
        Map<String, List<PriorFinding>> priorByAccount = new HashMap<>();
        history.forEach(p -> priorByAccount
                .computeIfAbsent(p.accountId(), k -> new ArrayList<>())
                .add(p));
        List<Waiver> active = waivers.stream()
                .filter(w -> w.activeAt(now))
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .toList();
        Map<String, Map<Evidence, AccountFact>> index = new HashMap<>();
        List<Violation> standing = new ArrayList<>();
        List<SuppressedViolation> suppressed = new ArrayList<>();
        List<Escalation> escalations = new ArrayList<>();
        for (Violation v : violations) {
            Violation escalated =
                    escalate(v, table, priorByAccount.getOrDefault(v.accountId(), List.of()), now, escalations);
            Optional<Waiver> waiver = active.stream()
                    .filter(w -> w.accountId().equals(v.accountId()) && w.covers(v.clauseId()))
                    .filter(w -> w.match() == null
                            || matches(
                                    w.match(),
                                    v,
                                    index.computeIfAbsent(
                                            v.accountId(), a -> byEvidence(facts.getOrDefault(a, List.of())))))
                    .findFirst();
            if (waiver.isPresent()) {
                suppressed.add(new SuppressedViolation(escalated, waiver.get().id()));
            } else {
                standing.add(escalated);
            }
        }
        Collections.sort(standing);
        Collections.sort(suppressed);
        Collections.sort(escalations);
        return new Outcome(standing, suppressed, escalations);
    }

    /** How many prior violations of the row's clauses fall within its window before {@code now}. */
    public static int priorViolations(EscalationRow row, List<PriorFinding> ofAccount, Instant now) {
        return counted(row, ofAccount, now).size();
    }

    /**
     * {@return the prior violations of the row's clauses within its window before {@code now}, oldest first}
     *
     * @param row       the escalation row
     * @param ofAccount the account's prior findings
     * @param now       the moment of evaluation
     */
    public static List<PriorFinding> counted(EscalationRow row, List<PriorFinding> ofAccount, Instant now) {
        Instant from = now.minus(Duration.ofDays(row.withinDays()));
        List<PriorFinding> out = new ArrayList<>();
        for (PriorFinding p : ofAccount) {
            if (p.outcome() == PriorFinding.Outcome.VIOLATION
                    && row.watches(p.clause())
                    && p.date().isBefore(now)
                    && !p.date().isBefore(from)) {
                out.add(p);
            }
        }
        out.sort((x, y) -> x.date().compareTo(y.date()));
        return out;
    }

    private static Violation escalate(
            Violation v, List<EscalationRow> table, List<PriorFinding> prior, Instant now, List<Escalation> out) {
        if (prior.isEmpty()) {
            return v;
        }
        Violation current = v;
        for (EscalationRow row : table) {
            if (!row.watches(v.clauseId())) {
                continue;
            }
            int count = priorViolations(row, prior, now);
            if (count < row.priorViolations()) {
                continue;
            }
            Severity was = current.severity();
            Severity to = row.severity().filter(s -> s.compareTo(was) > 0).orElse(was);
            Set<AuthorizedAction> actions = new LinkedHashSet<>(current.actions());
            List<AuthorizedAction> added = new ArrayList<>();
            for (AuthorizedAction a : row.addActions()) {
                if (actions.add(a)) {
                    added.add(a);
                }
            }
            out.add(new Escalation(
                    v.accountId(), v.ruleId(), v.clauseId(), row.id(), count, current.severity(), to, added));
            current = new Violation(
                    current.ruleId(),
                    current.clause(),
                    current.category(),
                    to,
                    current.certainty(),
                    current.accountId(),
                    List.copyOf(actions),
                    current.message(),
                    current.evidence());
        }
        return current;
    }

    /**
     * {@return whether the waiver, active or not, covers this violation}
     *
     * @param w     the waiver
     * @param v     a violation
     * @param facts the facts of the violation's account, with their ids
     */
    public static boolean waives(Waiver w, Violation v, List<AccountFact> facts) {
        return w.accountId().equals(v.accountId())
                && w.covers(v.clauseId())
                && (w.match() == null || matches(w.match(), v, byEvidence(facts)));
    }

    /**
     * {@return a match in words, e.g. {@code process `icecast*`}}
     *
     * @param m the match
     */
    public static String describe(Waiver.Match m) {
        List<String> parts = new ArrayList<>();
        if (m.process() != null) {
            parts.add("process `" + m.process() + "`");
        }
        if (m.path() != null) {
            parts.add("path `" + m.path() + "`");
        }
        if (m.domain() != null) {
            parts.add("domain `" + m.domain() + "`");
        }
        return String.join(" and ", parts);
    }

    private static Map<Evidence, AccountFact> byEvidence(List<AccountFact> facts) {
        Map<Evidence, AccountFact> index = new HashMap<>();
        if (facts != null) {
            for (AccountFact f : facts) {
                if (f.id() != null) {
                    index.put(Evidence.of(f), f);
                }
            }
        }
        return index;
    }

    /**
     * {@return whether every field of {@code match} matches some fact of the violation's evidence}
     *
     * @param match    the waiver's match
     * @param v        the violation
     * @param byEvidence the account's facts by their evidence
     */
    static boolean matches(Waiver.Match match, Violation v, Map<Evidence, AccountFact> byEvidence) {
        List<AccountFact> evidence = new ArrayList<>();
        for (Evidence e : v.evidence()) {
            AccountFact f = byEvidence.get(e);
            if (f != null) {
                evidence.add(f);
            }
        }
        if (match.process() != null) {
            Pattern p = glob(match.process());
            boolean any = evidence.stream()
                    .anyMatch(f -> (f instanceof HostedProcess hp
                                    && hp.name() != null
                                    && p.matcher(hp.name()).matches())
                            || (f instanceof AudioStream s
                                    && s.server() != null
                                    && p.matcher(s.server()).matches()));
            if (!any) {
                return false;
            }
        }
        if (match.path() != null) {
            Pattern p = glob(match.path());
            if (evidence.stream()
                    .noneMatch(f -> f instanceof HostedFile hf
                            && hf.path() != null
                            && p.matcher(hf.path()).matches())) {
                return false;
            }
        }
        if (match.domain() != null) {
            String d = domain(match.domain());
            return evidence.stream()
                    .anyMatch(f -> f instanceof Website w && w.domain() != null && within(domain(w.domain()), d));
        }
        return true;
    }

    private static boolean within(String domain, String of) {
        return domain.equals(of) || domain.endsWith("." + of);
    }

    private static String domain(String d) {
        String s = d.strip().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * A glob as a pattern: {@code *} is any run of characters but {@code /}, {@code **} any run at
     * all, {@code ?} one character but {@code /}; everything else is itself.
     *
     * @param glob the glob
     * @return a pattern that matches the whole of a name
     */
    public static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
