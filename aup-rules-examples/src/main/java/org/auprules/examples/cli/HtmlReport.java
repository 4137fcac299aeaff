package org.auprules.examples.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.auprules.api.Certainty;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.Notice;
import org.auprules.api.Severity;
import org.auprules.api.SuppressedViolation;
import org.auprules.api.Violation;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.api.policy.ClauseId;

/**
 * The result as one self-contained HTML page for the abuse desk ({@code evaluate --format html}).
 *
 * <p>The page opens offline: its style sheet, script and chart (inline SVG) are in the page, it names no other
 * origin, and its Content-Security-Policy forbids every fetch. Accounts come ranked by their worst severity, then by
 * their number of violations; the clause, severity and certainty filters (also read from the URL's fragment, as in
 * {@code report.html#severity=CRITICAL&clause=1.A}) hide the violations that do not match. Violations waivers set
 * apart are listed in their own section, which the filters leave alone. Every value from the facts or the pack is
 * HTML-escaped; the script reads the data only from the elements' {@code data-} attributes, so nothing from the input
 * is ever JavaScript.
 */
final class HtmlReport {

    /** Highest first, as the desk reads them. */
    private static final List<Severity> SEVERITIES_DESCENDING =
            List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);

    private static final Map<Severity, String> COLOURS = new EnumMap<>(Map.of(
            Severity.CRITICAL, "#b3261e",
            Severity.HIGH, "#e8710a",
            Severity.MEDIUM, "#f2c200",
            Severity.LOW, "#7c8c99"));

    /** Worst severity first, then the most violations, then the account id. */
    static final Comparator<Map.Entry<String, List<Violation>>> RANKING =
            Comparator.<Map.Entry<String, List<Violation>>, Severity>comparing(e -> worst(e.getValue()))
                    .reversed()
                    .thenComparing(e -> e.getValue().size(), Comparator.reverseOrder())
                    .thenComparing(Map.Entry::getKey);

    private HtmlReport() {}

    static String render(EvaluationResult r) {
        Map<String, List<Violation>> byAccount = new LinkedHashMap<>();
        r.violations().forEach(v -> byAccount
                .computeIfAbsent(v.accountId(), k -> new ArrayList<>())
                .add(v));
        List<Map.Entry<String, List<Violation>>> ranked =
                byAccount.entrySet().stream().sorted(RANKING).toList();
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc("aup-rules report: " + r.policy().name() + ' '
                        + r.policy().version()))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>")
                .append(esc(r.policy().name() + ' ' + r.policy().version()))
                .append("</h1>\n<p class=\"meta\">digest <code>")
                .append(esc(r.policy().digest()))
                .append("</code> · evaluated at <time>")
                .append(esc(r.evaluatedAt().toString()))
                .append("</time></p>\n<p id=\"summary\">")
                .append(summary(r, ranked.size()))
                .append("</p>\n</header>\n<main>\n");
        appendChart(sb, r.violations());
        appendFilters(sb, r.violations());
        sb.append("<section id=\"accounts\">\n<h2>Accounts with violations</h2>\n");
        if (ranked.isEmpty()) {
            sb.append("<p class=\"empty\">No violations.</p>\n");
        }
        int rank = 0;
        for (Map.Entry<String, List<Violation>> account : ranked) {
            appendAccount(sb, ++rank, account.getKey(), account.getValue());
        }
        sb.append("</section>\n");
        appendSuppressed(sb, r.suppressed());
        appendNotices(sb, r.notices());
        sb.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static String summary(EvaluationResult r, int flaggedAccounts) {
        String bySeverity = SEVERITIES_DESCENDING.stream()
                .filter(s -> r.summary().bySeverity().containsKey(s))
                .map(s -> r.summary().bySeverity().get(s) + " " + s)
                .collect(Collectors.joining(", "));
        return "<span data-count=\"accounts\">" + r.summary().accounts() + "</span> accounts evaluated, "
                + "<span data-count=\"flagged\">" + flaggedAccounts + "</span> with violations; "
                + "<span data-count=\"violations\">" + r.summary().violations() + "</span> violations"
                + (bySeverity.isEmpty() ? "" : " (" + esc(bySeverity) + ")")
                + "; <span data-count=\"suppressed\">" + r.suppressed().size() + "</span> suppressed by waivers";
    }

    /** Violations by clause (one bar each) and severity (the bar's segments), drawn to scale. */
    private static void appendChart(StringBuilder sb, List<Violation> violations) {
        Map<ClauseId, Map<Severity, Integer>> counts = new TreeMap<>();
        for (Violation v : violations) {
            counts.computeIfAbsent(v.clause().id(), k -> new EnumMap<>(Severity.class))
                    .merge(v.severity(), 1, Integer::sum);
        }
        sb.append("<section id=\"chart\">\n<h2>Violations by clause and severity</h2>\n");
        if (counts.isEmpty()) {
            sb.append("<p class=\"empty\">No violations to chart.</p>\n</section>\n");
            return;
        }
        int max = counts.values().stream()
                .mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum())
                .max()
                .orElse(1);
        int label = 64;
        int barArea = 560;
        int row = 22;
        int legend = 28;
        int height = legend + counts.size() * row + 4;
        sb.append("<svg role=\"img\" aria-labelledby=\"chart-title\" width=\"")
                .append(label + barArea + 40)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(label + barArea + 40)
                .append(' ')
                .append(height)
                .append("\">\n<title id=\"chart-title\">Violations by clause and severity</title>\n");
        int x = label;
        for (Severity s : SEVERITIES_DESCENDING) {
            sb.append("<rect x=\"")
                    .append(x)
                    .append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"")
                    .append(COLOURS.get(s))
                    .append("\"/><text x=\"")
                    .append(x + 16)
                    .append("\" y=\"16\" class=\"legend\">")
                    .append(s)
                    .append("</text>\n");
            x += 100;
        }
        int y = legend;
        for (Map.Entry<ClauseId, Map<Severity, Integer>> clause : counts.entrySet()) {
            String id = esc(clause.getKey().value());
            sb.append("<g class=\"clause-bar\" data-clause=\"").append(id).append("\">");
            sb.append("<text x=\"")
                    .append(label - 6)
                    .append("\" y=\"")
                    .append(y + 15)
                    .append("\" text-anchor=\"end\">")
                    .append(id)
                    .append("</text>");
            double at = label;
            int total = 0;
            for (Severity s : SEVERITIES_DESCENDING) {
                Integer n = clause.getValue().get(s);
                if (n == null) {
                    continue;
                }
                double w = (double) n * barArea / max;
                sb.append("<rect class=\"bar\" data-clause=\"")
                        .append(id)
                        .append("\" data-severity=\"")
                        .append(s)
                        .append("\" data-count=\"")
                        .append(n)
                        .append("\" x=\"")
                        .append(String.format(java.util.Locale.ROOT, "%.1f", at))
                        .append("\" y=\"")
                        .append(y + 3)
                        .append("\" width=\"")
                        .append(String.format(java.util.Locale.ROOT, "%.1f", w))
                        .append("\" height=\"16\" fill=\"")
                        .append(COLOURS.get(s))
                        .append("\"><title>")
                        .append(id)
                        .append(' ')
                        .append(s)
                        .append(": ")
                        .append(n)
                        .append("</title></rect>");
                at += w;
                total += n;
            }
            sb.append("<text x=\"")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", at + 4))
                    .append("\" y=\"")
                    .append(y + 15)
                    .append("\">")
                    .append(total)
                    .append("</text></g>\n");
            y += row;
        }
        sb.append("</svg>\n</section>\n");
    }

    /** The three filters; their options are only the values the result has. */
    private static void appendFilters(StringBuilder sb, List<Violation> violations) {
        TreeSet<ClauseId> clauses = new TreeSet<>();
        violations.forEach(v -> clauses.add(v.clause().id()));
        sb.append("<form id=\"filters\" onsubmit=\"return false\">\n<h2>Filters</h2>\n");
        sb.append("<label>Clause <select name=\"clause\" id=\"f-clause\"><option value=\"\">all</option>");
        for (ClauseId c : clauses) {
            String id = esc(c.value());
            sb.append("<option value=\"").append(id).append("\">").append(id).append("</option>");
        }
        sb.append("</select></label>\n<label>Severity <select name=\"severity\" id=\"f-severity\">")
                .append("<option value=\"\">all</option>");
        for (Severity s : SEVERITIES_DESCENDING) {
            sb.append("<option value=\"").append(s).append("\">").append(s).append("</option>");
        }
        sb.append("</select></label>\n<label>Certainty <select name=\"certainty\" id=\"f-certainty\">")
                .append("<option value=\"\">all</option>");
        for (Certainty c : Certainty.values()) {
            sb.append("<option value=\"").append(c).append("\">").append(c).append("</option>");
        }
        sb.append("</select></label>\n<button type=\"button\" id=\"f-reset\">Show all</button>\n")
                .append("<output id=\"shown\" data-total=\"")
                .append(violations.size())
                .append("\">")
                .append(violations.size())
                .append(" of ")
                .append(violations.size())
                .append(" violations shown</output>\n</form>\n");
    }

    private static void appendAccount(StringBuilder sb, int rank, String accountId, List<Violation> violations) {
        Severity worst = worst(violations);
        sb.append("<section class=\"account\" data-account=\"")
                .append(esc(accountId))
                .append("\" data-worst=\"")
                .append(worst)
                .append("\" data-rank=\"")
                .append(rank)
                .append("\">\n<h3><span class=\"rank\">")
                .append(rank)
                .append(".</span> ")
                .append(esc(accountId))
                .append(" <span class=\"sev sev-")
                .append(worst)
                .append("\">")
                .append(worst)
                .append("</span> <span class=\"count\">")
                .append(violations.size())
                .append(violations.size() == 1 ? " violation" : " violations")
                .append("</span></h3>\n");
        List<Violation> ordered = violations.stream()
                .sorted(Comparator.comparing(Violation::severity).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
        for (Violation v : ordered) {
            appendViolation(sb, v, "violation", "");
        }
        sb.append("</section>\n");
    }

    private static void appendViolation(StringBuilder sb, Violation v, String cssClass, String extra) {
        sb.append("<article class=\"")
                .append(cssClass)
                .append("\" data-clause=\"")
                .append(esc(v.clauseId()))
                .append("\" data-severity=\"")
                .append(v.severity())
                .append("\" data-certainty=\"")
                .append(v.certainty())
                .append("\">\n<h4><span class=\"clause-id\">")
                .append(esc(v.clauseId()))
                .append("</span> <span class=\"sev sev-")
                .append(v.severity())
                .append("\">")
                .append(v.severity())
                .append("</span> <span class=\"certainty\">")
                .append(v.certainty())
                .append("</span> <span class=\"rule\">")
                .append(esc(v.ruleId()))
                .append("</span>")
                .append(extra)
                .append("</h4>\n<p class=\"message\">")
                .append(esc(v.message()))
                .append("</p>\n<details class=\"clause\"><summary>")
                .append(esc(v.clauseId() + ' ' + v.clause().heading()))
                .append("</summary><blockquote class=\"clause-text\">")
                .append(esc(v.clause().text()))
                .append("</blockquote></details>\n<dl>\n<dt>Evidence</dt><dd><ul class=\"evidence\">");
        for (Evidence e : v.evidence()) {
            sb.append("<li><span class=\"type\">")
                    .append(esc(e.type()))
                    .append("</span> <code>")
                    .append(esc(e.id()))
                    .append("</code></li>");
        }
        sb.append("</ul></dd>\n<dt>Actions</dt><dd><ul class=\"actions\">");
        v.actions().stream().distinct().forEach(a -> appendAction(sb, a));
        sb.append("</ul></dd>\n</dl>\n</article>\n");
    }

    private static void appendAction(StringBuilder sb, AuthorizedAction a) {
        sb.append("<li><span class=\"modality\">")
                .append(a.modality())
                .append("</span> ")
                .append(a.action())
                .append(" <span class=\"authority\">(")
                .append(esc(a.authority().value()))
                .append(")</span></li>");
    }

    private static void appendSuppressed(StringBuilder sb, List<SuppressedViolation> suppressed) {
        sb.append("<section id=\"suppressed\">\n<h2>Suppressed by waivers (")
                .append(suppressed.size())
                .append(")</h2>\n<p class=\"note\">Violations that waivers set apart; the filters above do not "
                        + "apply here.</p>\n");
        for (SuppressedViolation s : suppressed) {
            appendViolation(
                    sb,
                    s.violation(),
                    "suppressed-violation",
                    " <span class=\"account-id\">" + esc(s.violation().accountId())
                            + "</span> <span class=\"waiver\">waiver <code>" + esc(s.waiver()) + "</code></span>");
        }
        sb.append("</section>\n");
    }

    private static void appendNotices(StringBuilder sb, List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        sb.append("<section id=\"notices\">\n<h2>Notices (")
                .append(notices.size())
                .append(")</h2>\n<ul>\n");
        for (Notice n : notices) {
            sb.append("<li class=\"notice\"><span class=\"kind\">")
                    .append(n.kind())
                    .append("</span> ")
                    .append(esc(n.reportId().isEmpty() ? n.accountId().orElse("") : n.reportId()))
                    .append(": ")
                    .append(esc(n.message()));
            if (!n.missing().isEmpty()) {
                sb.append(" [missing: ")
                        .append(esc(String.join(", ", n.missing())))
                        .append(']');
            }
            sb.append("</li>\n");
        }
        sb.append("</ul>\n</section>\n");
    }

    private static Severity worst(List<Violation> violations) {
        return violations.stream().map(Violation::severity).max(Enum::compareTo).orElse(Severity.LOW);
    }

    /** Escapes text for HTML content and for double- or single-quoted attribute values. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 980px; padding: 0 16px 48px;
                   color: #1d1d1f; }
            h1 { font-size: 22px; margin: 18px 0 4px; }
            h2 { font-size: 17px; margin: 22px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 3px; }
            h3 { font-size: 15px; margin: 16px 0 6px; }
            h4 { font-size: 14px; margin: 0 0 4px; font-weight: 600; }
            .meta { color: #555; margin: 0; }
            code { font: 12px ui-monospace, monospace; }
            svg text { font: 12px system-ui, sans-serif; fill: #333; }
            #filters { position: sticky; top: 0; background: #f6f7f8; padding: 8px 12px; border: 1px solid #ddd;
                       display: flex; flex-wrap: wrap; gap: 12px; align-items: center; z-index: 1; }
            #filters h2 { border: 0; margin: 0; font-size: 14px; }
            #shown { margin-left: auto; color: #333; }
            .account { border-left: 4px solid #ccc; padding-left: 10px; margin: 10px 0 18px; }
            .account[data-worst=CRITICAL] { border-color: #b3261e; }
            .account[data-worst=HIGH] { border-color: #e8710a; }
            .account[data-worst=MEDIUM] { border-color: #f2c200; }
            .rank, .count { color: #666; font-weight: normal; }
            article { border: 1px solid #e3e3e3; border-radius: 4px; padding: 8px 10px; margin: 6px 0; }
            .sev { font-size: 11px; padding: 1px 6px; border-radius: 3px; color: #fff; background: #7c8c99; }
            .sev-CRITICAL { background: #b3261e; } .sev-HIGH { background: #e8710a; }
            .sev-MEDIUM { background: #f2c200; color: #222; }
            .certainty, .rule, .waiver, .account-id { color: #555; font-weight: normal; font-size: 12px; }
            .message { margin: 2px 0 4px; }
            .clause-text { white-space: pre-line; margin: 4px 0 4px 12px; color: #333; }
            dl { margin: 4px 0 0; display: grid; grid-template-columns: 70px 1fr; }
            dt { color: #666; } dd { margin: 0; }
            dd ul { margin: 0; padding: 0; list-style: none; }
            .modality { font-size: 11px; color: #555; }
            .type { color: #555; }
            #suppressed article { background: #fafafa; border-style: dashed; }
            [hidden] { display: none !important; }
            """;

    /** Reads the filters from the fragment, hides what does not match, and writes the fragment back. */
    private static final String SCRIPT = """
            (function () {
              'use strict';
              var keys = ['clause', 'severity', 'certainty'];
              var selects = {};
              keys.forEach(function (k) { selects[k] = document.getElementById('f-' + k); });
              var shown = document.getElementById('shown');
              var total = Number(shown.getAttribute('data-total'));
              function fromHash() {
                var params = new URLSearchParams(location.hash.replace(/^#/, ''));
                keys.forEach(function (k) {
                  var want = params.get(k) || '';
                  var known = Array.prototype.some.call(selects[k].options, function (o) { return o.value === want; });
                  selects[k].value = known ? want : '';
                });
              }
              function toHash() {
                var params = new URLSearchParams();
                keys.forEach(function (k) { if (selects[k].value) { params.set(k, selects[k].value); } });
                var hash = params.toString();
                try {
                  history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
                } catch (e) { /* some viewers forbid it; the filters still work */ }
              }
              function apply() {
                var visible = 0;
                document.querySelectorAll('#accounts .account').forEach(function (account) {
                  var inAccount = 0;
                  account.querySelectorAll('.violation').forEach(function (v) {
                    var match = keys.every(function (k) {
                      return !selects[k].value || v.getAttribute('data-' + k) === selects[k].value;
                    });
                    v.hidden = !match;
                    if (match) { inAccount++; }
                  });
                  account.hidden = inAccount === 0;
                  visible += inAccount;
                });
                shown.textContent = visible + ' of ' + total + ' violations shown';
                shown.setAttribute('data-visible', String(visible));
              }
              keys.forEach(function (k) {
                selects[k].addEventListener('change', function () { apply(); toHash(); });
              });
              document.getElementById('f-reset').addEventListener('click', function () {
                keys.forEach(function (k) { selects[k].value = ''; });
                apply();
                toHash();
              });
              window.addEventListener('hashchange', function () { fromHash(); apply(); });
              fromHash();
              apply();
              document.body.setAttribute('data-ready', 'true');
            })();
            """;
}
