package org.auprules.drools.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.internal.DrlLexer.Token;
import org.auprules.drools.internal.DrlOutline.RuleSpan;
import org.auprules.internal.DidYouMean;
import org.jspecify.annotations.Nullable;

/**
 * Turns the Drools compiler's messages about DRL files into messages an analyst can act on: each
 * at the line and column of the name that is wrong (Drools gives column 0, and sometimes no line
 * at all), naming the rule, with a did-you-mean from the fact model, and without the echoes one
 * mistake causes.
 */
public final class DrlDiagnostics {

    private static final Pattern PARSER = Pattern.compile("^\\[ERR \\d+\\] Line (\\d+):(\\d+) (.*)$");
    private static final Pattern UNKNOWN_MEMBER = Pattern.compile("Unable to Analyse Expression (.*?):\\s*"
            + "\\[Error: unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)\\]");
    private static final Pattern ANALYSE =
            Pattern.compile("Unable to Analyse Expression (.*?):\\s*\\[Error: " + "(.*?)\\]");
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("Unable to resolve ObjectType '([^']+)'");
    private static final Pattern CONSEQUENCE = Pattern.compile("^Rule Compilation error (.*)$");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate rule name: (.*)$");
    private static final Pattern RULE_CLASS_CLASH = Pattern.compile("The type Rule_\\S+ is already defined");
    private static final Pattern METHOD =
            Pattern.compile("The method (\\w+)\\(.*?\\) is undefined for the type (\\w+)");
    private static final Pattern UNRESOLVED = Pattern.compile("^(\\$?\\w+) cannot be resolved");
    private static final String NULL_PACKAGE = "Parser returned a null Package";

    private final PackSource pack;

    private DrlDiagnostics(PackSource pack) {
        this.pack = pack;
    }

    /** Rewrites the problems the Drools compiler reported for a pack's DRL files; other problems pass unchanged. */
    public static List<PolicyProblem> refine(List<PolicyProblem> raw, PackSource pack) {
        DrlDiagnostics d = new DrlDiagnostics(pack);
        Set<String> filesWithOtherErrors = new LinkedHashSet<>();
        Set<String> filesWithDuplicates = new LinkedHashSet<>();
        for (PolicyProblem p : raw) {
            if (!p.message().equals(NULL_PACKAGE)) {
                filesWithOtherErrors.add(p.path());
            }
            if (DUPLICATE.matcher(p.message()).find()) {
                filesWithDuplicates.add(p.path());
            }
        }
        Set<PolicyProblem> out = new LinkedHashSet<>();
        for (PolicyProblem p : raw) {
            if (!pack.files().containsKey(p.path()) || !p.path().endsWith(".drl")) {
                out.add(p);
            } else if (p.message().equals(NULL_PACKAGE)) {
                if (!filesWithOtherErrors.contains(p.path())) {
                    out.add(withMessage(p, p.line(), p.column(), "the file cannot be parsed as DRL"));
                }
            } else if (!(filesWithDuplicates.contains(p.path())
                    && RULE_CLASS_CLASH.matcher(p.message()).find())) {
                out.add(d.refine(p));
            }
        }
        return withoutEchoes(new ArrayList<>(out), d).stream()
                .map(d::withColumn)
                .toList();
    }

    /**
     * A problem of a DRL file on a known line whose column Drools did not give, and no token pins
     * down, points at the line's first character that is not blank: an editor can jump there.
     */
    private PolicyProblem withColumn(PolicyProblem p) {
        if (p.column() > 0 || p.line() <= 0 || !p.path().endsWith(".drl")) {
            return p;
        }
        String[] lines = pack.text(p.path()).orElse("").split("\n", -1);
        if (p.line() > lines.length) {
            return p;
        }
        String line = lines[p.line() - 1];
        int column = 1;
        while (column <= line.length() && Character.isWhitespace(line.charAt(column - 1))) {
            column++;
        }
        return withMessage(p, p.line(), column > line.length() ? 1 : column, p.message());
    }

    /** A pattern of an unknown type binds nothing, so the consequence's "unknown variable" errors only echo it. */
    private static List<PolicyProblem> withoutEchoes(List<PolicyProblem> problems, DrlDiagnostics d) {
        Set<String> rulesWithUnknownType = new LinkedHashSet<>();
        for (PolicyProblem p : problems) {
            if (p.message().contains("unknown fact type `")) {
                d.outline(p.path())
                        .ruleAt(p.line())
                        .ifPresent(r -> rulesWithUnknownType.add(p.path() + ":" + r.line()));
            }
        }
        return problems.stream()
                .filter(p -> !(p.message().contains("in the consequence: unknown variable `")
                        && d.outline(p.path())
                                .ruleAt(p.line())
                                .map(r -> rulesWithUnknownType.contains(p.path() + ":" + r.line()))
                                .orElse(false)))
                .toList();
    }

    private PolicyProblem refine(PolicyProblem p) {
        String message = p.message();
        Matcher m = PARSER.matcher(message);
        if (m.find()) {
            int line = Integer.parseInt(m.group(1));
            return at(p, line, Integer.parseInt(m.group(2)) + 1, "syntax error: " + quotes(m.group(3)));
        }
        m = DUPLICATE.matcher(message);
        if (m.find()) {
            return duplicate(p, m.group(1).trim());
        }
        m = UNKNOWN_MEMBER.matcher(message);
        if (m.find()) {
            return unknownMember(p, m.group(1), m.group(2), m.group(3));
        }
        m = UNKNOWN_TYPE.matcher(message);
        if (m.find()) {
            String name = m.group(1);
            int[] pos = find(p.path(), p.line(), name, null);
            return at(
                    p,
                    pos[0],
                    pos[1],
                    "unknown fact type `" + name + "`"
                            + suggestion(name, FactModel.types().keySet()));
        }
        m = CONSEQUENCE.matcher(message);
        if (m.find()) {
            return consequence(p, m.group(1).trim());
        }
        m = ANALYSE.matcher(message);
        if (m.find()) {
            int line = p.line() > 0 ? p.line() : lineOfExpression(p.path(), m.group(1));
            return at(
                    p,
                    line,
                    0,
                    "cannot compile `" + m.group(1).trim() + "`: " + m.group(2).trim());
        }
        return at(p, p.line(), p.column(), message);
    }

