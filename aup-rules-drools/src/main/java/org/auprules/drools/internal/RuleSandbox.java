package org.auprules.drools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.internal.DrlLexer.Kind;
import org.auprules.drools.internal.DrlLexer.Token;
import org.auprules.drools.internal.DrlOutline.RuleSpan;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * Keeps the DRL of an untrusted pack from reaching outside the facts it is given: no process
 * control ({@code System}, {@code Runtime}, {@code ProcessBuilder}), no reflection or class
 * loading, no threads, no file or network I/O, in conditions, consequences, functions, metadata
 * and imports alike. A pack whose {@code policy.json} says {@code "trusted": true} is not checked.
 *
 * <p>Two checks run. Before anything is compiled, every DRL file is read as tokens (comments and
 * strings are not code; unicode escapes are read both as written and as javac decodes them), and
 * each name is resolved against {@code java.lang} and the file's imports, so neither a fully
 * qualified name, a wildcard import nor a comment between the dots hides a call. This must come
 * first: Drools evaluates metadata values such as {@code @clause(...)} while it compiles. After
 * compiling, the bytecode Drools generated for consequences is read, so a call is caught
 * whatever its source spelling.
 */
public final class RuleSandbox {

    private static final String PROCESS = "process control";
    private static final String REFLECTION = "reflection";
    private static final String CLASS_LOADING = "class loading";
    private static final String THREADS = "starting threads";
    private static final String FILE_IO = "file I/O";
    private static final String NETWORK_IO = "network I/O";
    private static final String DYNAMIC_CODE = "running code from strings";
    private static final String EXTERNAL = "access to external systems";
    private static final String INTERNALS = "use of JDK and engine internals";

    private static final String UNTRUSTED = " is not allowed in an untrusted pack (see \"trusted\" in policy.json)";

    /** Packages an untrusted rule may not name, by prefix, with why. */
    private static final Map<String, String> PACKAGES = new LinkedHashMap<>();
    /** Classes an untrusted rule may not name, by qualified name, with why. */
    private static final Map<String, String> CLASSES = new LinkedHashMap<>();
    /** Members that reach reflection, class loading or threads on any object. */
    private static final Map<String, String> MEMBERS = new LinkedHashMap<>();
    /** Engine packages rules may name: the rule context that {@code kcontext} is. */
    private static final Set<String> ENGINE_API = Set.of("org.kie.api.runtime.rule", "org.kie.api.definition.rule");
    /** Bootstrap methods javac adds for string concatenation, lambdas and records. */
    private static final Set<String> BOOTSTRAPS = Set.of(
            "java.lang.invoke.StringConcatFactory",
            "java.lang.invoke.LambdaMetafactory",
            "java.lang.runtime.ObjectMethods",
            "java.lang.runtime.SwitchBootstraps");

