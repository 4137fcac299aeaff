package org.auprules.drools;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.auprules.api.Escalation;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.Explanation;
import org.auprules.api.Explanation.ClauseExplanation;
import org.auprules.api.Explanation.EscalationApplied;
import org.auprules.api.Explanation.NearMiss;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.SuppressedViolation;
import org.auprules.api.Violation;
import org.auprules.api.desk.PriorFinding;
import org.auprules.api.desk.Waiver;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccessAttempt;
import org.auprules.api.facts.AccessKind;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.EmailMessage;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.NetworkActivity;
import org.auprules.api.facts.OptOutRequest;
import org.auprules.api.facts.ReportType;
import org.auprules.api.facts.ResourceUsage;
import org.auprules.api.policy.ClauseId;
import org.auprules.drools.internal.DeskRules;
import org.auprules.drools.internal.DrlLexer.Token;
import org.auprules.drools.internal.DrlOutline;
import org.auprules.drools.internal.DrlOutline.RuleSpan;
import org.auprules.drools.internal.EscalationRow;
import org.auprules.drools.internal.FactsNormalizer;
import org.auprules.drools.rules.Dates;
import org.auprules.drools.rules.Findings;
import org.auprules.drools.rules.Thresholds;
import org.auprules.drools.rules.Windows;
import org.auprules.internal.DidYouMean;
import org.jspecify.annotations.Nullable;

/**
 * Computes an {@link Explanation}: evaluates the facts, sorts the account's violations, suppressed
 * violations and escalations (with the prior findings each row counted) by clause, and measures each threshold rule that did not fire against the account's
 * plan's thresholds. The threshold rules and the thresholds they read are found in the pack's DRL.
 */
final class Explainer {

    private Explainer() {}

    /** The fact types a threshold rule can compare, as DRL names them. */
    private static final Set<String> OBSERVED = Set.of(
            "ResourceUsage",
            "HostedProcess",
            "EmailMessage",
            "AccessAttempt",
            "NetworkActivity",
            "AbuseReport",
            "OptOutRequest");

    /**
     * A rule that reads thresholds, as its DRL says.
     *
     * @param name       the rule's name
     * @param clause     the clause it cites, or the section its name starts with for a derivation
     * @param thresholds the thresholds its {@code Thresholds( … )} pattern binds, in order
     * @param observes   the fact type it compares with them
     */
    record ThresholdRule(String name, String clause, List<String> thresholds, String observes) {}

    /**
     * The rules of a policy that read thresholds, from their DRL: the names bound in their
     * {@code Thresholds( … )} pattern and the first fact type the rule matches after it.
     */
    static List<ThresholdRule> thresholdRules(CompiledPolicy policy) {
        Set<String> names = Thresholds.names().keySet();
        List<ThresholdRule> out = new ArrayList<>();
        for (String file : policy.pack().ruleFiles()) {
            List<Token> tokens = policy.pack().source().tokens(file);
            for (RuleSpan rule : policy.pack().source().outline(file).rules()) {
                List<String> bound = new ArrayList<>();
                String observes = null;
                boolean inThresholds = false;
                for (int i = 0; i < tokens.size(); i++) {
                    Token t = tokens.get(i);
                    if (t.line() < rule.line()
                            || (rule.thenLine() > 0 && t.line() >= rule.thenLine())
                            || !rule.covers(t.line())) {
                        continue;
                    }
                    if (t.is("Thresholds")
                            && i + 1 < tokens.size()
                            && tokens.get(i + 1).is("(")) {
                        inThresholds = true;
                    } else if (inThresholds && t.is(")")) {
                        inThresholds = false;
                    } else if (inThresholds && names.contains(t.text()) && !bound.contains(t.text())) {
                        bound.add(t.text());
                    } else if (!inThresholds && !bound.isEmpty() && observes == null && OBSERVED.contains(t.text())) {
                        observes = t.text();
                    }
                }
                if (bound.isEmpty() || observes == null) {
                    continue;
                }
                String clause = DrlOutline.meta(rule, Findings.CLAUSE)
                        .orElseGet(() -> rule.name().split(" ", 2)[0]);
                out.add(new ThresholdRule(rule.name(), clause, bound, observes));
            }
        }
        return out;
    }

