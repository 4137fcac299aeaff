package org.auprules.drools;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.auprules.api.EvaluationResult;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Violation;
import org.auprules.api.desk.Waiver;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.internal.DeskFilesReader;
import org.auprules.drools.internal.DeskRules;
import org.auprules.drools.internal.DrlLexer.Token;
import org.auprules.drools.internal.DrlOutline;
import org.auprules.drools.internal.DrlOutline.Meta;
import org.auprules.drools.internal.DrlOutline.RuleSpan;
import org.auprules.drools.internal.FactsNormalizer;
import org.auprules.drools.internal.RuleLocator;
import org.auprules.drools.internal.RuleSandbox;
import org.auprules.drools.rules.Findings;
import org.auprules.drools.rules.MessageTemplate;
import org.auprules.internal.DidYouMean;
import org.auprules.internal.JsonLocator;
import org.jspecify.annotations.Nullable;

/**
 * Checks a policy pack and reports every problem at once, each as {@code path:line:column}: what
 * {@link CompiledPolicy#compile(PolicyPack)} finds (DRL syntax and types, metadata, {@code policy.json}, data tables,
 * what the sandbox refuses), then what a single compilation cannot show. A syntax error or a sandbox
 * refusal stops Drools from reading the rest of a file, so the rules at fault are set aside (their lines
 * blanked, so every line number stays true) and the pack is compiled again until nothing new
 * turns up. It also warns about PROHIBITION clauses that nothing enforces.
 *
 * <pre>{@code
 * PolicyValidator.Validation v = PolicyValidator.validate(PolicyPack.fromDirectory(Path.of("my-pack")));
 * v.problems().forEach(System.out::println);   // rules/spam.drl:12:5: error: ...
 * }</pre>
 */
public final class PolicyValidator {

    /** Rounds of setting rules aside; each finds the problems the last one hid. */
    private static final int MAX_ROUNDS = 6;
    /** The metadata keys rules of this library use. */
    private static final Set<String> METADATA =
            Set.of(Findings.CLAUSE, Findings.SEVERITY, Findings.CERTAINTY, Findings.CLAUSE_FROM, Findings.MESSAGE);

    private PolicyValidator() {}

    /**
     * The outcome of a validation.
     *
     * @param policy   the compiled policy, when the pack has no error
     * @param problems every error and warning, sorted by file, line and column
     */
    public record Validation(Optional<CompiledPolicy> policy, List<PolicyProblem> problems) {

        /**
         * Keeps a copy of the problems.
         *
         * @param policy   the compiled policy, when the pack has no error
         * @param problems every error and warning, sorted by file, line and column
         */
        public Validation {
            problems = List.copyOf(problems);
        }

        /**
         * Whether the pack can go live: no errors (warnings allowed).
         *
         * @return {@code true} when the pack compiled and has no error
         */
        public boolean valid() {
            return policy.isPresent();
        }

        /**
         * The errors only.
         *
         * @return the problems that keep the pack from going live, in the order of {@link #problems()}
         */
        public List<PolicyProblem> errors() {
            return problems.stream().filter(PolicyProblem::isError).toList();
        }

        /**
         * The warnings only.
         *
         * @return the problems that do not keep the pack from going live, in the order of {@link #problems()}
         */
        public List<PolicyProblem> warnings() {
            return problems.stream().filter(p -> !p.isError()).toList();
        }
    }

    /**
     * Validates a pack: compiles it with every rule sandboxed, whatever its {@code policy.json}
     * says about {@code trusted}, and reports every problem found.
     *
     * @param pack the pack to validate
     * @return the compiled policy when the pack has no error, and every problem, sorted
     */
    public static Validation validate(PolicyPack pack) {
        return validate(pack, false);
    }

    /**
     * Validates a pack as {@link #validate(PolicyPack)} does, honouring its {@code "trusted": true}
     * only when {@code allowTrustedPacks} is set (see {@link CompiledPolicy#compile(PolicyPack, boolean)}).
     *
     * @param pack              the pack to validate
     * @param allowTrustedPacks whether a pack that says {@code "trusted": true} may run unsandboxed
     * @return the compiled policy when the pack has no error, and every problem, sorted
     */
    public static Validation validate(PolicyPack pack, boolean allowTrustedPacks) {
        return validate(pack, allowTrustedPacks, CompiledPolicy.Cache.none());
    }