    static {
        for (String p : List.of("java.io", "java.nio.file", "java.nio.channels", "java.util.prefs")) {
            PACKAGES.put(p, FILE_IO);
        }
        for (String p : List.of("java.net", "javax.net")) {
            PACKAGES.put(p, NETWORK_IO);
        }
        for (String p : List.of("java.lang.reflect", "java.lang.invoke")) {
            PACKAGES.put(p, REFLECTION);
        }
        PACKAGES.put("java.util.concurrent", THREADS);
        for (String p : List.of("javax.script", "org.mvel2", "javax.tools")) {
            PACKAGES.put(p, DYNAMIC_CODE);
        }
        for (String p : List.of(
                "javax.naming",
                "java.rmi",
                "java.sql",
                "javax.sql",
                "javax.management",
                "java.lang.management",
                "java.awt",
                "javax.swing")) {
            PACKAGES.put(p, EXTERNAL);
        }
        for (String p : List.of("sun", "jdk", "com.sun", "org.drools", "org.kie")) {
            PACKAGES.put(p, INTERNALS);
        }
        for (String c : List.of("System", "Runtime", "ProcessBuilder", "Process", "ProcessHandle", "SecurityManager")) {
            CLASSES.put("java.lang." + c, PROCESS);
        }
        for (String c : List.of("Class", "StackWalker", "Module")) {
            CLASSES.put("java.lang." + c, REFLECTION);
        }
        for (String c : List.of("ClassLoader", "ModuleLayer")) {
            CLASSES.put("java.lang." + c, CLASS_LOADING);
        }
        CLASSES.put("java.util.ServiceLoader", CLASS_LOADING);
        for (String c :
                List.of("java.lang.Thread", "java.lang.ThreadGroup", "java.util.Timer", "java.util.TimerTask")) {
            CLASSES.put(c, THREADS);
        }
        for (String m : List.of(
                "getClass",
                "class",
                "getMethod",
                "getMethods",
                "getDeclaredMethod",
                "getDeclaredMethods",
                "getField",
                "getFields",
                "getDeclaredField",
                "getDeclaredFields",
                "getConstructor",
                "getConstructors",
                "getDeclaredConstructor",
                "getDeclaredConstructors",
                "newInstance",
                "invoke",
                "invokeExact",
                "setAccessible",
                "methods",
                "declaredMethods",
                "fields",
                "declaredFields",
                "constructors",
                "declaredConstructors")) {
            MEMBERS.put(m, REFLECTION);
        }
        for (String m : List.of("forName", "getClassLoader", "classLoader", "loadClass", "defineClass")) {
            MEMBERS.put(m, CLASS_LOADING);
        }
        MEMBERS.put("getRuntime", PROCESS);
        for (String m : List.of("parallelStream", "parallel")) {
            MEMBERS.put(m, THREADS);
        }
    }

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

