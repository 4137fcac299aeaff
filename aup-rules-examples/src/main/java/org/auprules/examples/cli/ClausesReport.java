package org.auprules.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.auprules.api.PolicyInfo;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.Kind;
import org.auprules.internal.PrettyJson;
import org.auprules.testing.Traceability.Citation;
import org.auprules.testing.Traceability.ClauseTrace;
import org.auprules.testing.Traceability.Gap;

/** The output of {@code aup-rules clauses}: the catalog, or the traceability matrix, as text or JSON. */
final class ClausesReport {

    /** The width text is wrapped to: wide enough for a clause's sentence, narrow enough for a terminal. */
    static final int WIDTH = 100;
    /** How a gap is marked, in the table and under the clause. */
    static final String GAP = "GAP: ";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ClausesReport() {}

    // ------------------------------------------------------------------ the catalog

    /** Each clause: a line of id, kind, heading and category, its text wrapped below, then its actions. */
    static String catalogText(PolicyInfo policy, List<Clause> clauses) {
        StringBuilder sb = new StringBuilder();
        sb.append(policy.name()).append(' ').append(policy.version()).append(": clause catalog\n");
        int idWidth = idWidth(clauses.stream().map(c -> c.id().value()).toList());
        String indent = " ".repeat(idWidth + 2);
        for (Clause c : clauses) {
            sb.append('\n')
                    .append(pad(c.id().value(), idWidth))
                    .append("  ")
                    .append(pad(c.kind().name(), 11))
                    .append("  ")
                    .append(headingOf(c))
                    .append('\n');
            wrap(c.text(), indent, WIDTH).forEach(l -> sb.append(l).append('\n'));
            if (!c.actions().isEmpty()) {
                wrap("actions: " + actions(c.actions()), indent, WIDTH)
                        .forEach(l -> sb.append(l).append('\n'));
            }
        }
        Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
        clauses.forEach(c -> byKind.merge(c.kind(), 1L, Long::sum));
        sb.append('\n')
                .append(count(clauses.size(), "clause"))
                .append(": ")
                .append(byKind.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", ")))
                .append('\n');
        return sb.toString();
    }

    /** The catalog as JSON: every clause whole, with its actions. */
    static String catalogJson(PolicyInfo policy, List<Clause> clauses) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("policy", policy(policy));
        ArrayNode array = root.putArray("clauses");
        clauses.forEach(c -> array.add(clause(c)));
        return write(root);
    }

    // ------------------------------------------------------------------ the matrix

    /**
     * The matrix: a table of counts with every gap marked, then each clause with its rules, table
     * rows and scenarios, then the stray citations, and a one-line summary as the last line.
     *
     * @param pack   how the pack was named on the command line
     * @param prefix what goes before a path of the pack: its folder and a slash, or nothing for the shipped pack
     */
    static String matrixText(
            PolicyInfo policy, String pack, List<ClauseTrace> traces, List<Citation> strays, String prefix) {
        StringBuilder sb = new StringBuilder();
        sb.append("Traceability of ")
                .append(policy.name())
                .append(' ')
                .append(policy.version())
                .append(" (policy pack: ")
                .append(pack)
                .append(")\n\n");
        int idWidth = Math.max(
                "clause".length(), idWidth(traces.stream().map(ClauseTrace::id).toList()));
        sb.append(pad("clause", idWidth)).append("  rules  rows  violating  innocent\n");
        for (ClauseTrace t : traces) {
            sb.append(pad(t.id(), idWidth))
                    .append(String.format(
                            Locale.ROOT,
                            "  %5d  %4d  %9d  %8d",
                            t.rules().size(),
                            t.rows().size(),
                            t.violating().size(),
                            t.innocent().size()));
            if (!t.gaps().isEmpty()) {
                sb.append("  ")
                        .append(GAP)
                        .append(t.gaps().stream().map(Gap::phrase).collect(Collectors.joining("; ")));
            }
            sb.append('\n');
        }
        String indent = " ".repeat(idWidth + 2);
        for (ClauseTrace t : traces) {
            sb.append('\n')
                    .append(pad(t.id(), idWidth))
                    .append("  ")
                    .append(headingOf(t.clause()))
                    .append('\n');
            sb.append(abbreviate(indent + t.clause().text(), WIDTH)).append('\n');
            t.gaps().forEach(g -> sb.append("  ").append(GAP).append(g.phrase()).append('\n'));
            section(sb, "rules that can cite it", t.rules(), prefix);
            section(sb, "table rows that can cite it", t.rows(), prefix);
            section(sb, "scenarios that expect it violated", t.violating(), prefix);
            section(sb, "scenarios that show it kept", t.innocent(), prefix);
        }
        if (!strays.isEmpty()) {
            sb.append('\n')
                    .append(GAP)
                    .append(count(strays.size(), "citation"))
                    .append(" of an id that is not a PROHIBITION clause of the catalog:\n");
            strays.forEach(c -> sb.append("  ")
                    .append(prefix)
                    .append(c.where())
                    .append("  ")
                    .append(c.by().noun())
                    .append(" `")
                    .append(c.name())
                    .append("` cites `")
                    .append(c.clause())
                    .append("`\n"));
        }
        long withGap = traces.stream().filter(t -> !t.gaps().isEmpty()).count();
        sb.append('\n')
                .append(count(traces.size(), "PROHIBITION clause"))
                .append(": ")
                .append(traces.size() - withGap)
                .append(" fully traced, ")
                .append(withGap)
                .append(" with a gap; ")
                .append(count(strays.size(), "stray citation"))
                .append('\n');
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<Citation> citations, String prefix) {
        if (citations.isEmpty()) {
            sb.append("  ").append(title).append(": none\n");
            return;
        }
        sb.append("  ").append(title).append(" (").append(citations.size()).append("):\n");
        for (Citation c : citations) {
            sb.append("    ").append(prefix).append(c.where()).append("  ").append(c.name());
            if (!c.detail().isEmpty()) {
                sb.append("  ").append(c.detail());
            }
            if (!c.accounts().isEmpty()) {
                sb.append("  [").append(String.join(", ", c.accounts())).append(']');
            }
            sb.append('\n');
        }
    }

    /** The matrix as JSON: each clause whole, with its citations and gaps, the stray citations, and a summary. */
    static String matrixJson(PolicyInfo policy, List<ClauseTrace> traces, List<Citation> strays, String prefix) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("policy", policy(policy));
        ArrayNode array = root.putArray("clauses");
        for (ClauseTrace t : traces) {
            ObjectNode n = clause(t.clause());
            ArrayNode rules = n.putArray("rules");
            t.rules().forEach(c -> rules.add(citation(c, prefix).put("name", c.name())));
            ArrayNode rows = n.putArray("tableRows");
            t.rows()
                    .forEach(c ->
                            rows.add(citation(c, prefix).put("ruleId", c.name()).put("matches", c.detail())));
            n.set("violatingScenarios", scenarios(t.violating(), prefix));
            n.set("innocentScenarios", scenarios(t.innocent(), prefix));
            ArrayNode gaps = n.putArray("gaps");
            t.gaps().forEach(g -> gaps.add(g.name()));
            array.add(n);
        }
        ArrayNode stray = root.putArray("strayCitations");
        for (Citation c : strays) {
            ObjectNode s = citation(c, prefix);
            s.put("clause", c.clause());
            s.put("by", c.by().name());
            s.put("name", c.name());
            stray.add(s);
        }
        long withGap = traces.stream().filter(t -> !t.gaps().isEmpty()).count();
        ObjectNode summary = root.putObject("summary");
        summary.put("prohibitions", traces.size());
        summary.put("fullyTraced", traces.size() - withGap);
        summary.put("withGap", withGap);
        summary.put("strayCitations", strays.size());
        return write(root);
    }

    private static ArrayNode scenarios(List<Citation> citations, String prefix) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Citation c : citations) {
            ObjectNode n = citation(c, prefix).put("description", c.name());
            ArrayNode accounts = n.putArray("accounts");
            c.accounts().forEach(accounts::add);
            array.add(n);
        }
        return array;
    }

    private static ObjectNode citation(Citation c, String prefix) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("file", prefix + c.file());
        n.put("line", c.line());
        return n;
    }

    // ------------------------------------------------------------------ shared

    private static ObjectNode policy(PolicyInfo info) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", info.name());
        n.put("version", info.version());
        n.put("digest", info.digest());
        return n;
    }

    private static ObjectNode clause(Clause c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", c.id().value());
        n.put("kind", c.kind().name());
        if (c.category().isPresent()) {
            n.put("category", c.category().get().name());
        } else {
            n.putNull("category");
        }
        n.put("heading", c.heading());
        n.put("text", c.text());
        ArrayNode actions = n.putArray("actions");
        for (AuthorizedAction a : c.actions()) {
            actions.addObject()
                    .put("action", a.action().name())
                    .put("modality", a.modality().name())
                    .put("authority", a.authority().value());
        }
        return n;
    }

    private static String write(ObjectNode root) {
        return PrettyJson.write(root, "the clause catalog");
    }

    /** {@code heading  [CATEGORY]}, or the heading alone for a clause outside every part (the preamble). */
    private static String headingOf(Clause c) {
        return c.heading() + c.category().map(cat -> "  [" + cat.name() + "]").orElse("");
    }

    /**
     * The actions, each once with every clause that authorizes it, and actions with the same
     * authorities together: {@code may REPORT_TO_FTC, DISABLE_COMPONENT (1.A.4); may TERMINATE_ACCOUNT (1.A.5, P.1)}.
     */
    static String actions(List<AuthorizedAction> actions) {
        Map<String, List<String>> authorities = new LinkedHashMap<>();
        for (AuthorizedAction a : actions) {
            List<String> by = authorities.computeIfAbsent(
                    a.modality().name().toLowerCase(Locale.ROOT) + " "
                            + a.action().name(),
                    k -> new ArrayList<>());
            if (!by.contains(a.authority().value())) {
                by.add(a.authority().value());
            }
        }
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        authorities.forEach((modalAction, by) -> {
            int space = modalAction.indexOf(' ');
            grouped.computeIfAbsent(
                            modalAction.substring(0, space) + " (" + String.join(", ", by) + ")",
                            k -> new ArrayList<>())
                    .add(modalAction.substring(space + 1));
        });
        return grouped.entrySet().stream()
                .map(e -> {
                    int open = e.getKey().indexOf(" (");
                    return e.getKey().substring(0, open) + " " + String.join(", ", e.getValue())
                            + e.getKey().substring(open);
                })
                .collect(Collectors.joining("; "));
    }

    private static int idWidth(List<String> ids) {
        return ids.stream().mapToInt(String::length).max().orElse(0);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** One line: the text cut at a word before {@code width}, with {@code …} when anything was cut. */
    static String abbreviate(String line, int width) {
        if (line.length() <= width) {
            return line;
        }
        int cut = line.lastIndexOf(' ', width - 1);
        return line.substring(0, cut > line.length() - line.stripLeading().length() ? cut : width - 1)
                        .stripTrailing() + "…";
    }

    /** The text in lines of at most {@code width} characters, each starting with {@code indent}; a longer word stands alone. */
    static List<String> wrap(String text, String indent, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.strip().split("\\s+", -1)) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > indent.length()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