    /**
     * Explains one account's evaluation.
     *
     * @param evaluator the evaluator, whose policy explains
     * @param facts     the facts, as they would be evaluated
     * @param accountId the account to explain
     * @param clause    the clause or section to explain, or {@code null} for every clause
     * @return the explanation
     * @throws InvalidFactsException    when the facts do not hold the account, or have an error
     * @throws IllegalArgumentException when {@code clause} names no clause of the policy
     */
    static Explanation of(DroolsAupEvaluator evaluator, FactSet facts, String accountId, @Nullable String clause) {
        CompiledPolicy policy = evaluator.compiledPolicy();
        Account account = facts.accounts().stream()
                .filter(a -> a.id().equals(accountId))
                .findFirst()
                .orElseThrow(() -> new InvalidFactsException(
                        "$.accounts",
                        "no account `" + accountId + "`"
                                + DidYouMean.suggest(
                                                accountId,
                                                facts.accounts().stream()
                                                        .map(Account::id)
                                                        .toList())
                                        .map(s -> "; did you mean `" + s + "`?")
                                        .orElse("")));
        if (clause != null && !inCatalog(policy, clause)) {
            List<String> ids =
                    policy.catalog().all().stream().map(c -> c.id().value()).toList();
            throw new IllegalArgumentException("unknown clause `" + clause + "`"
                    + DidYouMean.suggest(clause, ids)
                            .map(s -> "; did you mean `" + s + "`?")
                            .orElse(""));
        }
        EvaluationResult result = evaluator.evaluate(facts);
        Thresholds limits = policy.thresholdsFor(account.plan());
        Map<String, List<Violation>> fired = new TreeMap<>(Explainer::byClause);
        Map<String, List<SuppressedViolation>> waived = new TreeMap<>(Explainer::byClause);
        Map<String, List<NearMiss>> misses = new TreeMap<>(Explainer::byClause);
        Set<String> firedRules = new LinkedHashSet<>();
        for (Violation v : result.violationsOf(accountId)) {
            if (inScope(v.clauseId(), clause)) {
                fired.computeIfAbsent(v.clauseId(), k -> new ArrayList<>()).add(v);
            }
            firedRules.add(v.ruleId());
        }
        for (SuppressedViolation s : result.suppressed()) {
            if (s.violation().accountId().equals(accountId)) {
                firedRules.add(s.violation().ruleId());
                if (inScope(s.violation().clauseId(), clause)) {
                    waived.computeIfAbsent(s.violation().clauseId(), k -> new ArrayList<>())
                            .add(s);
                }
            }
        }
        List<AccountFact> own = FactsNormalizer.group(facts).accounts().entrySet().stream()
                .filter(e -> e.getKey().id().equals(accountId))
                .findFirst()
                .map(Map.Entry::getValue)
                .orElse(List.of());
        Observations seen = new Observations(own, result.evaluatedAt());
        for (ThresholdRule rule : thresholdRules(policy)) {
            if (!inScope(rule.clause(), clause) || firedRules.contains(rule.name())) {
                continue;
            }
            seen.nearMiss(rule, limits).ifPresent(m -> misses.computeIfAbsent(rule.clause(), k -> new ArrayList<>())
                    .add(m));
        }
        Map<String, List<EscalationApplied>> escalated = new TreeMap<>(Explainer::byClause);
        List<PriorFinding> prior = facts.history().stream()
                .filter(p -> p.accountId().equals(accountId))
                .toList();
        for (Escalation e : result.escalations()) {
            if (!e.accountId().equals(accountId) || !inScope(e.clause(), clause)) {
                continue;
            }
            for (EscalationRow row : policy.escalations()) {
                if (row.id().equals(e.row())) {
                    escalated
                            .computeIfAbsent(e.clause(), k -> new ArrayList<>())
                            .add(new EscalationApplied(
                                    e,
                                    row.description(),
                                    row.withinDays(),
                                    row.priorViolations(),
                                    DeskRules.counted(row, prior, result.evaluatedAt())));
                }
            }
        }
        Set<String> clauses = new java.util.TreeSet<>(Explainer::byClause);
        clauses.addAll(escalated.keySet());
        clauses.addAll(fired.keySet());
        clauses.addAll(waived.keySet());
        clauses.addAll(misses.keySet());
        List<ClauseExplanation> out = new ArrayList<>();
        for (String c : clauses) {
            out.add(new ClauseExplanation(
                    c,
                    fired.getOrDefault(c, List.of()),
                    waived.getOrDefault(c, List.of()),
                    misses.getOrDefault(c, List.of()),
                    escalated.getOrDefault(c, List.of())));
        }
        return new Explanation(accountId, limits.plan(), result.evaluatedAt(), out);
    }

