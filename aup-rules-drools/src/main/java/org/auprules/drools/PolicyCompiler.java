package org.auprules.drools;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.auprules.api.Certainty;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Severity;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.Kind;
import org.auprules.drools.internal.DrlDiagnostics;
import org.auprules.drools.internal.KieBaseArchive;
import org.auprules.drools.internal.PolicyTables;
import org.auprules.drools.internal.RuleLocator;
import org.auprules.drools.internal.RuleSandbox;
import org.auprules.drools.rules.Findings;
import org.auprules.drools.rules.MessageTemplate;
import org.auprules.drools.rules.RuleSpec;
import org.auprules.internal.DidYouMean;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.jspecify.annotations.Nullable;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;

/**
 * Compiles a policy pack into a {@link CompiledPolicy}, or reports every problem found. Nothing
 * half-built ever comes out: a pack with one error yields no policy.
 *
 * <pre>{@code
 * CompiledPolicy policy = PolicyCompiler.compileOrThrow(PolicyPack.defaultPack());
 * }</pre>
 */
final class PolicyCompiler {

    private PolicyCompiler() {}

    /**
     * The outcome of a compilation: a policy when there was no error, and every problem found.
     *
     * @param policy   the compiled policy, when there was no error
     * @param problems every error and warning, sorted by file and line
     */
    public record Compilation(Optional<CompiledPolicy> policy, List<PolicyProblem> problems) {

        /** Whether the pack compiled. */
        public boolean succeeded() {
            return policy.isPresent();
        }
    }

    /**
     * Compiles a pack, or throws with every problem.
     *
     * @throws InvalidPolicyException when the pack has an error
     */
    public static CompiledPolicy compileOrThrow(PolicyPack pack, boolean allowTrustedPacks) {
        return compileOrThrow(pack, allowTrustedPacks, CompiledPolicy.Cache.none());
    }

    /**
     * Compiles a pack, or loads what an earlier compile of it left in {@code cache}, or throws with
     * every problem.
     *
     * @throws InvalidPolicyException when the pack has an error
     */
    public static CompiledPolicy compileOrThrow(
            PolicyPack pack, boolean allowTrustedPacks, CompiledPolicy.Cache cache) {
        Compilation c = compile(pack, allowTrustedPacks, cache);
        return c.policy().orElseThrow(() -> new InvalidPolicyException(pack.location(), c.problems()));
    }

    /** Compiles a pack with every rule sandboxed, whatever its {@code policy.json} says; collects problems. */
    public static Compilation compile(PolicyPack pack) {
        return compile(pack, false);
    }

    /** Compiles a pack, honouring {@code "trusted": true} only when the embedder allows trusted packs. */
    public static Compilation compile(PolicyPack pack, boolean allowTrustedPacks) {
        return compile(pack, allowTrustedPacks, CompiledPolicy.Cache.none());
    }

    /**
     * Compiles a pack as {@link #compile(PolicyPack, boolean)} does; when {@code cache} holds the
     * knowledge packages of a pack of the same digest, compiled and sandbox-checked before, they
     * are loaded instead of compiling the DRL again. Everything else (the pack's document, tables,
     * metadata and messages, and the sandbox's check of the DRL text) is checked as always.
     */
    public static Compilation compile(PolicyPack pack, boolean allowTrustedPacks, CompiledPolicy.Cache cache) {
        return compile(pack, allowTrustedPacks, cache, null);
    }

    /**
     * The compile itself; {@code compiled}, when given, receives the knowledge packages Drools
     * compiled (not loaded), once they passed every check: what {@link PrebuiltPack} ships.
     */
    static Compilation compile(
            PolicyPack pack,
            boolean allowTrustedPacks,
            CompiledPolicy.Cache cache,
            @Nullable Consumer<Collection<KiePackage>> compiled) {
        return compile(pack, allowTrustedPacks, cache, compiled, null);
    }

