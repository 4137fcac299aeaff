package org.auprules.drools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.auprules.api.PolicyProblem;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.Kind;
import org.auprules.drools.DrlOutline.RuleSpan;
import org.auprules.drools.rules.Findings;
import org.auprules.json.JsonLocator;

/**
 * Which PROHIBITION clauses of a pack nothing enforces: no rule cites them in {@code @clause}, and
 * no row of a data table ({@code signatures.csv}, the {@code contentCategories} of
 * {@code policy.json}) names them. Such a clause is a warning, not an error: a pack may go live
 * before every clause has its rule.
 */
final class ClauseCoverage {

    static final String SIGNATURES = "signatures.csv";

    private ClauseCoverage() {
    }

    /** A warning, at the clause's {@code id} in policy.json, for each PROHIBITION nothing cites. */
    static List<PolicyProblem> unenforced(PolicyPack pack, PolicyDocument document, Map<String, DrlOutline> outlines) {
        Set<String> cited = new TreeSet<>();
        for (DrlOutline outline : outlines.values()) {
            for (RuleSpan rule : outline.rules()) {
                DrlOutline.meta(rule, Findings.CLAUSE).ifPresent(cited::add);
            }
        }
        Set<String> known = new TreeSet<>();
        document.catalog().all().forEach(c -> known.add(c.id().value()));
        cited.addAll(signatureClauses(pack, known));
        collectClauseFields(document.json().path("contentCategories"), cited);
        List<PolicyProblem> problems = new ArrayList<>();
        JsonLocator locator = null;
        JsonNode clauses = document.json().path("clauses");
        for (int i = 0; i < clauses.size(); i++) {
            String id = clauses.get(i).path("id").asText("");
            Clause clause = document.catalog().find(id).orElse(null);
            if (clause == null || clause.kind() != Kind.PROHIBITION || cited.contains(id)) {
                continue;
            }
            if (locator == null) {
                locator = JsonLocator.of(pack.text(PolicyPack.POLICY_FILE).orElse(""));
            }
            String path = "$.clauses[" + i + "].id";
            problems.add(PolicyProblem.warning(PolicyPack.POLICY_FILE, locator.line(path), locator.column(path),
                    "clause `" + id + "` is a PROHIBITION that no rule and no table row cites: nothing enforces it"));
        }
        return problems;
    }

    /**
     * The clause ids named by rows of {@code signatures.csv}: the field under the {@code clause}
     * header, or, in a row whose fields do not line up with the header, any field that is a known
     * clause id. Checking the rows themselves is the table parser's job.
     */
    private static Set<String> signatureClauses(PolicyPack pack, Set<String> known) {
        Set<String> ids = new TreeSet<>();
        String text = pack.text(SIGNATURES).orElse("");
        int column = -1;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> fields = csvFields(line);
            if (column < 0) {
                column = fields.indexOf("clause");
                if (column < 0) {
                    return ids;
                }
                continue;
            }
            if (column < fields.size() && known.contains(fields.get(column))) {
                ids.add(fields.get(column));
            } else {
                fields.stream().filter(known::contains).forEach(ids::add);
            }
        }
        return ids;
    }

    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                f.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(f.toString().trim());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString().trim());
        return fields;
    }

    private static void collectClauseFields(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals("clause") && e.getValue().isTextual()) {
                    into.add(e.getValue().textValue());
                } else {
                    collectClauseFields(e.getValue(), into);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectClauseFields(n, into));
        }
    }
}