    /**
     * Validates a pack as {@link #validate(PolicyPack, boolean)} does; a pack that compiled before
     * without a word from Drools loads its knowledge packages from {@code cache} instead of
     * compiling again, and every other check runs as always.
     *
     * @param pack              the pack to validate
     * @param allowTrustedPacks whether a pack that says {@code "trusted": true} may run unsandboxed
     * @param cache             where earlier compiles are kept
     * @return the compiled policy when the pack has no error, and every problem, sorted
     */
    public static Validation validate(PolicyPack pack, boolean allowTrustedPacks, CompiledPolicy.Cache cache) {
        return validate(pack, allowTrustedPacks, cache, null);
    }

    /**
     * Validates a pack as {@link #validate(PolicyPack, boolean, CompiledPolicy.Cache)} does, reusing
     * the knowledge packages that {@code memo} kept from a clean build of the same rule files (what
     * a {@link ReloadingAupEvaluator} does when an edit left them as they were). The build that
     * passes is compiled once and is the policy returned: nothing is compiled twice.
     */
    static Validation validate(
            PolicyPack pack, boolean allowTrustedPacks, CompiledPolicy.Cache cache, @Nullable RuleBuildMemo memo) {
        PolicyCompiler.Compilation first = PolicyCompiler.compile(pack, allowTrustedPacks, cache, null, memo);
        Set<PolicyProblem> problems = new LinkedHashSet<>(first.problems());
        if (!first.succeeded()) {
            problems.addAll(setAsideAndRetry(pack, first.problems(), allowTrustedPacks));
        }
        PolicyDocument.Parsed parsed = pack.reading().document();
        Map<String, DrlOutline> outlines = pack.reading().outlines();
        problems.addAll(metadataProblems(pack, outlines, parsed.document()));
        problems.addAll(LoopWarnings.find(pack, outlines));
        parsed.document().ifPresent(doc -> problems.addAll(ClauseCoverage.unenforced(pack, doc, outlines)));
        List<PolicyProblem> sorted = new ArrayList<>(problems);
        Collections.sort(sorted);
        boolean errors = sorted.stream().anyMatch(PolicyProblem::isError);
        return new Validation(errors ? Optional.empty() : first.policy(), sorted);
    }

    /**
     * Compiles again with the rules that stopped Drools blanked out, as long as that uncovers new
     * problems.
     */
    private static List<PolicyProblem> setAsideAndRetry(
            PolicyPack pack, List<PolicyProblem> found, boolean allowTrustedPacks) {
        List<PolicyProblem> more = new ArrayList<>();
        Set<String> known = new TreeSet<>();
        found.forEach(p -> known.add(p.toString()));
        Map<String, String> texts = new LinkedHashMap<>();
        pack.files().keySet().forEach(f -> texts.put(f, pack.text(f).orElse("")));
        List<PolicyProblem> round = found;
        for (int i = 0; i < MAX_ROUNDS; i++) {
            boolean blanked = false;
            for (PolicyProblem p : round) {
                if (p.isError() && stopsTheFile(p) && texts.containsKey(p.path()) && p.line() > 0) {
                    String before = texts.get(p.path());
                    texts.put(p.path(), blank(before, p.line()));
                    blanked |= !before.equals(texts.get(p.path()));
                }
            }
            if (!blanked) {
                break;
            }
            round = PolicyCompiler.compile(PolicyPack.ofFiles(pack.location(), texts), allowTrustedPacks)
                    .problems();
            for (PolicyProblem p : round) {
                if (known.add(p.toString())) {
                    more.add(p);
                }
            }
        }
        return more;
    }

    /** Problems after which Drools reads no further: a syntax error, or what the sandbox refused (nothing is compiled). */
    private static boolean stopsTheFile(PolicyProblem p) {
        return p.path().endsWith(".drl") && (p.message().contains("syntax error: ") || RuleSandbox.isSandboxProblem(p));
    }

    /** The text with the rule that covers a line blanked, or that one line when no rule covers it. */
    private static String blank(String text, int line) {
        Optional<RuleSpan> rule = DrlOutline.of(text).ruleAt(line);
        int from = rule.map(RuleSpan::line).orElse(line);
        int to = rule.map(RuleSpan::endLine).orElse(line);
        String[] lines = text.split("\n", -1);
        for (int l = from; l <= to && l <= lines.length; l++) {
            lines[l - 1] = "";
        }
        return String.join("\n", lines);
    }