    /**
     * The compile itself; with a {@code memo}, the knowledge packages of a clean build of the same
     * rule files ({@link RuleBuildMemo#key}) are reused instead of compiling the DRL again, after the
     * sandbox's check of the compiled classes has passed them once more, and every clean build is
     * kept there. Nothing else is skipped: the sandbox's source check, the document, the tables and
     * each rule's metadata and message are checked on every call.
     */
    static Compilation compile(
            PolicyPack pack,
            boolean allowTrustedPacks,
            CompiledPolicy.Cache cache,
            @Nullable Consumer<Collection<KiePackage>> compiled,
            @Nullable RuleBuildMemo memo) {
        List<PolicyProblem> problems = new ArrayList<>();
        PackReading reading = pack.reading();
        PolicyDocument.Parsed parsed = reading.document();
        problems.addAll(parsed.problems());
        PolicyTables tables = reading.tables();
        problems.addAll(reading.tableProblems());
        problems.addAll(reading.desk().problems());
        problems.addAll(reading.notices().problems());
        if (pack.ruleFiles().isEmpty()) {
            problems.add(PolicyProblem.error(
                    PolicyPack.RULES_FOLDER, 0, 0, "no rule files: a pack needs at least one `rules/*.drl`"));
        }
        boolean trusted = trusted(pack, parsed, allowTrustedPacks, problems);
        // Before Drools sees the DRL: it evaluates metadata values with MVEL while it compiles, so
        // even a trusted pack's metadata must be literals, or validating it would run its code.
        RuleSandbox.SourceCheck sandbox = RuleSandbox.check(pack.source(), !trusted);
        if (!sandbox.refused().isEmpty()) {
            problems.addAll(sandbox.refused());
            return failed(problems);
        }
        // Only sandboxed builds are ever stored, and only those that Drools built without a word.
        boolean reusable = !trusted
                && compiled == null
                && sandbox.unknown().isEmpty()
                && parsed.document().isPresent()
                && problems.stream().noneMatch(PolicyProblem::isError);
        Optional<List<KiePackage>> stored = reusable ? cache.load(pack) : Optional.empty();
        @Nullable String memoKey = memo == null ? null : RuleBuildMemo.key(pack);
        if (memo != null && memoKey != null && reusable) {
            if (stored.isPresent()) {
                if (!memo.holds(memoKey)) {
                    memo.remember(memoKey, stored.get()); // loaded, not yet in a knowledge base
                }
            } else {
                stored = memo.find(memoKey);
                if (stored.isPresent()) {
                    // the check of a compile's classes, made again on the very classes reused
                    List<PolicyProblem> refused = RuleSandbox.checkCompiled(stored.get(), pack.source());
                    if (!refused.isEmpty()) {
                        problems.addAll(refused);
                        return failed(problems);
                    }
                }
            }
        }
        KieBase kieBase;
        if (stored.isPresent()) {
            kieBase = KieBaseArchive.newKieBase(stored.get());
        } else {
            Optional<KieBase> built =
                    build(pack, trusted, sandbox, parsed, problems, cache, compiled, reusable ? memo : null, memoKey);
            if (built.isEmpty()) {
                return failed(problems);
            }
            kieBase = built.get();
        }
        PolicyDocument document = parsed.document().orElseThrow();
        List<CompiledPolicy.RuleInfo> rules = new ArrayList<>();
        Map<List<String>, RuleSpec> specs = new HashMap<>();
        Set<String> globals = new HashSet<>();
        for (KiePackage kp : kieBase.getKiePackages()) {
            kp.getGlobalVariables().forEach(g -> globals.add(g.getName()));
            for (Rule rule : kp.getRules()) {
                CompiledPolicy.RuleInfo info = ruleInfo(rule, pack);
                rules.add(info);
                checkMetadata(info, document, pack, problems);
                specs.put(
                        RuleSpec.key(rule.getPackageName(), rule.getName()),
                        spec(rule, info, document, pack, problems));
            }
        }
        rules.sort(Comparator.comparing(CompiledPolicy.RuleInfo::file).thenComparing(CompiledPolicy.RuleInfo::name));
        if (problems.stream().anyMatch(PolicyProblem::isError)) {
            return failed(problems);
        }
        problems.sort(null);
        List<PolicyProblem> warnings = List.copyOf(problems);
        return new Compilation(
                Optional.of(new CompiledPolicy(
                        pack, document, kieBase, globals, rules, warnings, tables, specs, trusted, stored.isPresent())),
                warnings);
    }