    private static boolean inCatalog(CompiledPolicy policy, String clause) {
        return policy.catalog().all().stream().anyMatch(c -> Waiver.within(c.id().value(), clause));
    }

    /** Whether a rule's clause is in the scope asked for: within it, or a section above it. */
    private static boolean inScope(String ruleClause, @Nullable String scope) {
        return scope == null || Waiver.within(ruleClause, scope) || Waiver.within(scope, ruleClause);
    }

    private static int byClause(String a, String b) {
        try {
            return ClauseId.of(a).compareTo(ClauseId.of(b));
        } catch (IllegalArgumentException e) {
            return a.compareTo(b);
        }
    }

    /** The account's facts, measured the way the threshold rules compare them. */
    private static final class Observations {
        private static final java.time.Duration HOUR = java.time.Duration.ofHours(1);
        private final List<AccountFact> facts;
        private final Instant now;

        /** The account's facts as the evaluator named them, so that a fact without an id has its place name. */
        Observations(List<AccountFact> facts, Instant now) {
            this.facts = facts;
            this.now = now;
        }

        private <T extends AccountFact> List<T> of(Class<T> type) {
            return facts.stream().filter(type::isInstance).map(type::cast).toList();
        }

        /** The near miss of a rule that did not fire, or empty when the rule reads no threshold it can measure. */
        Optional<NearMiss> nearMiss(ThresholdRule rule, Thresholds t) {
            String first = rule.thresholds().get(0);
            return switch (rule.observes() + "." + first) {
                case "AccessAttempt.bruteForceAttempts" -> bruteForce(rule, t);
                case "EmailMessage.bulkRecipientsPerMessage" -> recipients(rule, t);
                case "EmailMessage.bulkMessagesPerHour" -> perHour(rule, t);
                case "AbuseReport.spamComplaints" -> complaints(rule, t);
                case "OptOutRequest.optOutBusinessDays" -> optOut(rule, t);
                case "NetworkActivity.scanDistinctDestinations" -> scan(rule, t, true);
                case "NetworkActivity.scanDistinctPorts" -> scan(rule, t, false);
                case "NetworkActivity.attackPacketsPerSecond" -> packets(rule, t);
                case "ResourceUsage.cpuPercent", "HostedProcess.cpuPercent" -> cpu(rule, t);
                case "ResourceUsage.memoryMb", "HostedProcess.memoryMb" -> memory(rule, t);
                case "ResourceUsage.processCount" -> processes(rule, t, "processCount");
                case "ResourceUsage.forkBombProcessCount" -> processes(rule, t, "forkBombProcessCount");
                case "ResourceUsage.inodes" -> inodes(rule, t);
                default -> Optional.empty();
            };
        }

