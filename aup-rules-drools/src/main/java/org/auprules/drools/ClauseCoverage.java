package org.auprules.drools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.auprules.api.PolicyProblem;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.Kind;
import org.auprules.drools.internal.DrlOutline;
import org.auprules.drools.internal.DrlOutline.RuleSpan;
import org.auprules.drools.rules.Findings;
import org.auprules.internal.JsonLocator;

/**
 * Which PROHIBITION clauses of a pack nothing enforces: no rule cites them in {@code @clause}, and
 * no row of a data table that some rule reads with {@code @clauseFrom} ({@code signatures.csv},
 * the {@code contentCategories} of {@code policy.json}) names them. Such a clause is a warning, not
 * an error: a pack may go live before every clause has its rule. While a table has an error there
 * are no such warnings, since what the table enforces is not known.
 */
final class ClauseCoverage {

    private ClauseCoverage() {}

    /** A warning, at the clause's {@code id} in policy.json, for each PROHIBITION nothing cites. */
    static List<PolicyProblem> unenforced(PolicyPack pack, PolicyDocument document, Map<String, DrlOutline> outlines) {
        Set<String> cited = new TreeSet<>();
        Set<String> tablesRead = new TreeSet<>();
        for (DrlOutline outline : outlines.values()) {
            for (RuleSpan rule : outline.rules()) {
                DrlOutline.meta(rule, Findings.CLAUSE).ifPresent(cited::add);
                DrlOutline.meta(rule, Findings.CLAUSE_FROM).ifPresent(tablesRead::add);
            }
        }
        // the tables' own problems are the compiler's to report; here only their clauses count
        List<PolicyProblem> tableProblems = pack.reading().tableProblems();
        cited.addAll(pack.reading().tables().clauseIds(tablesRead));
        List<PolicyProblem> problems = new ArrayList<>();
        if (tableProblems.stream().anyMatch(PolicyProblem::isError)) {
            // a table with an error is read as empty, so every clause only its rows cite would be
            // blamed for the typo of one row; say nothing until the table reads again
            return problems;
        }
        JsonLocator locator = null;
        JsonNode clauses =
                pack.source().policyJson().tree().map(t -> t.path("clauses")).orElse(MissingNode.getInstance());
        for (int i = 0; i < clauses.size(); i++) {
            String id = clauses.get(i).path("id").asText("");
            Clause clause = document.catalog().find(id).orElse(null);
            if (clause == null || clause.kind() != Kind.PROHIBITION || cited.contains(id)) {
                continue;
            }
            if (locator == null) {
                locator = pack.source().policyLocator();
            }
            String path = "$.clauses[" + i + "].id";
            problems.add(PolicyProblem.warning(
                    PolicyPack.POLICY_FILE,
                    locator.line(path),
                    locator.column(path),
                    "clause `" + id + "` is a PROHIBITION that no rule and no table row cites: nothing enforces it"));
        }
        return problems;
    }
}
