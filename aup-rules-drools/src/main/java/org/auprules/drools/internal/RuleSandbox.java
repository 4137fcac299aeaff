package org.auprules.drools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.internal.DrlLexer.Token;
import org.auprules.drools.internal.DrlOutline.RuleSpan;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.rule.TypeDeclaration;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.jspecify.annotations.Nullable;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * Keeps the DRL of an untrusted pack to an allowlist: the fact types, the pack's helper types and
 * the JDK members of {@code sandbox-allowlist.txt} ({@link SandboxAllowlist}). Everything else is
 * refused at its {@code file:line:column}. A pack whose {@code policy.json} says
 * {@code "trusted": true}, in an embedder that allows trusted packs, is not checked against the
 * allowlist; its metadata must still be literals.
 *
 * <p>Two checks run. Before anything is compiled, every DRL file is parsed with Drools' own parser
 * (which evaluates nothing) and read as tokens, both as written and with unicode escapes decoded
 * ({@link DrlCodeCheck}): this must come first, because Drools evaluates metadata with MVEL while
 * it compiles, and because conditions and {@code from} are MVEL that never becomes bytecode before
 * the JIT. After compiling, before the knowledge base is used, every class Drools generated for
 * the pack is read with ASM ({@link CompiledCodeCheck}), so a call is caught however its source
 * was spelt.
 */
public final class RuleSandbox {

    /** What every allowlist message ends with: what is allowed, and where it is listed. */
    public static final String ALLOWED = ": rules may use the fact types, the pack's helper types and the JDK members"
            + " listed in docs/security.md";

    private RuleSandbox() {}

    /**
     * Whether the pack's {@code policy.json} says {@code "trusted": true}, read leniently so that a
     * policy.json with other errors still decides whether the rules are checked.
     */
    public static boolean declaresTrusted(PackSource pack) {
        if (pack.text(PackSource.POLICY_FILE).isEmpty()) {
            return false;
        }
        JsonNode trusted = pack.policyJson().tree().map(t -> t.path("trusted")).orElse(MissingNode.getInstance());
        return trusted.isBoolean() && trusted.booleanValue();
    }

    /**
     * What the check of a pack's text found.
     *
     * @param refused what must stop the pack before it is compiled
     * @param unknown names no allowed type has, read from bindings and variables: most often
     *                misspelt fields, which cannot run while the pack compiles; the compiler may
     *                try the pack first and explain them better, but they are errors either way
     */
    public record SourceCheck(List<PolicyProblem> refused, List<PolicyProblem> unknown) {

        public SourceCheck {
            refused = List.copyOf(refused);
            unknown = List.copyOf(unknown);
        }

        /** Everything found, sorted. */
        public List<PolicyProblem> all() {
            List<PolicyProblem> all = new ArrayList<>(refused);
            all.addAll(unknown);
            all.sort(null);
            return all;
        }
    }

    /** Every refused piece of code of an untrusted pack, and every metadata value that is not a literal. */
    public static List<PolicyProblem> check(PackSource pack) {
        return check(pack, true).all();
    }

    /** Whether a problem is one of the sandbox's, after which the compiler reads no further. */
    public static boolean isSandboxProblem(PolicyProblem p) {
        return p.message().endsWith(ALLOWED)
                || p.message().contains(DrlCodeCheck.LITERAL)
                || p.message().contains(MVEL_DIALECT);
    }

    private static final String MVEL_DIALECT = "`dialect \"mvel\"` is not allowed in an untrusted pack";

    /**
     * What the DRL text of a pack may not contain, read before compiling: metadata that is not a
     * literal (in every pack), and, when {@code untrusted}, everything the allowlist does not allow.
     */
    public static SourceCheck check(PackSource pack, boolean untrusted) {
        List<PolicyProblem> problems = new ArrayList<>();
        List<PolicyProblem> unknown = new ArrayList<>();
        DrlPackInfo info = untrusted ? DrlPackInfo.of(pack) : DrlPackInfo.empty();
        for (String file : pack.ruleFiles()) {
            String text = pack.text(file).orElse("");
            DrlOutline outline = pack.outline(file);
            Map<String, PolicyProblem> found = new LinkedHashMap<>();
            Set<PolicyProblem> unknownAt = new HashSet<>();
            for (boolean decode : new boolean[] {false, true}) {
                List<Token> tokens = DrlLexer.tokenize(text, decode);
                for (DrlCodeCheck.Finding f : DrlCodeCheck.metadata(tokens)) {
                    found.putIfAbsent(f.line() + ":" + f.column(), problem(file, outline, f, ""));
                }
                if (untrusted) {
                    for (DrlCodeCheck.Finding f : DrlCodeCheck.code(tokens, info)) {
                        PolicyProblem p = problem(file, outline, f, ALLOWED);
                        if (found.putIfAbsent(f.line() + ":" + f.column(), p) == null && f.unknown()) {
                            unknownAt.add(p);
                        }
                    }
                }
            }
            if (untrusted) {
                dialects(file, info, pack.tokens(file), outline, found);
            }
            for (PolicyProblem p : found.values()) {
                (unknownAt.contains(p) ? unknown : problems).add(p);
            }
        }
        problems.sort(null);
        unknown.sort(null);
        return new SourceCheck(problems, unknown);
    }