        private static NearMiss miss(
                ThresholdRule r, String name, double limit, @Nullable Double seen, @Nullable Evidence e, String text) {
            return new NearMiss(r.name(), name, limit, Optional.ofNullable(seen), Optional.ofNullable(e), text);
        }

        private Optional<NearMiss> bruteForce(ThresholdRule r, Thresholds t) {
            boolean succeeded = r.name().contains("succeeded");
            AccessAttempt best = null;
            double bestRatio = -1;
            for (AccessAttempt a : of(AccessAttempt.class)) {
                if (a.kind() != AccessKind.BRUTE_FORCE || a.succeeded() != succeeded) {
                    continue;
                }
                double ratio =
                        ratio(a.attempts(), a.windowSeconds(), t.bruteForceAttempts(), t.bruteForceWindowSeconds());
                if (ratio > bestRatio) {
                    bestRatio = ratio;
                    best = a;
                }
            }
            String limit = "threshold " + t.bruteForceAttempts() + " in " + t.bruteForceWindowSeconds() + " s";
            String kind = succeeded ? "brute force that got in" : "brute force";
            if (best == null) {
                return Optional.of(miss(
                        r,
                        "bruteForceAttempts",
                        t.bruteForceAttempts(),
                        null,
                        null,
                        kind + ": no " + (succeeded ? "successful " : "failed ") + "brute-force attempts reported; "
                                + limit));
            }
            return Optional.of(miss(
                    r,
                    "bruteForceAttempts",
                    t.bruteForceAttempts(),
                    (double) best.attempts(),
                    Evidence.of(best),
                    kind + ": " + best.attempts() + (succeeded ? " attempts" : " failed attempts") + " in "
                            + best.windowSeconds() + " s (" + best.id() + "), " + limit
                            + needed(best.windowSeconds(), t.bruteForceAttempts(), t.bruteForceWindowSeconds())));
        }

        private Optional<NearMiss> recipients(ThresholdRule r, Thresholds t) {
            EmailMessage best = null;
            for (EmailMessage m : of(EmailMessage.class)) {
                if (best == null || m.recipientCount() > best.recipientCount()) {
                    best = m;
                }
            }
            int limit = t.bulkRecipientsPerMessage();
            if (best == null) {
                return Optional.of(miss(
                        r,
                        "bulkRecipientsPerMessage",
                        limit,
                        null,
                        null,
                        "no mail reported; bulk is " + limit + " or more recipients"));
            }
            if (best.recipientCount() >= limit) {
                return Optional.empty(); // bulk mail was derived: the 1.A rules that read it say the rest
            }
            return Optional.of(miss(
                    r,
                    "bulkRecipientsPerMessage",
                    limit,
                    (double) best.recipientCount(),
                    Evidence.of(best),
                    "no mail to " + limit + " or more recipients; largest " + best.recipientCount() + " (" + best.id()
                            + ")"));
        }

        private Optional<NearMiss> perHour(ThresholdRule r, Thresholds t) {
            List<Instant> sent = new ArrayList<>();
            for (EmailMessage m : of(EmailMessage.class)) {
                if (m.sentAt() != null) {
                    sent.add(m.sentAt());
                }
            }
            sent.sort(null);
            int most = 0;
            for (int i = 0, j = 0; i < sent.size(); i++) {
                while (java.time.Duration.between(sent.get(j), sent.get(i)).compareTo(HOUR) >= 0) {
                    j++;
                }
                most = Math.max(most, i - j + 1);
            }
            int limit = t.bulkMessagesPerHour();
            if (most >= limit) {
                return Optional.empty();
            }
            return Optional.of(miss(
                    r,
                    "bulkMessagesPerHour",
                    limit,
                    (double) most,
                    null,
                    "no " + limit + " or more messages within an hour; most " + most));
        }