    private PolicyProblem unknownMember(PolicyProblem p, String expression, String typeName, String member) {
        int from = p.line() > 0 ? p.line() : lineOfExpression(p.path(), expression);
        int[] pos = find(p.path(), from, member, null);
        String simple = typeName.substring(typeName.lastIndexOf('.') + 1);
        Optional<Class<?>> type = FactModel.type(typeName);
        boolean isEnum = type.map(Class::isEnum).orElse(false);
        String hint = type.map(t -> suggestion(member, FactModel.members(t))).orElse("");
        return at(
                p,
                pos[0],
                pos[1],
                (isEnum ? "unknown value `" : "unknown field `") + member + "` of `" + simple + "`" + hint);
    }

    private PolicyProblem consequence(PolicyProblem p, String detail) {
        Optional<RuleSpan> rule = outline(p.path()).ruleAt(p.line());
        int from = rule.map(r -> r.thenLine() > 0 ? r.thenLine() : r.line()).orElse(p.line());
        Matcher method = METHOD.matcher(detail);
        Matcher unresolved = UNRESOLVED.matcher(detail);
        String token = null;
        String said = detail.replaceAll("\\s+", " ");
        if (method.find()) {
            token = method.group(1);
            Class<?> type = FactModel.types().get(method.group(2));
            said = "unknown method `" + token + "()` of `" + method.group(2) + "`"
                    + (type == null ? "" : suggestion(token, FactModel.members(type)));
        } else if (unresolved.find()) {
            token = unresolved.group(1);
            said = detail.contains("to a type")
                    ? "unknown type `" + token + "`"
                    : detail.contains("to a variable")
                            ? "unknown variable `" + token + "`"
                            : "unknown name `" + token + "`";
        } else if (!said.isEmpty()) {
            said = Character.toLowerCase(said.charAt(0)) + said.substring(1);
        }
        int[] pos = token == null ? new int[] {from, 0} : find(p.path(), from, token, rule.orElse(null));
        return at(p, pos[0], pos[1], "in the consequence: " + said);
    }

    private PolicyProblem duplicate(PolicyProblem p, String name) {
        String ruleName = name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
        String pkg = outline(p.path()).packageName();
        String first = null;
        int column = 0;
        for (String file : pack.ruleFiles()) {
            DrlOutline o = outline(file);
            if (!o.packageName().equals(pkg)) {
                continue;
            }
            for (RuleSpan r : o.rules()) {
                if (!r.name().equals(ruleName)) {
                    continue;
                }
                if (file.equals(p.path()) && r.line() == p.line()) {
                    column = r.column();
                } else if (first == null) {
                    first = file + ":" + r.line();
                }
            }
        }
        return withMessage(
                p,
                p.line(),
                column,
                "duplicate rule name `" + ruleName + "`" + (first == null ? "" : "; also declared at " + first)
                        + ": every rule of a package needs its own name");
    }

    /** A refined problem, prefixed with the rule it is in when that is known. */
    private PolicyProblem at(PolicyProblem p, int line, int column, String message) {
        String prefix = line > 0
                ? outline(p.path())
                        .ruleAt(line)
                        .map(r -> "rule `" + r.name() + "`: ")
                        .orElse("")
                : "";
        return withMessage(p, Math.max(0, line), Math.max(0, column), prefix + message);
    }

    private static PolicyProblem withMessage(PolicyProblem p, int line, int column, String message) {
        return new PolicyProblem(p.path(), line, column, p.severity(), message);
    }

    /**
     * The position of the first identifier {@code name} at or after line {@code from} (within a
     * rule when given), or {@code from} and column 0 when there is none.
     */
    private int[] find(String file, int from, String name, @Nullable RuleSpan within) {
        for (Token t : tokens(file)) {
            if (t.isIdent()
                    && t.text().equals(name)
                    && t.line() >= from
                    && (within == null || within.covers(t.line()))) {
                return new int[] {t.line(), t.column()};
            }
        }
        return new int[] {from, 0};
    }

    /** The line where an expression Drools quotes is written, ignoring whitespace; 0 when not found. */
    private int lineOfExpression(String file, String expression) {
        String text = pack.text(file).orElse("");
        StringBuilder squeezed = new StringBuilder();
        List<Integer> lineOf = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (!Character.isWhitespace(c)) {
                squeezed.append(c);
                lineOf.add(line);
            }
        }
        String needle = expression.replaceAll("\\s+", "");
        int at = needle.isEmpty() ? -1 : squeezed.indexOf(needle);
        return at < 0 ? 0 : lineOf.get(at);
    }

    private DrlOutline outline(String file) {
        return pack.outline(file);
    }

    private List<Token> tokens(String file) {
        return pack.tokens(file);
    }

    private static String suggestion(String wrong, java.util.Collection<String> known) {
        return DidYouMean.suggest(wrong, known)
                .map(s -> "; did you mean `" + s + "`?")
                .orElse("");
    }

    /** Drools quotes with {@code 'x'} and {@code "x"}; messages here quote user input with backticks. */
    private static String quotes(String s) {
        return s.replaceAll("'([^']*)'", "`$1`").replaceAll("\"([^\"]*)\"", "`$1`");
    }
}