    /** Compiles the DRL with Drools and checks what came out; empty, with the problems added, when it fails. */
    private static Optional<KieBase> build(
            PolicyPack pack,
            boolean trusted,
            RuleSandbox.SourceCheck sandbox,
            PolicyDocument.Parsed parsed,
            List<PolicyProblem> problems,
            CompiledPolicy.Cache cache,
            @Nullable Consumer<Collection<KiePackage>> compiled,
            @Nullable RuleBuildMemo memo,
            @Nullable String memoKey) {
        int before = problems.size();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (String file : pack.ruleFiles()) {
            builder.add(
                    ResourceFactory.newByteArrayResource(pack.files().get(file)).setSourcePath(file), ResourceType.DRL);
        }
        List<PolicyProblem> drl = new ArrayList<>();
        for (KnowledgeBuilderResult r : builder.getResults(ResultSeverity.ERROR, ResultSeverity.WARNING)) {
            drl.add(toProblem(r));
        }
        List<PolicyProblem> refined = DrlDiagnostics.refine(drl, pack.source());
        problems.addAll(refined);
        // a name no allowed type has: when Drools explains it (a misspelt field), its message says more
        for (PolicyProblem unknown : sandbox.unknown()) {
            if (refined.stream()
                    .noneMatch(p -> p.isError() && p.path().equals(unknown.path()) && p.line() == unknown.line())) {
                problems.add(unknown);
            }
        }
        if (problems.stream().anyMatch(PolicyProblem::isError)
                || parsed.document().isEmpty()) {
            return Optional.empty();
        }
        if (!trusted) {
            // before a knowledge base loads any class of the pack, so none of them is ever initialised
            List<PolicyProblem> refused = RuleSandbox.checkCompiled(builder.getKnowledgePackages(), pack.source());
            if (!refused.isEmpty()) {
                problems.addAll(refused);
                return Optional.empty();
            }
        }
        // Drools said nothing and the sandbox passed every class: what a later load may skip
        if (!trusted && problems.size() == before) {
            if (compiled != null) {
                compiled.accept(builder.getKnowledgePackages());
            } else {
                cache.store(pack, builder.getKnowledgePackages());
            }
            if (memo != null && memoKey != null) {
                memo.remember(memoKey, builder.getKnowledgePackages()); // before newKieBase uses them
            }
        }
        return Optional.of(builder.newKieBase());
    }

    /**
     * Whether the rules run unsandboxed: only when the pack says {@code "trusted": true} and the
     * embedder allowed trusted packs. A pack that says so without that leave is sandboxed like any
     * other, with a warning at {@code $.trusted} that says how to allow it.
     */
    private static boolean trusted(
            PolicyPack pack, PolicyDocument.Parsed parsed, boolean allowTrustedPacks, List<PolicyProblem> problems) {
        boolean declared = parsed.document()
                .map(PolicyDocument::trusted)
                .orElseGet(() -> RuleSandbox.declaresTrusted(pack.source()));
        if (declared && !allowTrustedPacks) {
            problems.add(PolicyProblem.warning(
                    PolicyPack.POLICY_FILE,
                    pack.source().policyLocator().line("$.trusted"),
                    pack.source().policyLocator().column("$.trusted"),
                    "`\"trusted\": true` is ignored and the rules are sandboxed: trust is the embedding "
                            + "application's decision; allow it with `allowTrustedPacks(true)` on the evaluator's "
                            + "builder, or `--allow-trusted-packs` on the command line"));
        }
        return declared && allowTrustedPacks;
    }

    private static Compilation failed(List<PolicyProblem> problems) {
        problems.sort(null);
        return new Compilation(Optional.empty(), List.copyOf(problems));
    }