        private Optional<NearMiss> complaints(ThresholdRule r, Thresholds t) {
            int n = 0;
            for (AbuseReport a : of(AbuseReport.class)) {
                if (a.type() == ReportType.SPAM
                        && Boolean.TRUE.equals(a.verified())
                        && Dates.withinDaysBefore(a.receivedAt(), now, t.spamComplaintWindowDays())) {
                    n++;
                }
            }
            return Optional.of(miss(
                    r,
                    "spamComplaints",
                    t.spamComplaints(),
                    (double) n,
                    null,
                    "spam complaints: " + n + " verified in the " + t.spamComplaintWindowDays() + " days before " + now
                            + ", threshold " + t.spamComplaints()));
        }

        private Optional<NearMiss> scan(ThresholdRule r, Thresholds t, boolean hosts) {
            int limit = hosts ? t.scanDistinctDestinations() : t.scanDistinctPorts();
            NetworkActivity best = null;
            double bestRatio = -1;
            for (NetworkActivity n : of(NetworkActivity.class)) {
                long c = hosts ? n.distinctDestinations() : n.distinctDestinationPorts();
                double ratio = ratio(c, n.windowSeconds(), limit, t.scanWindowSeconds());
                if (ratio > bestRatio) {
                    bestRatio = ratio;
                    best = n;
                }
            }
            String what = hosts ? "distinct destinations" : "distinct destination ports";
            String name = hosts ? "scanDistinctDestinations" : "scanDistinctPorts";
            String tail = "threshold " + limit + " in " + t.scanWindowSeconds() + " s";
            if (best == null) {
                return Optional.of(miss(r, name, limit, null, null, "scan: no network activity reported; " + tail));
            }
            long c = hosts ? best.distinctDestinations() : best.distinctDestinationPorts();
            return Optional.of(miss(
                    r,
                    name,
                    limit,
                    (double) c,
                    Evidence.of(best),
                    "scan: " + c + " " + what + " in " + best.windowSeconds() + " s (" + best.id() + "), " + tail
                            + needed(best.windowSeconds(), limit, t.scanWindowSeconds())));
        }

        private Optional<NearMiss> packets(ThresholdRule r, Thresholds t) {
            NetworkActivity best = null;
            for (NetworkActivity n : of(NetworkActivity.class)) {
                if (best == null || n.peakPacketsPerSecond() > best.peakPacketsPerSecond()) {
                    best = n;
                }
            }
            long limit = t.attackPacketsPerSecond();
            if (best == null) {
                return Optional.of(miss(
                        r,
                        "attackPacketsPerSecond",
                        (double) limit,
                        null,
                        null,
                        "packet flood: no network activity reported; threshold " + limit + " packets per second"));
            }
            return Optional.of(miss(
                    r,
                    "attackPacketsPerSecond",
                    (double) limit,
                    (double) best.peakPacketsPerSecond(),
                    Evidence.of(best),
                    "packet flood: peak " + best.peakPacketsPerSecond() + " packets per second (" + best.id()
                            + "), threshold " + limit));
        }

        /**
         * CPU against both conditions of its rules: the share and how long it was sustained. The
         * closest observation is the one whose weaker condition comes nearest to its threshold.
         */
        private Optional<NearMiss> cpu(ThresholdRule r, Thresholds t) {
            String tail = "threshold " + fmt(t.cpuPercent()) + "% sustained for " + t.cpuSustainedSeconds() + " s";
            boolean script = r.observes().equals("HostedProcess");
            AccountFact best = null;
            double bestCpu = 0;
            long bestSeconds = 0;
            double bestScore = -1;
            for (AccountFact f : script ? of(HostedProcess.class) : of(ResourceUsage.class)) {
                double cpu = f instanceof HostedProcess p ? p.cpuPercent() : ((ResourceUsage) f).cpuPercent();
                long seconds = f instanceof HostedProcess p ? p.runtimeSeconds() : ((ResourceUsage) f).windowSeconds();
                double score = Math.min(
                        t.cpuPercent() > 0 ? cpu / t.cpuPercent() : 1,
                        t.cpuSustainedSeconds() > 0 ? seconds / (double) t.cpuSustainedSeconds() : 1);
                if (score > bestScore) {
                    bestScore = score;
                    best = f;
                    bestCpu = cpu;
                    bestSeconds = seconds;
                }
            }
            String what = script ? "script CPU" : "CPU";
            if (best == null) {
                return Optional.of(miss(
                        r,
                        "cpuPercent",
                        t.cpuPercent(),
                        null,
                        null,
                        what + ": no " + (script ? "processes" : "resource usage") + " reported; " + tail));
            }
            String short_ =
                    bestCpu >= t.cpuPercent() && bestSeconds < t.cpuSustainedSeconds() ? ", not long enough" : "";
            return Optional.of(miss(
                    r,
                    "cpuPercent",
                    t.cpuPercent(),
                    bestCpu,
                    Evidence.of(best),
                    what + ": " + fmt(bestCpu) + "% " + (script ? "over " : "for ") + bestSeconds + " s (" + best.id()
                            + "), " + tail + short_));
        }