    private static void dialects(
            String file, DrlPackInfo info, List<Token> tokens, DrlOutline outline, Map<String, PolicyProblem> found) {
        DrlPackInfo.FileInfo f = info.files().get(file);
        if (f == null) {
            return;
        }
        for (DrlPackInfo.Declared d : f.dialects()) {
            if (!d.name().equals("mvel")) {
                continue;
            }
            Optional<Token> at = tokens.stream()
                    .filter(x -> x.is("dialect") && x.line() == d.line())
                    .findFirst();
            int line = at.map(Token::line).orElse(Math.max(0, d.line()));
            int column = at.map(Token::column).orElse(0);
            found.putIfAbsent(
                    line + ":" + column,
                    problem(
                            file,
                            outline,
                            new DrlCodeCheck.Finding(
                                    line,
                                    column,
                                    MVEL_DIALECT + ": MVEL code is interpreted,"
                                            + " so it cannot be checked before it runs; leave the default java dialect"),
                            ""));
        }
    }

    private static PolicyProblem problem(String file, DrlOutline outline, DrlCodeCheck.Finding f, String suffix) {
        return PolicyProblem.error(file, f.line(), f.column(), inRule(outline, f.line()) + f.message() + suffix);
    }

    /**
     * Every reference outside the allowlist in the classes Drools compiled for a pack: rule
     * classes (consequences, evals, accumulate code), invokers, functions and declared types.
     */
    public static List<PolicyProblem> checkCompiled(KieBase kieBase, PackSource pack) {
        return checkCompiled(kieBase.getKiePackages(), pack);
    }

    /**
     * The same check on the packages a knowledge builder compiled, before any knowledge base
     * loads their classes.
     */
    public static List<PolicyProblem> checkCompiled(Collection<? extends KiePackage> packages, PackSource pack) {
        Map<String, RuleSpan> rulesByClass = new HashMap<>();
        Map<RuleSpan, String> fileOf = new HashMap<>();
        for (String file : pack.ruleFiles()) {
            for (RuleSpan r : pack.outline(file).rules()) {
                rulesByClass.put("Rule_" + escape(r.name()), r);
                fileOf.put(r, file);
            }
        }
        Map<String, Token> functions = new HashMap<>();
        Map<Token, String> functionFile = new HashMap<>();
        for (String file : pack.ruleFiles()) {
            List<Token> t = pack.tokens(file);
            for (int i = 0; i + 3 < t.size(); i++) {
                if (t.get(i).is("function") && (i == 0 || !t.get(i - 1).is("import"))) {
                    for (int k = i + 1; k + 1 < t.size() && k < i + 12; k++) {
                        if (t.get(k).isIdent() && t.get(k + 1).is("(")) {
                            String name = t.get(k).text();
                            functions.put(Character.toUpperCase(name.charAt(0)) + name.substring(1), t.get(i));
                            functionFile.put(t.get(i), file);
                            break;
                        }
                    }
                }
            }
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        Set<String> declaredTypes = new HashSet<>();
        for (KiePackage kp : packages) {
            if (!(kp instanceof InternalKnowledgePackage ip)
                    || !(ip.getDialectRuntimeRegistry().getDialectData("java")
                            instanceof JavaDialectRuntimeData data)) {
                continue;
            }
            classes.putAll(data.getStore());
            for (TypeDeclaration t : ip.getTypeDeclarations().values()) {
                String resource = t.getTypeClassName().replace('.', '/') + ".class";
                byte[] bytes = data.getClassDefinition(resource);
                if (bytes != null) {
                    classes.put(resource, bytes);
                    declaredTypes.add(resource);
                }
            }
        }
        List<PolicyProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CompiledCodeCheck.Finding f : CompiledCodeCheck.check(classes, declaredTypes)) {
            String simple = f.className().substring(f.className().lastIndexOf('/') + 1);
            Optional<RuleSpan> rule = rulesByClass.entrySet().stream()
                    .filter(r -> simple.startsWith(r.getKey()))
                    .max((a, b) -> a.getKey().length() - b.getKey().length())
                    .map(Map.Entry::getValue);
            @Nullable Token function = rule.isPresent() ? null : functions.get(simple);
            PolicyProblem p = PolicyProblem.error(
                    rule.map(fileOf::get)
                            .orElse(
                                    function == null
                                            ? PackSource.RULES_FOLDER
                                            : functionFile.getOrDefault(function, PackSource.RULES_FOLDER)),
                    rule.map(RuleSpan::line).orElse(function == null ? 0 : function.line()),
                    rule.map(RuleSpan::column).orElse(function == null ? 0 : function.column()),
                    rule.map(r -> "rule `" + r.name() + "`: ")
                                    .orElse(
                                            function == null
                                                    ? "class `" + simple + "`: "
                                                    : "function `" + Character.toLowerCase(simple.charAt(0))
                                                            + simple.substring(1) + "`: ")
                            + "`" + f.reference() + "` in the compiled code is not allowed in an untrusted pack"
                            + ALLOWED);
            if (seen.add(p.toString())) {
                problems.add(p);
            }
        }
        return problems;
    }

    /** How Drools names the class of a rule: {@code .} becomes {@code $u46$}, a space {@code _}. */
    public static String escape(String ruleName) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < ruleName.length(); i++) {
            char c = ruleName.charAt(i);
            if (c == ' ') {
                s.append('_');
            } else if (Character.isJavaIdentifierPart(c) && c != '$') {
                s.append(c);
            } else {
                s.append("$u").append((int) c).append('$');
            }
        }
        return s.toString();
    }

    private static String inRule(DrlOutline outline, int line) {
        return outline.ruleAt(line).map(r -> "rule `" + r.name() + "`: ").orElse("");
    }
}
