package org.auprules.drools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.internal.DrlLexer.Kind;
import org.auprules.drools.internal.DrlLexer.Token;
import org.auprules.drools.internal.DrlOutline;
import org.auprules.drools.internal.DrlOutline.RuleSpan;

/**
 * Warnings, read on the text of each rule, about the two shapes that make an evaluation run into
 * its firing limit or its deadline: a rule that modifies or updates a fact it matches, without
 * {@code no-loop} or {@code lock-on-active}, and a join of three or more unconstrained patterns of
 * one type, which considers every combination of those facts.
 */
final class LoopWarnings {

    /** How many unconstrained patterns of one type make a join worth a warning. */
    static final int JOIN_WARNING = 3;

    /** Words inside a pattern's parentheses that compare, so the pattern is constrained. */
    private static final Set<String> OPERATORS = Set.of(
            "matches",
            "contains",
            "memberOf",
            "in",
            "soundslike",
            "str",
            "excludes",
            "after",
            "before",
            "coincides",
            "during",
            "finishes",
            "includes",
            "meets",
            "overlaps",
            "starts",
            "null",
            "true",
            "false");

    /** Words before a pattern that make it no part of a join's product. */
    private static final Set<String> NOT_JOINED = Set.of("not", "exists", "forall");

    private LoopWarnings() {}

    /** One pattern of a rule's conditions, at the top level. */
    private record Pattern(Token type, String binding, boolean constrained) {}

    /**
     * The warnings for every rule of the pack.
     *
     * @param pack     the pack, for the tokens of its files
     * @param outlines the outline of each rule file
     * @return the warnings, in file then rule order
     */
    static List<PolicyProblem> find(PolicyPack pack, Map<String, DrlOutline> outlines) {
        List<PolicyProblem> problems = new ArrayList<>();
        outlines.forEach((file, outline) -> {
            List<Token> tokens = pack.source().tokens(file);
            for (RuleSpan rule : outline.rules()) {
                check(file, tokens, rule, problems);
            }
        });
        return problems;
    }

    private static void check(String file, List<Token> t, RuleSpan rule, List<PolicyProblem> problems) {
        int start = indexOf(t, rule);
        if (start < 0) {
            return;
        }
        int when = -1;
        int then = -1;
        int end = t.size();
        boolean guarded = false;
        for (int i = start + 2; i < t.size(); i++) {
            Token x = t.get(i);
            if (when < 0 && (attribute(t, i, "no", "loop") || attribute(t, i, "lock", "on", "active"))) {
                guarded = true;
            }
            if (when < 0 && x.is("when")) {
                when = i;
            } else if (then < 0 && x.is("then")) {
                then = i;
            } else if (then >= 0 && x.is("end")) {
                end = i;
                break;
            }
        }
        if (when < 0 || then < 0) {
            return;
        }
        List<Pattern> patterns = patterns(t, when + 1, then);
        if (!guarded) {
            Map<String, Pattern> bound = new LinkedHashMap<>();
            patterns.forEach(p -> bound.put(p.binding(), p));
            for (int i = then + 1; i + 3 < end; i++) {
                Token call = t.get(i);
                String fact = t.get(i + 2).text();
                Pattern matched = fact.isEmpty() ? null : bound.get(fact);
                if ((call.is("modify") || call.is("update"))
                        && t.get(i + 1).is("(")
                        && t.get(i + 3).is(")")
                        && matched != null) {
                    problems.add(PolicyProblem.warning(
                            file,
                            call.line(),
                            call.column(),
                            "rule `" + rule.name() + "`: " + (call.is("modify") ? "modifies" : "updates") + " `" + fact
                                    + "`, a `"
                                    + matched.type().text() + "` it matches, without no-loop or"
                                    + " lock-on-active: unless the change makes its conditions false, the rule"
                                    + " activates itself again until the evaluation's firing limit stops it"));
                }
            }
        }
        Map<String, List<Pattern>> unconstrained = new LinkedHashMap<>();
        for (Pattern p : patterns) {
            if (!p.constrained()) {
                unconstrained
                        .computeIfAbsent(p.type().text(), k -> new ArrayList<>())
                        .add(p);
            }
        }
        unconstrained.forEach((type, list) -> {
            if (list.size() >= JOIN_WARNING) {
                Token first = list.get(0).type();
                problems.add(PolicyProblem.warning(
                        file,
                        first.line(),
                        first.column(),
                        "rule `" + rule.name() + "`: joins " + list.size() + " `" + type + "` patterns without"
                                + " constraints, so it considers every combination of those facts (n^" + list.size()
                                + " for n of them); relate them, e.g. `id != $a.id`, or the evaluation may run into"
                                + " its deadline"));
            }
        });
    }

    /** The index of the rule's {@code rule} token, or -1. */
    private static int indexOf(List<Token> t, RuleSpan rule) {
        for (int i = 0; i + 1 < t.size(); i++) {
            Token x = t.get(i);
            if (x.is("rule") && x.line() == rule.line() && x.column() == rule.column()) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the tokens at {@code i} spell a dashed attribute such as {@code no-loop}, not followed by {@code false}. */
    private static boolean attribute(List<Token> t, int i, String... words) {
        int k = i;
        for (int w = 0; w < words.length; w++, k += 2) {
            if (k >= t.size()
                    || !t.get(k).is(words[w])
                    || (w > 0 && !t.get(k - 1).is("-"))) {
                return false;
            }
        }
        return k - 1 >= t.size() || !t.get(k - 1).is("false");
    }

    /** The patterns written at the top level of the conditions between {@code from} and {@code to}. */
    private static List<Pattern> patterns(List<Token> t, int from, int to) {
        List<Pattern> out = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < to; i++) {
            Token x = t.get(i);
            if (x.is("(")) {
                depth++;
            } else if (x.is(")")) {
                depth--;
            } else if (depth == 0
                    && x.isIdent()
                    && Character.isUpperCase(x.text().charAt(0))
                    && i + 1 < to
                    && t.get(i + 1).is("(")
                    && !(i > from && t.get(i - 1).is("."))) {
                int open = i + 1;
                int close = closing(t, open, to);
                String binding =
                        i - 2 >= from && t.get(i - 1).is(":") ? t.get(i - 2).text() : "";
                int before = binding.isEmpty() ? i - 1 : i - 3;
                boolean negated =
                        before >= from && NOT_JOINED.contains(t.get(before).text());
                if (!negated) {
                    out.add(new Pattern(x, binding, constrained(t, open + 1, close)));
                }
                i = close;
            }
        }
        return out;
    }

    private static int closing(List<Token> t, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            if (t.get(i).is("(")) {
                depth++;
            } else if (t.get(i).is(")") && --depth == 0) {
                return i;
            }
        }
        return to - 1;
    }

    /** A pattern whose parentheses hold only field bindings ({@code $n : name}) constrains nothing. */
    private static boolean constrained(List<Token> t, int from, int to) {
        for (int i = from; i < to; i++) {
            Token x = t.get(i);
            boolean binds = x.is(":") || x.is(",") || x.is(".");
            if (x.kind() == Kind.STRING || x.kind() == Kind.NUMBER) {
                return true;
            }
            if (x.kind() == Kind.PUNCT && !binds) {
                return true;
            }
            if (x.isIdent() && OPERATORS.contains(x.text())) {
                return true;
            }
        }
        return false;
    }
}