        private Optional<NearMiss> memory(ThresholdRule r, Thresholds t) {
            String tail = "threshold " + t.memoryMb() + " MB";
            if (r.observes().equals("HostedProcess")) {
                HostedProcess best = null;
                for (HostedProcess p : of(HostedProcess.class)) {
                    if (best == null || p.memoryMb() > best.memoryMb()) {
                        best = p;
                    }
                }
                if (best == null) {
                    return Optional.of(miss(
                            r,
                            "memoryMb",
                            (double) t.memoryMb(),
                            null,
                            null,
                            "script memory: no processes reported; " + tail));
                }
                return Optional.of(miss(
                        r,
                        "memoryMb",
                        (double) t.memoryMb(),
                        (double) best.memoryMb(),
                        Evidence.of(best),
                        "script memory: " + best.memoryMb() + " MB (" + best.id() + "), " + tail));
            }
            ResourceUsage best = null;
            for (ResourceUsage u : of(ResourceUsage.class)) {
                if (best == null || u.memoryMb() > best.memoryMb()) {
                    best = u;
                }
            }
            if (best == null) {
                return Optional.of(miss(
                        r,
                        "memoryMb",
                        (double) t.memoryMb(),
                        null,
                        null,
                        "memory: no resource usage reported; " + tail));
            }
            return Optional.of(miss(
                    r,
                    "memoryMb",
                    (double) t.memoryMb(),
                    (double) best.memoryMb(),
                    Evidence.of(best),
                    "memory: " + best.memoryMb() + " MB (" + best.id() + "), " + tail));
        }

        /**
         * Processes at once. A count at or above the fork-bomb count is the 3.2 violation, which the
         * 3.1 process-count rule leaves to it, so the 3.1 rule's closest observation is below it.
         */
        private Optional<NearMiss> processes(ThresholdRule r, Thresholds t, String name) {
            boolean burden = name.equals("processCount");
            int limit = burden ? t.processCount() : t.forkBombProcessCount();
            List<ResourceUsage> usage = of(ResourceUsage.class);
            ResourceUsage best = null;
            for (ResourceUsage u : usage) {
                if (burden && u.processCount() >= t.forkBombProcessCount()) {
                    continue;
                }
                if (best == null || u.processCount() > best.processCount()) {
                    best = u;
                }
            }
            String what = burden ? "processes" : "fork bomb";
            if (best == null && !usage.isEmpty()) {
                return Optional.empty(); // every count is a fork bomb: 3.2 says it
            }
            if (best == null) {
                return Optional.of(miss(
                        r,
                        name,
                        limit,
                        null,
                        null,
                        what + ": no resource usage reported; threshold " + limit + " processes"));
            }
            return Optional.of(miss(
                    r,
                    name,
                    limit,
                    (double) best.processCount(),
                    Evidence.of(best),
                    what + ": " + best.processCount() + " processes at once (" + best.id() + "), threshold " + limit));
        }

