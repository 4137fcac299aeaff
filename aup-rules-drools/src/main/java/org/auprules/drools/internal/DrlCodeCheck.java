package org.auprules.drools.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.auprules.drools.internal.DrlLexer.Kind;
import org.auprules.drools.internal.DrlLexer.Token;
import org.auprules.drools.rules.ContentTable;
import org.auprules.drools.rules.Findings;
import org.auprules.drools.rules.ReportTypeTable;
import org.auprules.drools.rules.SignatureTable;

/**
 * The allowlist check of one DRL file's text, token by token, before anything is compiled. Every
 * name that resolves to a type (written qualified, through an import, {@code java.lang} or a
 * wildcard) must be an allowed type; every member after {@code .} or {@code ::} must be one the
 * allowlist allows on some type; {@code new} only for allowed constructors; imports and globals
 * only of allowed types. Outside consequences and functions, which become checkable bytecode,
 * Drools evaluates code with MVEL: there no lambda, method reference or {@code .class} either.
 * Metadata ({@code @key(...)} outside Java code) must be literals, which {@link #metadata} checks
 * for every pack.
 */
final class DrlCodeCheck {

    /**
     * A refused piece of code: where it starts, and the message without the rule.
     *
     * @param unknown whether it is a name no allowed type has, read from a binding or a variable:
     *                most often a misspelt field, which Drools explains better, and which cannot run
     *                while the pack compiles, so the compiler may try it first
     */
    record Finding(int line, int column, String message, boolean unknown) {

        Finding(int line, int column, String message) {
            this(line, column, message, false);
        }
    }

    /** Where the code of a file is: MVEL-evaluated text, Java that javac compiles, or a declaration. */
    private enum Mode {
        /** Between rules: package, imports, globals, attributes of the package. */
        TOP,
        MVEL,
        JAVA,
        DECLARE
    }

    /** What a metadata message says its value must be. */
    static final String LITERAL = " must be a literal (a string, number or boolean)";

    /** The globals the engine sets, by type: any other global would be null, or set by someone else. */
    static final Set<String> ENGINE_GLOBALS = Set.of(
            Findings.class.getName(),
            SignatureTable.class.getName(),
            ContentTable.class.getName(),
            ReportTypeTable.class.getName());

    /** Words of DRL, MVEL and Java that are followed by {@code (} without being calls. */
    private static final Set<String> KEYWORDS = Set.of(
            "eval",
            "not",
            "exists",
            "forall",
            "accumulate",
            "acc",
            "collect",
            "from",
            "over",
            "window",
            "entry",
            "and",
            "or",
            "if",
            "for",
            "while",
            "switch",
            "catch",
            "synchronized",
            "return",
            "when",
            "then",
            "query",
            "rule",
            "function",
            "modify",
            "with",
            "in",
            "notIn",
            "matches",
            "memberOf",
            "contains",
            "soundslike",
            "str",
            "this",
            "super",
            "init",
            "action",
            "reverse",
            "result",
            "timer",
            "int",
            "long",
            "double",
            "float",
            "short",
            "byte",
            "char",
            "boolean",
            "salience",
            "enabled",
            "duration",
            "calendars",
            "dialect",
            "effective",
            "expires",
            "group",
            "focus",
            "loop",
            "active",
            "refract",
            "direct",
            "time",
            "length");
    /** The primitive types, whose arrays rules may create. */
    private static final Set<String> PRIMITIVES =
            Set.of("int", "long", "double", "float", "short", "byte", "char", "boolean");
    /** What a consequence may call on its rule context without writing {@code kcontext.} */
    private static final Set<String> CONTEXT_CALLS =
            Set.of("insert", "insertLogical", "update", "delete", "retract", "modify");
    /**
     * Names that change a collection or a map: allowed on some other type (BigDecimal's
     * {@code add}, String's {@code replace}), and so refused where MVEL would call them on
     * whatever object it is given.
     */
    private static final Set<String> MUTATORS = Set.of(
            "add",
            "addAll",
            "put",
            "putAll",
            "remove",
            "removeAll",
            "removeIf",
            "retainAll",
            "clear",
            "set",
            "replace",
            "replaceAll",
            "sort",
            "merge",
            "compute",
            "computeIfAbsent",
            "computeIfPresent",
            "putIfAbsent",
            "offer",
            "poll",
            "push",
            "pop");
    /** Drools' built-in accumulate functions. */
    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of(
            "count",
            "sum",
            "average",
            "min",
            "max",
            "collectList",
            "collectSet",
            "countDistinct",
            "variance",
            "standardDeviation");
    /** The packages whose every public type is allowed, which a wildcard import may name. */
    private static final List<String> OWN_PACKAGES =
            List.of(org.auprules.api.facts.Account.class.getPackageName(), Findings.class.getPackageName());

