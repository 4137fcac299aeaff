package org.auprules.examples.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Notice;
import org.auprules.api.PolicyInfo;
import org.auprules.api.Severity;
import org.auprules.api.Summary;
import org.auprules.api.Violation;

/**
 * The result as a person triages it: first the accounts, worst first, with their counts by
 * severity; then each account's violations, gravest first.
 */
final class TextReport {

    /** The severities from the gravest down, as the report lists them. */
    private static final List<Severity> GRAVEST_FIRST =
            List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);

    /** Where the detail lines of a violation start. */
    private static final String DETAIL = "         ";

    /**
     * How to lay the report out.
     *
     * @param width  the column to wrap at
     * @param colour whether to colour the severities with ANSI escapes
     */
    record Style(int width, boolean colour) {
        /** Plain text, 80 columns: what a file or a pipe gets. */
        static final Style PLAIN = new Style(Terminal.DEFAULT_WIDTH, false);

        Style {
            width = Math.max(width, 40);
        }
    }

    private TextReport() {}

    static String render(EvaluationResult r) {
        return render(r, Style.PLAIN);
    }

    static String render(EvaluationResult r, Style style) {
        StringBuilder sb = new StringBuilder();
        sb.append(header(r.policy(), r.evaluatedAt())).append('\n');
        Map<String, List<Violation>> byAccount = byAccountWorstFirst(r.violations());
        int accounts = r.summary().accounts();
        int flagged = byAccount.size();
        sb.append(accounts)
                .append(accounts == 1 ? " account, " : " accounts, ")
                .append(flagged)
                .append(" with violations, ")
                .append(Math.max(0, accounts - flagged))
                .append(" clean\n");
        StringBuilder head = new StringBuilder();
        head.append(r.summary().violations()).append(r.summary().violations() == 1 ? " violation" : " violations");
        if (!r.summary().bySeverity().isEmpty()) {
            head.append(": ")
                    .append(GRAVEST_FIRST.stream()
                            .filter(s -> r.summary().bySeverity().containsKey(s))
                            .map(s -> r.summary().bySeverity().get(s) + " " + s)
                            .collect(Collectors.joining(", ")));
        }
        wrap(sb, head.toString(), "", "  ", style.width());
        if (!byAccount.isEmpty()) {
            ranking(sb, byAccount, style);
        }
        for (Map.Entry<String, List<Violation>> e : byAccount.entrySet()) {
            account(sb, e.getKey(), e.getValue(), style);
        }
        if (!r.notices().isEmpty()) {
            sb.append("\nnotices\n");
            r.notices().forEach(n -> appendNotice(sb, n, style));
        }
        appendSuppressed(sb, r);
        return sb.toString();
    }

    /** The first line: the policy and the moment of evaluation; never wrapped, as scripts and docs cut it as it is. */
    static String header(PolicyInfo policy, java.time.Instant evaluatedAt) {
        return policy.name() + ' ' + policy.version() + "  (" + shortDigest(policy.digest()) + ")  evaluated at "
                + evaluatedAt;
    }

    /**
     * How many accounts and violations, and the violations by severity, gravest first: the closing
     * line of a streamed report, which cannot rank accounts it has not yet seen.
     */
    static String summary(Summary s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.accounts())
                .append(s.accounts() == 1 ? " account, " : " accounts, ")
                .append(s.violations())
                .append(s.violations() == 1 ? " violation" : " violations");
        if (!s.bySeverity().isEmpty()) {
            sb.append(": ")
                    .append(GRAVEST_FIRST.stream()
                            .filter(x -> s.bySeverity().containsKey(x))
                            .map(x -> s.bySeverity().get(x) + " " + x)
                            .collect(Collectors.joining(", ")));
        }
        return sb.toString();
    }

    /** One account's violations as a streamed report prints it: the same block as the whole report's. */
    static void appendAccount(StringBuilder sb, String accountId, List<Violation> violations) {
        List<Violation> gravestFirst = byAccountWorstFirst(violations).getOrDefault(accountId, List.of());
        if (gravestFirst.isEmpty()) {
            // an account with notices only: its id, and the notices after it
            sb.append('\n').append(accountId).append('\n');
            return;
        }
        account(sb, accountId, gravestFirst, Style.PLAIN);
    }

    /** One notice, plain, 80 columns. */
    static void appendNotice(StringBuilder sb, Notice n) {
        appendNotice(sb, n, Style.PLAIN);
    }

    /** One notice, wrapped; a notice about no report (UNKNOWN_PLAN) is named by its account alone. */
    static void appendNotice(StringBuilder sb, Notice n, Style style) {
        StringBuilder line = new StringBuilder();
        line.append(n.kind())
                .append("  ")
                .append(
                        n.reportId().isEmpty()
                                ? n.accountId().orElse("")
                                : n.reportId()
                                        + n.accountId().map(a -> " (" + a + ")").orElse(""))
                .append(": ")
                .append(n.message());
        if (!n.missing().isEmpty()) {
            line.append(" [missing: ").append(String.join(", ", n.missing())).append(']');
        }
        wrap(sb, line.toString(), "  ", "    ", style.width());
    }

    /** The violations waivers set apart, one line each with the waiver that did it. */
    private static void appendSuppressed(StringBuilder sb, EvaluationResult r) {
        appendSuppressed(sb, r.suppressed());
    }

    /** The section of the violations waivers set apart, one line each with the waiver; nothing when there are none. */
    static void appendSuppressed(StringBuilder sb, List<org.auprules.api.SuppressedViolation> suppressed) {
        if (suppressed.isEmpty()) {
            return;
        }
        sb.append("\nsuppressed by waivers (").append(suppressed.size()).append(")\n");
        for (org.auprules.api.SuppressedViolation s : suppressed) {
            Violation v = s.violation();
            sb.append(String.format(
                    "  %-14s %-6s %-8s %s  [waiver %s]%n",
                    v.accountId(), v.clauseId(), v.severity(), v.ruleId(), s.waiver()));
        }
    }

    /**
     * The violations per account, accounts ordered by their gravest severity, then by how many
     * violations they have, then by id; each account's violations by severity, then clause.
     */
    static Map<String, List<Violation>> byAccountWorstFirst(List<Violation> violations) {
        Map<String, List<Violation>> grouped = new LinkedHashMap<>();
        for (Violation v : violations) {
            grouped.computeIfAbsent(v.accountId(), k -> new ArrayList<>()).add(v);
        }
        Comparator<Violation> gravestFirst = Comparator.comparing(Violation::severity)
                .reversed()
                .thenComparing(v -> v.clause().id())
                .thenComparing(Violation::ruleId)
                .thenComparing(Comparator.naturalOrder());
        grouped.values().forEach(list -> list.sort(gravestFirst));
        Comparator<Map.Entry<String, List<Violation>>> worstFirst =
                Comparator.<Map.Entry<String, List<Violation>>, Severity>comparing(
                                e -> e.getValue().get(0).severity())
                        .reversed()
                        .thenComparing(e -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey);
        Map<String, List<Violation>> sorted = new LinkedHashMap<>();
        grouped.entrySet().stream().sorted(worstFirst).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * The triage table: one line per account with violations, worst first, counts per severity.
     * A table is not wrapped: on a terminal narrower than its rows they run on.
     */
    private static void ranking(StringBuilder sb, Map<String, List<Violation>> byAccount, Style style) {
        int idWidth = Math.max(
                "account".length(),
                byAccount.keySet().stream().mapToInt(String::length).max().orElse(0));
        sb.append("\n  ").append(pad("account", idWidth));
        for (Severity s : GRAVEST_FIRST) {
            sb.append(' ').append(" ".repeat(9 - s.name().length())).append(paint(s.name(), s, style));
        }
        sb.append("  total\n");
        for (Map.Entry<String, List<Violation>> e : byAccount.entrySet()) {
            Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
            e.getValue().forEach(v -> counts.merge(v.severity(), 1, Integer::sum));
            sb.append("  ").append(pad(e.getKey(), idWidth));
            for (Severity s : GRAVEST_FIRST) {
                Integer n = counts.get(s);
                String cell = n == null ? "·" : Integer.toString(n);
                sb.append(' ').append(" ".repeat(9 - cell.length()));
                sb.append(n == null ? cell : paint(cell, s, style));
            }
            String total = Integer.toString(e.getValue().size());
            sb.append(' ').append(" ".repeat(6 - total.length())).append(total).append('\n');
        }
    }

    /** One account: its violations, gravest first, and its actions once when every violation shares them. */
    private static void account(StringBuilder sb, String accountId, List<Violation> violations, Style style) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        violations.forEach(v -> counts.merge(v.severity(), 1, Integer::sum));
        sb.append('\n')
                .append(accountId)
                .append("  (")
                .append(GRAVEST_FIRST.stream()
                        .filter(counts::containsKey)
                        .map(s -> counts.get(s) + " " + paint(s.name(), s, style))
                        .collect(Collectors.joining(", ")))
                .append(")\n");
        String shared = actions(violations.get(0));
        boolean sameActions = violations.stream().allMatch(v -> actions(v).equals(shared));
        for (Violation v : violations) {
            String title =
                    "  " + pad(v.clauseId(), 6) + ' ' + paint(pad(v.severity().name(), 8), v.severity(), style) + ' '
                            + pad(v.certainty().name(), 9) + ' ';
            wrap(sb, ruleName(v), title, DETAIL + "  ", style.width());
            wrap(sb, v.message(), DETAIL, DETAIL + "  ", style.width());
            wrap(
                    sb,
                    "clause: " + v.clause().heading() + " — "
                            + abbreviate(v.clause().text()),
                    DETAIL,
                    DETAIL + "  ",
                    style.width());
            wrap(
                    sb,
                    "evidence: "
                            + v.evidence().stream()
                                    .map(x -> x.type() + " " + x.id())
                                    .collect(Collectors.joining(", ")),
                    DETAIL,
                    DETAIL + "  ",
                    style.width());
            if (!sameActions) {
                wrap(sb, "actions: " + actions(v), DETAIL, DETAIL + "  ", style.width());
            }
        }
        if (sameActions) {
            String label = violations.size() == 1 ? "actions: " : "actions, for each: ";
            wrap(sb, label + shared, "  ", "    ", style.width());
        }
    }

    /** The rule's name without the clause id it starts with, which the line already shows. */
    static String ruleName(Violation v) {
        String prefix = v.clauseId() + " ";
        return v.ruleId().startsWith(prefix) ? v.ruleId().substring(prefix.length()) : v.ruleId();
    }

    private static String actions(Violation v) {
        return v.actions().stream()
                .map(a -> a.modality() + " " + a.action() + " (" + a.authority() + ")")
                .distinct()
                .collect(Collectors.joining(", "));
    }

    /**
     * Appends {@code text} wrapped at {@code width}: the first line after {@code first}, the
     * others after {@code rest}. Words longer than a line are left whole rather than cut.
     */
    static void wrap(StringBuilder sb, String text, String first, String rest, int width) {
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        String gap = "";
        // words and the spaces after each: a run of spaces inside a line stays as it was written
        Matcher m = WORD.matcher(text.strip());
        while (m.find()) {
            String word = m.group(1);
            if (!empty && visibleLength(line) + gap.length() + word.length() > width) {
                sb.append(line).append('\n');
                line = new StringBuilder(rest);
                empty = true;
            }
            if (!empty) {
                line.append(gap);
            }
            line.append(word);
            empty = false;
            gap = m.group(2);
        }
        sb.append(line).append('\n');
    }

    private static final Pattern WORD = Pattern.compile("(\\S+)(\\s*)");

    /** The length of text as the terminal shows it: colour escapes take no room. */
    private static int visibleLength(CharSequence text) {
        return ANSI.matcher(text).replaceAll("").length();
    }

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    private static String paint(String text, Severity s, Style style) {
        if (!style.colour()) {
            return text;
        }
        String code =
                switch (s) {
                    case CRITICAL -> "1;31";
                    case HIGH -> "31";
                    case MEDIUM -> "33";
                    case LOW -> "36";
                };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String shortDigest(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 100 ? oneLine.substring(0, 99) + "…" : oneLine;
    }
}