    private static CompiledPolicy.RuleInfo ruleInfo(Rule rule, PolicyPack pack) {
        Map<String, Object> meta = rule.getMetaData();
        String file = RuleLocator.fileOf(rule, pack.source());
        return new CompiledPolicy.RuleInfo(
                rule.getName(),
                file,
                Findings.metadataText(meta.get(Findings.CLAUSE)),
                Findings.metadataText(meta.get(Findings.SEVERITY)),
                Findings.metadataText(meta.get(Findings.CERTAINTY)),
                Findings.metadataText(meta.get(Findings.CLAUSE_FROM)),
                RuleLocator.lineOf(pack.source(), file, rule.getName()),
                Findings.metadataText(meta.get(Findings.MESSAGE)));
    }

    /**
     * What a rule's metadata says, read once for the compiled policy; a message whose placeholders
     * do not parse or name what the rule does not bind is reported at its {@code file:line:column}.
     */
    private static RuleSpec spec(
            Rule rule,
            CompiledPolicy.RuleInfo info,
            PolicyDocument document,
            PolicyPack pack,
            List<PolicyProblem> problems) {
        Optional<MessageTemplate> message = Optional.empty();
        for (String call : List.of("violation", "notice")) {
            if (info.message() == null && RuleLocator.callsFindings(pack.source(), info.file(), info.name(), call)) {
                problems.add(missingMessage(info.file(), info.line(), info.name(), call));
            }
        }
        if (info.message() != null) {
            MessageTemplate.Parsed parsed = MessageTemplate.parse(info.message());
            String where = "rule `" + info.name() + "`: ";
            parsed.error().ifPresent(e -> problems.add(messageProblem(pack, info, e.offset(), where + e.message())));
            message = parsed.template();
            message.ifPresent(t -> t.check(bindingTypes(rule))
                    .forEach(p -> problems.add(messageProblem(
                            pack,
                            info,
                            p.offset(),
                            where
                                    + p.message()
                                    + DidYouMean.suggest(p.unknown(), p.candidates())
                                            .map(s -> "; did you mean `" + s + "`?")
                                            .orElse("")))));
        }
        return new RuleSpec(
                info.name(),
                Optional.ofNullable(info.clause())
                        .flatMap(id -> document.catalog().find(id)),
                Optional.ofNullable(info.severity()).flatMap(Severity::parse),
                Optional.ofNullable(info.certainty()).flatMap(Certainty::parse).orElse(Certainty.CONFIRMED),
                Optional.ofNullable(info.clauseFrom()),
                message);
    }

    /** A rule that reports a finding without a {@code @message}: the engine would have nothing to say. */
    static PolicyProblem missingMessage(String file, int line, String rule, String call) {
        return PolicyProblem.error(
                file,
                line,
                1,
                "rule `" + rule + "`: calls `findings." + call + "` but has no "
                        + "@message; add one that says what matched, such as @message(\"{$p} is an IRC server\")");
    }

    /** The class of every binding of a rule's conditions, by name: what a placeholder may read. */
    private static Map<String, Type> bindingTypes(Rule rule) {
        Map<String, Type> types = new TreeMap<>();
        if (rule instanceof RuleImpl impl) {
            impl.getDeclarations().forEach((name, d) -> types.put(name, d.getDeclarationClass()));
        }
        return types;
    }

    private static PolicyProblem messageProblem(
            PolicyPack pack, CompiledPolicy.RuleInfo info, int offset, String message) {
        return messageProblem(pack, info.file(), info.name(), offset, message);
    }

    /** An error at the character {@code offset} of a rule's {@code @message}, or at the rule when it cannot be placed. */
    static PolicyProblem messageProblem(PolicyPack pack, String file, String rule, int offset, String message) {
        int[] at = RuleLocator.metadataPosition(pack.source(), file, rule, Findings.MESSAGE, offset)
                .orElseGet(() -> new int[] {RuleLocator.lineOf(pack.source(), file, rule), 1});
        return PolicyProblem.error(file, at[0], at[1], message);
    }

