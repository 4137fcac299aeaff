package org.auprules.drools;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.Notice;
import org.auprules.api.NoticeKind;
import org.auprules.api.PolicyInfo;
import org.auprules.api.PolicyProblem;
import org.auprules.api.desk.Waiver;
import org.auprules.api.facts.Account;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.drools.internal.EscalationRow;
import org.auprules.drools.internal.PolicyTables;
import org.auprules.drools.rules.ContentTable;
import org.auprules.drools.rules.Embargo;
import org.auprules.drools.rules.Findings;
import org.auprules.drools.rules.ReportTypeTable;
import org.auprules.drools.rules.RuleSpec;
import org.auprules.drools.rules.SignatureTable;
import org.auprules.drools.rules.Thresholds;
import org.auprules.internal.DidYouMean;
import org.jspecify.annotations.Nullable;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A policy pack compiled and checked: immutable, shared by every thread that evaluates with it.
 * Obtain one with {@link #compile(PolicyPack)}.
 *
 * <pre>{@code
 * CompiledPolicy policy = CompiledPolicy.compile(PolicyPack.defaultPack());
 * }</pre>
 */
public final class CompiledPolicy {

    private final PolicyPack pack;
    private final PolicyDocument document;
    private final KieBase kieBase;
    private final Set<String> globals;
    private final List<RuleInfo> rules;
    private final List<PolicyProblem> warnings;
    private final PolicyInfo info;
    private final Map<String, Thresholds> thresholdsByPlan = new ConcurrentHashMap<>();
    private final Thresholds defaults;
    /** Created on first use by {@link #sessions()}; null until then. */
    private volatile @Nullable KieSessionsPool sessions;

    private final Embargo embargo;
    private final PolicyTables tables;
    private final Set<String> tableClauseIds;
    private final Map<List<String>, RuleSpec> specs;
    /** Whether the rules were compiled without the sandbox: the pack said so and the embedder allowed it. */
    private final boolean trusted;

    /**
     * The waivers of the pack's {@code waivers.json}, in file order; empty without one.
     *
     * @return the pack's waivers
     */
    public List<Waiver> waivers() {
        return pack.reading().desk().waivers();
    }

    /**
     * What the pack says about customer notices ({@code notices/masking.json} and its two
     * templates); empty for a pack without them.
     *
     * @return the notice rules
     */
    public java.util.Optional<org.auprules.api.desk.NoticeRules> noticeRules() {
        return pack.reading().notices().rules();
    }

    /**
     * The rows of the pack's {@code escalations.json}, in file order; empty without one.
     *
     * @return the escalation table
     */
    List<EscalationRow> escalations() {
        return pack.reading().desk().escalations();
    }

    /** The tables a rule may name in {@code @clauseFrom}. */
    public static final List<String> TABLES =
            List.of(SignatureTable.SOURCE, ContentTable.SOURCE, ReportTypeTable.SOURCE);

    CompiledPolicy(
            PolicyPack pack,
            PolicyDocument document,
            KieBase kieBase,
            Set<String> globals,
            List<RuleInfo> rules,
            List<PolicyProblem> warnings,
            PolicyTables tables,
            Map<List<String>, RuleSpec> specs,
            boolean trusted) {
        this.pack = pack;
        this.trusted = trusted;
        this.document = document;
        this.kieBase = kieBase;
        this.globals = Set.copyOf(globals);
        this.rules = List.copyOf(rules);
        this.warnings = List.copyOf(warnings);
        this.info = new PolicyInfo(document.name(), document.version(), pack.digest());
        this.defaults = document.thresholdsFor(null);
        this.embargo = new Embargo(document.embargoedCountries());
        document.plans().keySet().forEach(p -> thresholdsByPlan.put(p, document.thresholdsFor(p)));
        this.tables = tables;
        this.tableClauseIds = tableClauseIds(this.rules, tables);
        this.specs = Map.copyOf(specs);
    }

    /** The clauses of the rows of every table that some rule reads with {@code @clauseFrom}, in catalog order. */
    private static Set<String> tableClauseIds(List<RuleInfo> rules, PolicyTables tables) {
        Set<String> read = new HashSet<>();
        rules.forEach(r -> {
            if (r.clauseFrom() != null) {
                read.add(r.clauseFrom());
            }
        });
        return Collections.unmodifiableSet(tables.clauseIds(read));
    }

    /**
     * A rule of the compiled policy and its metadata.
     *
     * @param name      the rule's name
     * @param file      the pack file it is in, e.g. {@code rules/spam.drl}
     * @param clause    its {@code @clause}, or {@code null} for a derivation rule
     * @param severity  its {@code @severity}, or {@code null}
     * @param certainty its {@code @certainty}, or {@code null}
     * @param clauseFrom its {@code @clauseFrom}, the table it takes clauses from, or {@code null}
     * @param line      the 1-based line of its {@code rule "name"} in {@code file}, or 0 when not found
     * @param message   its {@code @message}, or {@code null}
     */
    public record RuleInfo(
            String name,
            String file,
            @Nullable String clause,
            @Nullable String severity,
            @Nullable String certainty,
            @Nullable String clauseFrom,
            int line,
            @Nullable String message) {}

    /**
     * Compiles a pack, or throws with every problem found; nothing half-built ever comes out.
     * {@link PolicyValidator#validate(PolicyPack)} reports the problems without throwing. Every
     * rule is sandboxed, whatever the pack's {@code policy.json} says about {@code trusted}.
     *
     * @param pack the pack to compile
     * @return the compiled policy, ready to evaluate
     * @throws InvalidPolicyException when the pack has an error
     */
    public static CompiledPolicy compile(PolicyPack pack) {
        return compile(pack, false);
    }

    /**
     * Compiles a pack as {@link #compile(PolicyPack)} does, honouring its {@code "trusted": true}
     * only when {@code allowTrustedPacks} is set: trust is the embedding application's decision,
     * never the pack's alone. Without it, a pack that says it is trusted is sandboxed like any
     * other, with a warning.
     *
     * @param pack              the pack to compile
     * @param allowTrustedPacks whether a pack that says {@code "trusted": true} may run unsandboxed
     * @return the compiled policy, ready to evaluate
     * @throws InvalidPolicyException when the pack has an error
     */
    public static CompiledPolicy compile(PolicyPack pack, boolean allowTrustedPacks) {
        return PolicyCompiler.compileOrThrow(Objects.requireNonNull(pack, "pack must not be null"), allowTrustedPacks);
    }

    /**
     * Whether the rules run without the sandbox: only when the pack says {@code "trusted": true}
     * and the embedder allowed trusted packs when compiling it.
     *
     * @return {@code true} when the rules were not sandboxed
     */
    public boolean trusted() {
        return trusted;
    }

    /**
     * Name, version and digest of the pack.
     *
     * @return what identifies the pack this policy was compiled from
     */
    public PolicyInfo info() {
        return info;
    }

    /**
     * The pack it was compiled from.
     *
     * @return the source pack, as read
     */
    public PolicyPack pack() {
        return pack;
    }

    /**
     * The parsed {@code policy.json}.
     *
     * @return the pack's policy document
     */
    public PolicyDocument document() {
        return document;
    }

    /**
     * The clause catalog.
     *
     * @return the clauses violations of this policy cite
     */
    public ClauseCatalog catalog() {
        return document.catalog();
    }

    /**
     * Every rule, in file then name order.
     *
     * @return the metadata of each compiled rule
     */
    public List<RuleInfo> rules() {
        return rules;
    }

    /**
     * Warnings found while compiling; an empty list for a clean pack.
     *
     * @return the problems of level warning, which did not stop the compilation
     */
    public List<PolicyProblem> warnings() {
        return warnings;
    }

    /**
     * The thresholds of a plan; the defaults for a plan the pack does not name.
     *
     * @param plan the account's plan, or {@code null} for none
     * @return the thresholds rules judge an account on that plan against
     */
    public Thresholds thresholdsFor(@Nullable String plan) {
        return plan == null ? defaults : thresholdsByPlan.getOrDefault(plan, defaults);
    }

    /**
     * The warning for an account whose plan the pack does not name: it is judged by the default
     * thresholds, as docs/contract.md says, but a typo ({@code shared-pr0}) must not pass for a plan.
     *
     * @param account an account of the input
     * @return an {@link NoticeKind#UNKNOWN_PLAN} notice naming the plan, with a did-you-mean when a
     *     plan of the pack is close; empty when the account has no plan or one the pack names
     */
    public Optional<Notice> unknownPlan(Account account) {
        String plan = account.plan();
        if (plan == null || thresholdsByPlan.containsKey(plan)) {
            return Optional.empty();
        }
        Set<String> known = new TreeSet<>(thresholdsByPlan.keySet());
        String hint = DidYouMean.suggest(plan, known)
                .map(s -> "; did you mean `" + s + "`?")
                .orElse(
                        known.isEmpty()
                                ? "; the pack names no plans"
                                : "; the pack's plans are "
                                        + known.stream().map(p -> "`" + p + "`").collect(Collectors.joining(", ")));
        return Optional.of(new Notice(
                "",
                NoticeKind.UNKNOWN_PLAN,
                List.of(),
                Optional.of(account.id()),
                "account `" + account.id() + "` has plan `" + plan + "`, which the pack does not name, so it is judged"
                        + " by the default thresholds" + hint));
    }

    /**
     * The pack's embargo list, as the fact that every session holds.
     *
     * @return the embargoed countries of the pack
     */
    public Embargo embargo() {
        return embargo;
    }

    /**
     * The rows of {@code signatures.csv}; empty when the pack has none.
     *
     * @return the pack's signature table
     */
    public SignatureTable signatures() {
        return tables.signatures();
    }

    /**
     * The rows of {@code contentCategories} in {@code policy.json}; empty when the pack has none.
     *
     * @return the pack's content category table
     */
    public ContentTable contentTable() {
        return tables.content();
    }

    /**
     * The rows of {@code reportTypes} in {@code policy.json}; empty when the pack has none.
     *
     * @return the pack's report type table
     */
    public ReportTypeTable reportTypes() {
        return tables.reports();
    }

    /**
     * The ids of the clauses the pack's tables can cite, in catalog order: the clauses of the rows of
     * each table that at least one rule reads with {@code @clauseFrom}. A table no rule reads cites nothing.
     *
     * @return the clause ids, in catalog order
     */
    public Set<String> tableClauseIds() {
        return tableClauseIds;
    }

    /** The findings of one account's session, with every rule's metadata read once at compile time. */
    Findings newFindings(String accountId) {
        return new Findings(accountId, catalog(), specs);
    }

    KieBase kieBase() {
        return kieBase;
    }

    /** Sessions to evaluate with, reused across accounts and threads; created on first use. */
    KieSessionsPool sessions() {
        KieSessionsPool pool = sessions;
        if (pool == null) {
            synchronized (this) {
                pool = sessions;
                if (pool == null) {
                    pool = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
                    sessions = pool;
                }
            }
        }
        return pool;
    }

    boolean declaresGlobal(String name) {
        return globals.contains(name);
    }
}