    /**
     * What the compiler checks only once the whole pack builds, checked here on the text so a pack
     * with other errors still hears about them: the clause, severity and certainty of every rule,
     * misspelt metadata keys, and rules that report violations without naming a clause.
     */
    private static List<PolicyProblem> metadataProblems(
            PolicyPack pack, Map<String, DrlOutline> outlines, Optional<PolicyDocument> document) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (Map.Entry<String, DrlOutline> e : outlines.entrySet()) {
            String file = e.getKey();
            List<Token> tokens = pack.source().tokens(file);
            for (RuleSpan rule : e.getValue().rules()) {
                String where = "rule `" + rule.name() + "`: ";
                boolean literal = true;
                for (Meta m : rule.metadata()) {
                    String key = m.key().text();
                    if (METADATA.contains(key) && m.value() == null) {
                        literal = false;
                        problems.add(PolicyProblem.error(
                                file,
                                m.key().line(),
                                m.key().column() - 1,
                                where + "@" + key + " must be one quoted value, e.g. @" + key + "(\"" + example(key)
                                        + "\")"));
                    }
                    if (!METADATA.contains(key)) {
                        DidYouMean.suggest(key, METADATA)
                                .ifPresent(s -> problems.add(PolicyProblem.warning(
                                        file,
                                        m.key().line(),
                                        m.key().column() - 1,
                                        where + "unknown metadata `@" + key + "`; did you mean `@" + s + "`?")));
                    }
                }
                if (!literal) {
                    continue;
                }
                // the compiler checks placeholders against the rule's bindings; syntax needs no compiling
                DrlOutline.meta(rule, Findings.MESSAGE)
                        .flatMap(text -> MessageTemplate.parse(unescape(text)).error())
                        .ifPresent(err -> problems.add(PolicyCompiler.messageProblem(
                                pack, file, rule.name(), err.offset(), where + err.message())));
                Optional<String> clause = DrlOutline.meta(rule, Findings.CLAUSE);
                boolean fromTable = DrlOutline.meta(rule, "clauseFrom").isPresent();
                boolean hasSeverity = DrlOutline.meta(rule, Findings.SEVERITY).isPresent();
                // With a @severity and no @clause the compiler's check already says what is missing.
                if (clause.isEmpty() && !fromTable && !hasSeverity && calls(tokens, rule, "violation")) {
                    problems.add(
                            PolicyProblem.error(
                                    file,
                                    rule.line(),
                                    rule.column(),
                                    where + "reports a violation "
                                            + "with `findings.violation` but has no @clause; add @clause(\"…\") and @severity(\"…\")"));
                }
                for (String call : List.of("violation", "notice")) {
                    if (DrlOutline.meta(rule, Findings.MESSAGE).isEmpty() && calls(tokens, rule, call)) {
                        problems.add(PolicyCompiler.missingMessage(file, rule.line(), rule.name(), call));
                    }
                }
                if (document.isPresent() && (clause.isPresent() || hasSeverity || fromTable)) {
                    PolicyCompiler.checkMetadata(
                            new CompiledPolicy.RuleInfo(
                                    rule.name(),
                                    file,
                                    clause.orElse(null),
                                    DrlOutline.meta(rule, Findings.SEVERITY).orElse(null),
                                    DrlOutline.meta(rule, Findings.CERTAINTY).orElse(null),
                                    DrlOutline.meta(rule, Findings.CLAUSE_FROM).orElse(null),
                                    RuleLocator.lineOf(pack.source(), file, rule.name()),
                                    DrlOutline.meta(rule, Findings.MESSAGE).orElse(null)),
                            document.get(),
                            pack,
                            problems);
                }
            }
        }
        return problems;
    }

    /** A DRL string's text as Drools reads it: an escaped quote is a quote. */
    private static String unescape(String raw) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char n = raw.charAt(++i);
                s.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static String example(String key) {
        return switch (key) {
            case Findings.SEVERITY -> "HIGH";
            case Findings.CERTAINTY -> "SUSPECTED";
            case Findings.CLAUSE_FROM -> org.auprules.drools.rules.SignatureTable.SOURCE;
            case Findings.MESSAGE -> "{$p} is an IRC server";
            default -> "2.12";
        };
    }

    private static boolean calls(List<Token> tokens, RuleSpan rule, String method) {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.line() >= rule.thenLine()
                    && rule.thenLine() > 0
                    && rule.covers(t.line())
                    && t.is("findings")
                    && tokens.get(i + 1).is(".")
                    && tokens.get(i + 2).is(method)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Warnings about the waivers of a policy and of a facts document: waivers expired (or not yet
     * granted) at the moment of evaluation, and, with facts, waivers that match nothing in them (no
     * violation by their account of their clauses, with evidence their {@code match} accepts).
     * A pack waiver's warning is at its line in {@code waivers.json}; an input waiver's at its line
     * in {@code factsText}, under the name {@code factsSource}.
     *
     * @param policy      the compiled policy, with the pack's waivers
     * @param facts       the facts, or {@code null} to check expiry alone
     * @param factsText   the text the facts were read from, to locate an input waiver; may be {@code null}
     * @param factsSource the name the facts' warnings give their file
     * @param now         the moment to check expiry at when the facts carry no {@code evaluatedAt}
     * @return the warnings, pack waivers first, each in file order
     */
    public static List<PolicyProblem> waiverWarnings(
            CompiledPolicy policy,
            @Nullable FactSet facts,
            @Nullable String factsText,
            String factsSource,
            Instant now) {
        Instant at = facts != null && facts.evaluatedAt() != null ? facts.evaluatedAt() : now;
        List<PolicyProblem> out = new ArrayList<>();
        List<Violation> all = new ArrayList<>();
        Map<String, List<AccountFact>> byAccount = new LinkedHashMap<>();
        if (facts != null) {
            EvaluationResult r =
                    DroolsAupEvaluator.builder().compiledPolicy(policy).build().evaluate(facts);
            all.addAll(r.violations());
            r.suppressed().forEach(sv -> all.add(sv.violation()));
            FactsNormalizer.group(facts).accounts().forEach((a, f) -> byAccount.put(a.id(), f));
        }
        JsonLocator pack = policy.pack()
                .text(DeskFilesReader.WAIVERS_FILE)
                .map(JsonLocator::of)
                .orElse(null);
        JsonLocator input = factsText == null ? null : JsonLocator.of(factsText);
        List<Waiver> packWaivers = policy.waivers();
        for (int i = 0; i < packWaivers.size(); i++) {
            warn(
                    out,
                    packWaivers.get(i),
                    DeskFilesReader.WAIVERS_FILE,
                    pack,
                    "$.waivers[" + i + "]",
                    at,
                    facts,
                    all,
                    byAccount);
        }
        if (facts != null) {
            for (int i = 0; i < facts.waivers().size(); i++) {
                warn(
                        out,
                        facts.waivers().get(i),
                        factsSource,
                        input,
                        "$.waivers[" + i + "]",
                        at,
                        facts,
                        all,
                        byAccount);
            }
        }
        return out;
    }

    private static void warn(
            List<PolicyProblem> out,
            Waiver w,
            String file,
            @Nullable JsonLocator locator,
            String path,
            Instant at,
            @Nullable FactSet facts,
            List<Violation> all,
            Map<String, List<AccountFact>> byAccount) {
        int line = locator == null ? 0 : locator.line(path);
        int column = locator == null ? 0 : locator.column(path);
        String where = path + ": waiver `" + w.id() + "` ";
        if (w.expiresAt() != null && !at.isBefore(w.expiresAt())) {
            out.add(PolicyProblem.warning(
                    file,
                    line,
                    column,
                    where + "expired at " + w.expiresAt() + " (checked at " + at
                            + "): it suppresses nothing; renew it or remove it"));
            return;
        }
        if (w.grantedAt() != null && at.isBefore(w.grantedAt())) {
            out.add(PolicyProblem.warning(
                    file, line, column, where + "applies only from " + w.grantedAt() + " (checked at " + at + ")"));
            return;
        }
        if (facts == null) {
            return;
        }
        if (!byAccount.containsKey(w.accountId())) {
            out.add(PolicyProblem.warning(
                    file,
                    line,
                    column,
                    where + "matches nothing in the facts: account `" + w.accountId() + "` is not in them"));
            return;
        }
        boolean matches = all.stream().anyMatch(v -> DeskRules.waives(w, v, byAccount.get(w.accountId())));
        if (!matches) {
            Waiver.Match m = w.match();
            out.add(PolicyProblem.warning(
                    file,
                    line,
                    column,
                    where + "matches nothing in the facts: `"
                            + w.accountId() + "` has no violation of " + String.join(", ", w.clauses())
                            + (m == null ? "" : " with evidence that matches " + DeskRules.describe(m))));
        }
    }
}