    /** Every forbidden name in the DRL files of a pack, read from their text before compiling. */
    public static List<PolicyProblem> check(PackSource pack) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (String file : pack.ruleFiles()) {
            String text = pack.text(file).orElse("");
            DrlOutline outline = pack.outline(file);
            Set<String> seen = new LinkedHashSet<>();
            for (boolean decode : new boolean[] {false, true}) {
                for (Finding f : new Scan(DrlLexer.tokenize(text, decode)).run()) {
                    if (seen.add(f.line + ":" + f.column)) {
                        problems.add(PolicyProblem.error(
                                file,
                                f.line,
                                f.column,
                                inRule(outline, f.line)
                                        + "forbidden " + (f.isImport ? "import" : "call") + " `" + f.display + "`: "
                                        + f.reason
                                        + UNTRUSTED));
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Every forbidden call in the bytecode Drools compiled from the pack's consequences, functions
     * and Java expressions; the second line of defence behind {@link #check(PackSource)}.
     */
    public static List<PolicyProblem> checkCompiled(KieBase kieBase, PackSource pack) {
        List<PolicyProblem> problems = new ArrayList<>();
        Map<String, RuleSpan> rulesByClass = new HashMap<>();
        Map<RuleSpan, String> fileOf = new HashMap<>();
        for (String file : pack.ruleFiles()) {
            for (RuleSpan r : pack.outline(file).rules()) {
                rulesByClass.put("Rule_" + escape(r.name()), r);
                fileOf.put(r, file);
            }
        }
        for (KiePackage kp : kieBase.getKiePackages()) {
            if (!(kp instanceof InternalKnowledgePackage ip)
                    || !(ip.getDialectRuntimeRegistry().getDialectData("java")
                            instanceof JavaDialectRuntimeData data)) {
                continue;
            }
            for (Map.Entry<String, byte[]> e : data.getStore().entrySet()) {
                String simple = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
                Optional<RuleSpan> rule = rulesByClass.entrySet().stream()
                        .filter(r -> simple.startsWith(r.getKey()))
                        .max((a, b) -> a.getKey().length() - b.getKey().length())
                        .map(Map.Entry::getValue);
                for (ClassFileRefs.MemberRef ref : ClassFileRefs.of(e.getValue())) {
                    reasonForCompiled(ref)
                            .ifPresent(reason -> problems.add(PolicyProblem.error(
                                    rule.map(fileOf::get).orElse(PackSource.RULES_FOLDER),
                                    rule.map(RuleSpan::line).orElse(0),
                                    rule.map(RuleSpan::column).orElse(0),
                                    rule.map(r -> "rule `" + r.name() + "`: ").orElse("")
                                            + "forbidden call `" + simpleName(ref.owner()) + "." + ref.name()
                                            + "` in compiled code: "
                                            + reason + UNTRUSTED)));
                }
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(problems));
    }

    private static Optional<String> reasonForCompiled(ClassFileRefs.MemberRef ref) {
        if (ref.bootstrap() && BOOTSTRAPS.contains(ref.owner())) {
            return Optional.empty();
        }
        String owner = ref.owner().replace('$', '.');
        // Drools' own generated invokers call the engine; only the classic escapes are checked here.
        if (owner.startsWith("org.drools.") || owner.startsWith("org.kie.")) {
            return Optional.empty();
        }
        return reasonForName(owner);
    }

    /** Why a qualified class or package name is forbidden, if it is. */
    private static Optional<String> reasonForName(String qualified) {
        for (Map.Entry<String, String> c : CLASSES.entrySet()) {
            if (qualified.equals(c.getKey()) || qualified.startsWith(c.getKey() + ".")) {
                return Optional.of(c.getValue());
            }
        }
        for (String allowed : ENGINE_API) {
            if (qualified.equals(allowed) || qualified.startsWith(allowed + ".")) {
                return Optional.empty();
            }
        }
        for (Map.Entry<String, String> p : PACKAGES.entrySet()) {
            if (qualified.equals(p.getKey()) || qualified.startsWith(p.getKey() + ".")) {
                return Optional.of(p.getValue());
            }
        }
        return Optional.empty();
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

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    private static String inRule(DrlOutline outline, int line) {
        return outline.ruleAt(line).map(r -> "rule `" + r.name() + "`: ").orElse("");
    }

    /** A forbidden expression: where it starts, how it reads, and why. */
    private record Finding(int line, int column, String display, String reason, boolean isImport) {}

    /** One pass over the tokens of a file. */
    private static final class Scan {
        private final List<Token> t;
        private final Map<String, String> imports = new HashMap<>();
        private final List<String> wildcards = new ArrayList<>();
        private final Map<Integer, Finding> findings = new LinkedHashMap<>();

        Scan(List<Token> tokens) {
            this.t = tokens;
        }

        List<Finding> run() {
            readImports();
            for (int i = 0; i < t.size(); i++) {
                Token tok = t.get(i);
                if (!tok.isIdent()) {
                    continue;
                }
                if (isDot(i - 1)) {
                    String why = MEMBERS.get(tok.text());
                    if (why != null) {
                        flag(i, why);
                    }
                    continue;
                }
                Optional<String> why = reasonForChain(chain(i));
                if (why.isPresent()) {
                    flag(i, why.get());
                }
                if (!findings.containsKey(head(i))
                        && MEMBERS.containsKey(tok.text())
                        && !tok.is("class")
                        && i + 1 < t.size()
                        && t.get(i + 1).is("(")) {
                    flag(i, MEMBERS.get(tok.text()));
                }
            }
            return new ArrayList<>(findings.values());
        }

        private void readImports() {
            for (int i = 0; i + 1 < t.size(); i++) {
                if (!t.get(i).is("import") || (i > 0 && isDot(i - 1))) {
                    continue;
                }
                int j = i + 1;
                if (t.get(j).is("function") || t.get(j).is("static")) {
                    j++;
                }
                List<String> chain = chain(j);
                if (chain.isEmpty()) {
                    continue;
                }
                int after = j + 2 * chain.size() - 1;
                String name = String.join(".", chain);
                if (after + 1 < t.size() && isDot(after) && t.get(after + 1).is("*")) {
                    wildcards.add(name);
                } else if (!chain.isEmpty()) {
                    imports.put(chain.get(chain.size() - 1), name);
                }
            }
        }

        /** Why a dotted name starting a chain is forbidden: as written, or through an import or java.lang. */
        private Optional<String> reasonForChain(List<String> chain) {
            Optional<String> written = reasonForName(String.join(".", chain));
            if (written.isPresent()) {
                return written;
            }
            String first = chain.get(0);
            String imported = imports.get(first);
            if (imported != null) {
                return reasonForName(imported);
            }
            Optional<String> lang = reasonForName("java.lang." + first);
            if (lang.isPresent()) {
                return lang;
            }
            for (String w : wildcards) {
                if (reasonForName(w).isPresent()
                        && FactModel.type(w + "." + first).isPresent()) {
                    return reasonForName(w);
                }
            }
            return Optional.empty();
        }

        private List<String> chain(int i) {
            List<String> names = new ArrayList<>();
            int j = i;
            while (j < t.size() && t.get(j).isIdent()) {
                names.add(t.get(j).text());
                if (!(isDot(j + 1) && j + 2 < t.size() && t.get(j + 2).isIdent())) {
                    break;
                }
                j += 2;
            }
            return names;
        }

        private void flag(int i, String why) {
            int h = head(i);
            if (findings.containsKey(h)) {
                return;
            }
            boolean isImport = (h > 0 && t.get(h - 1).is("import"))
                    || (h > 1 && t.get(h - 1).is("function") && t.get(h - 2).is("import"));
            String prefix = h > 0 && t.get(h - 1).is("new") ? "new " : "";
            findings.put(h, new Finding(t.get(h).line(), t.get(h).column(), prefix + display(h), why, isImport));
        }

        /** The start of the expression a token is a member of: back over {@code .name} and {@code (...)}. */
        private int head(int i) {
            int h = i;
            while (isDot(h - 1) && h - 2 >= 0) {
                int before = h - 2;
                if (t.get(before).is(")")) {
                    int open = matching(before);
                    if (open <= 0) {
                        break;
                    }
                    before = open - 1;
                }
                Token b = t.get(before);
                if (!b.isIdent() && b.kind() != Kind.STRING) {
                    break;
                }
                h = before;
            }
            return h;
        }

        /** The whole expression from its head: every {@code .name} and call that follows. */
        private String display(int head) {
            StringBuilder s = new StringBuilder();
            int j = head;
            while (j < t.size()) {
                Token x = t.get(j);
                s.append(x.kind() == Kind.STRING ? "\"" + x.text() + "\"" : x.text());
                j++;
                if (j < t.size() && t.get(j).is("(")) {
                    int close = closing(j);
                    s.append(close == j + 1 ? "()" : "(…)");
                    j = close + 1;
                }
                if (isDot(j) && j + 1 < t.size() && t.get(j + 1).is("*")) {
                    s.append(".*");
                }
                if (!(isDot(j) && j + 1 < t.size() && t.get(j + 1).isIdent())) {
                    break;
                }
                s.append('.');
                j++;
            }
            return s.toString();
        }

        private int matching(int close) {
            int depth = 0;
            for (int k = close; k >= 0; k--) {
                if (t.get(k).is(")")) {
                    depth++;
                } else if (t.get(k).is("(") && --depth == 0) {
                    return k;
                }
            }
            return -1;
        }

        private int closing(int open) {
            int depth = 0;
            for (int k = open; k < t.size(); k++) {
                if (t.get(k).is("(")) {
                    depth++;
                } else if (t.get(k).is(")") && --depth == 0) {
                    return k;
                }
            }
            return t.size() - 1;
        }

        private boolean isDot(int i) {
            return i >= 0 && i < t.size() && t.get(i).is(".");
        }
    }
}