    private final List<Token> t;
    private final DrlPackInfo pack;
    private final SandboxAllowlist allow = SandboxAllowlist.get();
    private final Map<String, String> imports = new HashMap<>();
    private final List<String> wildcards = new ArrayList<>();
    private final Map<Integer, Finding> findings = new TreeMap<>();
    /** The mode of the token being checked. */
    private Mode mode = Mode.TOP;

    private DrlCodeCheck(List<Token> tokens, DrlPackInfo pack) {
        this.t = tokens;
        this.pack = pack;
        wildcards.addAll(OWN_PACKAGES);
        wildcards.add("java.lang");
        wildcards.addAll(pack.packages());
    }

    /** The allowlist findings of an untrusted file's tokens. */
    static List<Finding> code(List<Token> tokens, DrlPackInfo pack) {
        DrlCodeCheck c = new DrlCodeCheck(tokens, pack);
        c.run();
        return new ArrayList<>(c.findings.values());
    }

    /**
     * Metadata that is not a literal, in any pack: Drools evaluates metadata values with MVEL while
     * it compiles, so {@code @note(...)} with an expression would run at {@code validate}.
     */
    static List<Finding> metadata(List<Token> tokens) {
        List<Finding> out = new ArrayList<>();
        Mode[] modes = modes(tokens);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!tokens.get(i).is("@")
                    || modes[i] == Mode.JAVA
                    || !tokens.get(i + 1).isIdent()) {
                continue;
            }
            if (i + 2 >= tokens.size() || !tokens.get(i + 2).is("(")) {
                continue;
            }
            int close = closing(tokens, i + 2);
            boolean watch = tokens.get(i + 1).is("watch");
            for (int k = i + 3; k < close; k++) {
                Token x = tokens.get(k);
                boolean literal = x.kind() == Kind.STRING
                        || x.kind() == Kind.NUMBER
                        || x.is(",")
                        || (x.is("-") && k + 1 < close && tokens.get(k + 1).kind() == Kind.NUMBER)
                        || x.is("true")
                        || x.is("false")
                        || (x.isIdent() && k + 1 < close && tokens.get(k + 1).is("="))
                        || (x.is("=") && k > i + 3 && tokens.get(k - 1).isIdent())
                        || ((modes[i] == Mode.DECLARE || watch)
                                && x.isIdent()
                                && !tokens.get(k + 1).is("(")
                                && !tokens.get(k + 1).is("."))
                        // @watch(name, !cpu, *): the properties a pattern reacts to, a list Drools reads as names
                        || (watch && (x.is("!") || x.is("*")));
                if (!literal) {
                    out.add(new Finding(
                            x.line(),
                            x.column(),
                            "@" + tokens.get(i + 1).text() + LITERAL + ": `" + x.text() + "` is not allowed in"
                                    + " metadata, in any pack: Drools evaluates metadata while it compiles, so an"
                                    + " expression there would run when the pack is validated"));
                    break;
                }
            }
            i = close;
        }
        return out;
    }

    private void run() {
        Mode[] modes = modes(t);
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            mode = modes[i];
            if (mode != Mode.JAVA
                    && tok.is("@")
                    && i + 1 < t.size()
                    && t.get(i + 1).isIdent()) {
                // metadata: literals only, checked by metadata()
                i = i + 2 < t.size() && t.get(i + 2).is("(") ? closing(t, i + 2) : i + 1;
                continue;
            }
            if (mode == Mode.TOP && isTopLevelStatement(i)) {
                i = statement(i);
                continue;
            }
            if (tok.is(".") && i + 1 < t.size() && t.get(i + 1).is("class")) {
                flag(i + 1, "`.class` is not allowed in an untrusted pack");
                continue;
            }
            if (mode != Mode.JAVA && tok.is("-") && adjacent(i, ">")) {
                flag(
                        i,
                        "a lambda (`->`) is not allowed in a condition, `from`, attribute or declaration of an"
                                + " untrusted pack: Drools evaluates those with MVEL, where it cannot be checked; put the"
                                + " code in a function");
                continue;
            }
            if (tok.is(":") && adjacent(i, ":")) {
                if (mode != Mode.JAVA) {
                    flag(
                            i,
                            "a method reference (`::`) is not allowed in a condition, `from`, attribute or"
                                    + " declaration of an untrusted pack: Drools evaluates those with MVEL, where it cannot"
                                    + " be checked; put the code in a function");
                } else if (i + 2 < t.size()
                        && t.get(i + 2).isIdent()
                        && !t.get(i + 2).is("new")) {
                    member(i + 2);
                }
                i++;
                continue;
            }
            if (!tok.isIdent()) {
                continue;
            }
            if (i > 0
                    && (t.get(i - 1).is(".")
                            || (t.get(i - 1).is("?") && i > 1 && t.get(i - 2).is(".")))) {
                if (!member(i)) {
                    i = skipExpression(i);
                }
                continue;
            }
            i = chain(i, mode);
        }
    }

    /** Checks a dotted name from its first identifier; returns the index of its last token. */
    private int chain(int i, Mode mode) {
        List<Integer> parts = new ArrayList<>();
        int j = i;
        while (true) {
            parts.add(j);
            if (j + 2 < t.size()
                    && t.get(j + 1).is(".")
                    && t.get(j + 2).isIdent()
                    && !t.get(j + 2).is("class")) {
                j += 2;
            } else {
                break;
            }
        }
        int lastPart = parts.get(parts.size() - 1);
        // an array (`new long[n]`, `new String[] {…}`) calls no constructor: its type is what counts
        boolean array = lastPart + 1 < t.size() && t.get(lastPart + 1).is("[");
        boolean isNew = i > 0 && t.get(i - 1).is("new") && !array;
        if (array && parts.size() == 1 && PRIMITIVES.contains(t.get(i).text())) {
            return i;
        }
        Optional<Resolved> type = resolve(parts);
        int next = 0;
        if (type.isPresent()) {
            Resolved r = type.get();
            if (!r.own() && !allow.allowsType(r.binaryName())) {
                flag(i, "`" + r.binaryName().replace('$', '.') + "` is not allowed in an untrusted pack");
                return skipExpression(parts.get(parts.size() - 1));
            }
            next = r.parts();
            if (next < parts.size()) {
                int m = parts.get(next);
                if (!r.own() && !allow.allowsMember(r.binaryName(), t.get(m).text())) {
                    flag(
                            m,
                            "`" + r.binaryName().replace('$', '.') + "."
                                    + t.get(m).text() + "` is not allowed in an untrusted pack",
                            !hasPublicMember(r.binaryName(), t.get(m).text()));
                    return skipExpression(parts.get(parts.size() - 1));
                }
                next++;
            } else if (isNew && !r.own() && !allow.allowsMember(r.binaryName(), SandboxAllowlist.CONSTRUCTOR)) {
                flag(i, "`new " + r.binaryName().replace('$', '.') + "(…)` is not allowed in an untrusted pack");
            }
        } else {
            Token first = t.get(i);
            boolean call = parts.size() == 1 && i + 1 < t.size() && t.get(i + 1).is("(");
            if (isNew) {
                flag(
                        i,
                        "`new " + joined(parts) + "(…)` is not allowed in an untrusted pack: it is none of the"
                                + " types rules may create");
                return skipExpression(parts.get(parts.size() - 1));
            }
            if (call && !callable(first.text(), mode)) {
                flag(
                        i,
                        "`" + first.text() + "(…)` is not allowed in an untrusted pack: it is no function of the"
                                + " pack and no member the allowlist allows",
                        !SandboxAllowlist.ALWAYS_REFUSED.contains(first.text()));
                return skipExpression(i);
            }
            next = 1;
        }
        boolean fromBinding = type.isEmpty();
        for (int k = next; k < parts.size(); k++) {
            if (!member(parts.get(k), fromBinding)) {
                return skipExpression(parts.get(parts.size() - 1));
            }
        }
        return parts.get(parts.size() - 1);
    }

    /**
     * The last token of the expression that a refused name starts: its calls and the members read
     * from them, which would only repeat the refusal.
     */
    private int skipExpression(int last) {
        int k = last;
        while (true) {
            if (k + 1 < t.size() && t.get(k + 1).is("(")) {
                k = closing(t, k + 1);
            } else if (k + 2 < t.size() && t.get(k + 1).is(".") && t.get(k + 2).isIdent()) {
                k += 2;
            } else {
                return k;
            }
        }
    }

    private boolean callable(String name, Mode mode) {
        return KEYWORDS.contains(name)
                || ACCUMULATE_FUNCTIONS.contains(name)
                || (mode == Mode.JAVA && CONTEXT_CALLS.contains(name))
                || pack.ownMembers().contains(name)
                || (!SandboxAllowlist.ALWAYS_REFUSED.contains(name) && allow.allowsMemberName(name));
    }

    /** Checks a member name written after {@code .} or {@code ::}; false when it was refused. */
    private boolean member(int i) {
        return member(i, false);
    }

    /**
     * Checks a member name; {@code fromBinding} when it is read from a binding, variable or field
     * rather than from a literal or a call, so that a name no allowed type has may be left to the
     * compiler to explain.
     */
    private boolean member(int i, boolean fromBinding) {
        String name = t.get(i).text();
        if (SandboxAllowlist.ALWAYS_REFUSED.contains(name)) {
            flag(i, "`" + name + "` is not allowed in an untrusted pack, on any type");
            return false;
        }
        if (!allow.allowsMemberName(name) && !pack.ownMembers().contains(name)) {
            flag(
                    i,
                    "`" + name + "` is not allowed in an untrusted pack: no allowed type has such a member",
                    fromBinding);
            return false;
        }
        if (mode != Mode.JAVA && MUTATORS.contains(name)) {
            flag(
                    i,
                    "`" + name + "` is not allowed in a condition, `from`, attribute or declaration of an untrusted"
                            + " pack: Drools evaluates those with MVEL, which would call it on whatever it is given, and it"
                            + " changes a collection");
            return false;
        }
        return true;
    }

    private static boolean hasPublicMember(String binaryName, String member) {
        return FactModel.type(binaryName)
                .map(c -> SandboxAllowlist.publicMembers(c).contains(member))
                .orElse(true);
    }

    /**
     * A type named by the first parts of a dotted name.
     *
     * @param binaryName the type's binary name, or the pack's own type as written
     * @param parts      how many parts of the name it took
     * @param own        whether it is a type the pack declares
     */
    private record Resolved(String binaryName, int parts, boolean own) {}

    private Optional<Resolved> resolve(List<Integer> parts) {
        String first = t.get(parts.get(0)).text();
        if (pack.declaredTypes().contains(first)) {
            return Optional.of(new Resolved(first, 1, true));
        }
        Optional<Resolved> found = Optional.empty();
        String imported = imports.get(first);
        if (imported != null) {
            found = binary(imported).map(b -> new Resolved(b, 1, false));
            if (found.isEmpty() && pack.declaredTypes().contains(imported)) {
                return Optional.of(new Resolved(imported, 1, true));
            }
        }
        if (found.isEmpty() && !first.startsWith("$")) {
            for (String w : wildcards) {
                if (found.isEmpty()) {
                    found = binary(w + "." + first).map(b -> new Resolved(b, 1, false));
                }
            }
        }
        StringBuilder qualified = new StringBuilder(first);
        for (int k = 1; found.isEmpty() && k < parts.size(); k++) {
            qualified.append('.').append(t.get(parts.get(k)).text());
            if (pack.declaredTypes().contains(qualified.toString())) {
                return Optional.of(new Resolved(qualified.toString(), k + 1, true));
            }
            int taken = k + 1;
            found = FactModel.type(qualified.toString()).map(c -> new Resolved(c.getName(), taken, false));
        }
        // nested types: Map.Entry, BulkFailure.Reason
        while (found.isPresent() && found.get().parts() < parts.size()) {
            Resolved r = found.get();
            String nested = r.binaryName() + "$" + t.get(parts.get(r.parts())).text();
            Optional<Class<?>> c = FactModel.type(nested);
            if (c.isEmpty()) {
                break;
            }
            found = Optional.of(new Resolved(nested, r.parts() + 1, false));
        }
        return found;
    }

    /** The binary name of a type written with dots, trying {@code $} for nested types. */
    private static Optional<String> binary(String dotted) {
        String name = dotted;
        while (true) {
            Optional<Class<?>> c = FactModel.type(name);
            if (c.isPresent()) {
                return Optional.of(c.get().getName());
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            name = name.substring(0, dot) + "$" + name.substring(dot + 1);
        }
    }

    private boolean isTopLevelStatement(int i) {
        Token tok = t.get(i);
        boolean start = i == 0 || !t.get(i - 1).is(".");
        return start && (tok.is("import") || tok.is("package") || tok.is("global"));
    }

    /** Checks an {@code import}, {@code package} or {@code global}; returns the index of its last token. */
    private int statement(int i) {
        Token keyword = t.get(i);
        int j = i + 1;
        String kind = "";
        if (keyword.is("import")
                && j < t.size()
                && (t.get(j).is("function")
                        || t.get(j).is("accumulate")
                        || t.get(j).is("static"))) {
            kind = t.get(j).text();
            j++;
        }
        List<String> names = new ArrayList<>();
        int end = j;
        while (end < t.size()
                && (t.get(end).isIdent() || t.get(end).is(".") || t.get(end).is("*"))
                && !(end > j && t.get(end).isIdent() && t.get(end - 1).isIdent())) {
            names.add(t.get(end).text());
            end++;
        }
        String target = String.join("", names);
        if (keyword.is("package")) {
            return end - 1;
        }
        if (keyword.is("global")) {
            Optional<String> type = binary(imports.getOrDefault(target, target)).or(() -> wildcards.stream()
                    .map(w -> binary(w + "." + target))
                    .flatMap(Optional::stream)
                    .findFirst());
            if (type.isEmpty() || !ENGINE_GLOBALS.contains(type.get())) {
                flag(
                        i,
                        "global of type `" + target + "` is not allowed in an untrusted pack: the engine sets only"
                                + " globals of the types Findings, SignatureTable, ContentTable and ReportTypeTable");
            }
            return end;
        }
        if (kind.equals("accumulate") || kind.equals("static")) {
            flag(i, "`import " + kind + " " + target + "` is not allowed in an untrusted pack");
            return end;
        }
        if (kind.equals("function")) {
            int dot = target.lastIndexOf('.');
            Optional<String> owner = dot < 0 ? Optional.empty() : binary(target.substring(0, dot));
            if (owner.isEmpty()
                    || !owner.get().startsWith(Findings.class.getPackageName() + ".")
                    || !allow.allowsMember(owner.get(), target.substring(dot + 1))) {
                flag(
                        i,
                        "`import function " + target + "` is not allowed in an untrusted pack: functions may be"
                                + " imported only from the pack's helper types");
            }
            return end - 1;
        }
        if (target.endsWith(".*")) {
            String pkg = target.substring(0, target.length() - 2);
            Optional<String> asType = binary(pkg);
            if (OWN_PACKAGES.contains(pkg) || pack.packages().contains(pkg)) {
                wildcards.add(pkg);
            } else if (asType.isPresent() && allow.allowsType(asType.get())) {
                wildcards.add(asType.get().replace('$', '.'));
            } else {
                flag(i, "`import " + target + "` is not allowed in an untrusted pack");
            }
            return end - 1;
        }
        Optional<String> type = binary(target);
        String simple = target.substring(target.lastIndexOf('.') + 1);
        if (type.isPresent() && allow.allowsType(type.get())) {
            imports.put(simple, type.get().replace('$', '.'));
        } else if (pack.declaredTypes().contains(target)) {
            imports.put(simple, target);
        } else {
            flag(i, "`import " + target + "` is not allowed in an untrusted pack");
        }
        return end - 1;
    }

    /** The mode of every token: Java between {@code then} and {@code end} and in functions, declarations, else MVEL. */
    private static Mode[] modes(List<Token> t) {
        Mode[] modes = new Mode[t.size()];
        Mode mode = Mode.TOP;
        int depth = 0;
        boolean function = false;
        for (int i = 0; i < t.size(); i++) {
            Token x = t.get(i);
            boolean top = depth == 0 && (i == 0 || !t.get(i - 1).is("."));
            Mode after = mode;
            if (top && mode == Mode.TOP && (x.is("rule") || x.is("query"))) {
                mode = Mode.MVEL;
                after = mode;
            } else if (top
                    && mode == Mode.TOP
                    && x.is("function")
                    && !(i > 0 && t.get(i - 1).is("import"))) {
                mode = Mode.JAVA;
                after = mode;
                function = true;
            } else if (top && mode == Mode.TOP && x.is("declare")) {
                mode = Mode.DECLARE;
                after = mode;
            } else if (top && mode == Mode.MVEL && x.is("then")) {
                after = Mode.JAVA;
            } else if (top && x.is("end") && mode != Mode.TOP && !function) {
                after = Mode.TOP;
            }
            if (x.is("(") || x.is("{") || x.is("[")) {
                depth++;
            } else if (x.is(")") || x.is("}") || x.is("]")) {
                depth = Math.max(0, depth - 1);
                if (function && depth == 0 && x.is("}")) {
                    after = Mode.TOP;
                    function = false;
                }
            }
            modes[i] = mode;
            mode = after;
        }
        return modes;
    }

    private boolean adjacent(int i, String next) {
        if (i + 1 >= t.size()) {
            return false;
        }
        Token a = t.get(i);
        Token b = t.get(i + 1);
        return b.is(next) && a.line() == b.line() && b.column() == a.column() + 1;
    }

    private String joined(List<Integer> parts) {
        StringBuilder s = new StringBuilder();
        for (int p : parts) {
            s.append(s.length() == 0 ? "" : ".").append(t.get(p).text());
        }
        return s.toString();
    }

    private void flag(int i, String message) {
        flag(i, message, false);
    }

    private void flag(int i, String message, boolean unknown) {
        findings.putIfAbsent(i, new Finding(t.get(i).line(), t.get(i).column(), message, unknown));
    }

    static int closing(List<Token> t, int open) {
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
}