    /** A rule that cites a clause must cite a prohibition of the catalog, with a severity and certainty that parse. */
    static void checkMetadata(
            CompiledPolicy.RuleInfo rule, PolicyDocument document, PolicyPack pack, List<PolicyProblem> problems) {
        int line = rule.line();
        String where = "rule `" + rule.name() + "`: ";
        String clauseFrom = rule.clauseFrom();
        if (clauseFrom != null) {
            checkClauseFrom(rule, clauseFrom, line, where, problems);
            return;
        }
        if (rule.clause() == null) {
            if (rule.severity() != null) {
                problems.add(PolicyProblem.error(rule.file(), line, 1, where + "has @severity but no @clause"));
            }
            return;
        }
        Optional<Clause> clause = document.catalog().find(rule.clause());
        if (clause.isEmpty()) {
            List<String> ids = document.catalog().prohibitions().stream()
                    .map(c -> c.id().value())
                    .toList();
            problems.add(PolicyProblem.error(
                    rule.file(),
                    line,
                    1,
                    where + "unknown clause `" + rule.clause() + "`"
                            + DidYouMean.suggest(rule.clause(), ids)
                                    .map(s -> "; did you mean `" + s + "`?")
                                    .orElse("")));
        } else if (clause.get().kind() != Kind.PROHIBITION) {
            problems.add(PolicyProblem.error(
                    rule.file(),
                    line,
                    1,
                    where + "clause `" + rule.clause() + "` is " + clause.get().kind()
                            + ", not a PROHIBITION: rules can only cite clauses that can be broken"));
        }
        if (rule.severity() == null) {
            problems.add(PolicyProblem.error(
                    rule.file(),
                    line,
                    1,
                    where + "missing @severity; expected one of " + "LOW, MEDIUM, HIGH, CRITICAL"));
        } else if (Severity.parse(rule.severity()).isEmpty()) {
            problems.add(PolicyProblem.error(
                    rule.file(),
                    line,
                    1,
                    where + "unknown severity `" + rule.severity() + "`; expected one of LOW, MEDIUM, HIGH, CRITICAL"));
        }
        if (rule.certainty() != null && Certainty.parse(rule.certainty()).isEmpty()) {
            problems.add(PolicyProblem.error(
                    rule.file(),
                    line,
                    1,
                    where + "unknown certainty `" + rule.certainty() + "`; expected CONFIRMED or SUSPECTED"));
        }
    }

    /** A rule that takes its clause from a table names a known table and carries no clause metadata of its own. */
    private static void checkClauseFrom(
            CompiledPolicy.RuleInfo rule, String clauseFrom, int line, String where, List<PolicyProblem> problems) {
        if (!CompiledPolicy.TABLES.contains(clauseFrom)) {
            problems.add(PolicyProblem.error(
                    rule.file(),
                    line,
                    1,
                    where + "unknown table `" + clauseFrom
                            + "` in @clauseFrom; expected `"
                            + String.join("`, `", CompiledPolicy.TABLES.subList(0, CompiledPolicy.TABLES.size() - 1))
                            + "` or `" + CompiledPolicy.TABLES.get(CompiledPolicy.TABLES.size() - 1)
                            + "`"
                            + DidYouMean.suggest(clauseFrom, CompiledPolicy.TABLES)
                                    .map(s -> "; did you mean `" + s + "`?")
                                    .orElse("")));
        }
        if (rule.clause() != null || rule.severity() != null || rule.certainty() != null) {
            problems.add(PolicyProblem.error(
                    rule.file(),
                    line,
                    1,
                    where + "has @clauseFrom and also @clause, "
                            + "@severity or @certainty: a rule that takes its clause from a table takes its severity and "
                            + "certainty from the row too"));
        }
    }

    private static PolicyProblem toProblem(KnowledgeBuilderResult r) {
        String file = r.getResource() != null && r.getResource().getSourcePath() != null
                ? r.getResource().getSourcePath()
                : "rules/";
        int[] lines = r.getLines();
        int line = lines != null && lines.length > 0 ? Math.max(0, lines[0]) : 0;
        String message = r.getMessage() == null ? "" : r.getMessage().trim().replaceAll("\\s+", " ");
        return r.getSeverity() == ResultSeverity.ERROR
                ? PolicyProblem.error(file, line, 0, message)
                : PolicyProblem.warning(file, line, 0, message);
    }
}