        /**
         * Opt-out requests against the deadline: the request whose last mailing came closest to
         * (but not after) the deadline day, in business days counted from the day after the request.
         */
        private Optional<NearMiss> optOut(ThresholdRule r, Thresholds t) {
            int days = t.optOutBusinessDays();
            String tail = "deadline " + days + " business days";
            List<OptOutRequest> requests = of(OptOutRequest.class);
            OptOutRequest best = null;
            Instant bestRequested = null;
            long bestDays = -1;
            for (OptOutRequest o : requests) {
                Instant requested = o.requestedAt();
                Instant mailed = o.lastMailedAt();
                if (requested == null || mailed == null) {
                    continue;
                }
                long elapsed = businessDaysAfter(requested, mailed);
                if (elapsed > bestDays) {
                    bestDays = elapsed;
                    best = o;
                    bestRequested = requested;
                }
            }
            if (best == null || bestRequested == null) {
                return Optional.of(miss(
                        r,
                        "optOutBusinessDays",
                        days,
                        null,
                        null,
                        "opt-out: "
                                + (requests.isEmpty()
                                        ? "no opt-out requests reported"
                                        : "no mail after an opt-out request reported")
                                + "; " + tail));
            }
            return Optional.of(miss(
                    r,
                    "optOutBusinessDays",
                    days,
                    (double) bestDays,
                    Evidence.of(best),
                    "opt-out: last mailed " + bestDays + " business days after the request (" + best.id() + "), " + tail
                            + ", " + Dates.businessDayDeadline(bestRequested, days)));
        }

        /** Business days (Monday to Friday, UTC) after the day of {@code from}, up to and including the day of {@code to}. */
        private static long businessDaysAfter(Instant from, Instant to) {
            java.time.LocalDate day = from.atZone(java.time.ZoneOffset.UTC).toLocalDate();
            java.time.LocalDate last = to.atZone(java.time.ZoneOffset.UTC).toLocalDate();
            long n = 0;
            while (day.isBefore(last)) {
                day = day.plusDays(1);
                if (day.getDayOfWeek() != java.time.DayOfWeek.SATURDAY
                        && day.getDayOfWeek() != java.time.DayOfWeek.SUNDAY) {
                    n++;
                }
            }
            return n;
        }

        /** How near a count over a window comes to proving a threshold per period, as {@link Windows#reaches} decides. */
        private static double ratio(long count, long windowSeconds, long threshold, long periodSeconds) {
            if (windowSeconds <= 0) {
                return count / (double) Math.max(1, threshold) / 1e6; // proves nothing, but still an observation
            }
            long periods = Windows.periods(windowSeconds, periodSeconds);
            return count / (double) Math.max(1, (threshold - 1) * periods + 1);
        }

        /** What a window other than the threshold's needs, in words; empty when it is the threshold's period. */
        private static String needed(long windowSeconds, long threshold, long periodSeconds) {
            if (windowSeconds <= 0) {
                return "; a count with no window proves nothing";
            }
            long periods = Windows.periods(windowSeconds, periodSeconds);
            if (periods == 1) {
                return "";
            }
            return "; over " + windowSeconds + " s it takes " + ((threshold - 1) * periods + 1);
        }

        private Optional<NearMiss> inodes(ThresholdRule r, Thresholds t) {
            ResourceUsage best = null;
            for (ResourceUsage u : of(ResourceUsage.class)) {
                if (best == null || u.inodes() > best.inodes()) {
                    best = u;
                }
            }
            if (best == null) {
                return Optional.of(miss(
                        r,
                        "inodes",
                        (double) t.inodes(),
                        null,
                        null,
                        "inodes: no resource usage reported; threshold " + t.inodes()));
            }
            return Optional.of(miss(
                    r,
                    "inodes",
                    (double) t.inodes(),
                    (double) best.inodes(),
                    Evidence.of(best),
                    "inodes: " + best.inodes() + " (" + best.id() + "), threshold " + t.inodes()));
        }

        private static String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
