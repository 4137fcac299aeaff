package org.auprules.drools.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.auprules.api.PolicyProblem;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.api.policy.ClauseId;
import org.auprules.drools.rules.ContentTable;
import org.auprules.drools.rules.ReportTypeTable;
import org.auprules.drools.rules.SignatureTable;

/**
 * The data tables of a pack that raise violations without DRL: {@code signatures.csv} and the
 * {@code contentCategories} and {@code reportTypes} sections of {@code policy.json}.
 *
 * @param signatures the rows of {@code signatures.csv}
 * @param content    the rows of {@code contentCategories}
 * @param reports    the rows of {@code reportTypes}
 */
public record PolicyTables(SignatureTable signatures, ContentTable content, ReportTypeTable reports) {

    /** Tables without rows. */
    public static final PolicyTables EMPTY =
            new PolicyTables(SignatureTable.empty(), ContentTable.empty(), ReportTypeTable.empty());

    public PolicyTables {
        Objects.requireNonNull(signatures, "signatures must not be null");
        Objects.requireNonNull(content, "content must not be null");
        Objects.requireNonNull(reports, "reports must not be null");
    }

    /**
     * Reads both tables of a pack whose {@code policy.json} parsed, adding every problem found to
     * {@code problems}.
     */
    public static PolicyTables read(PackSource pack, ClauseCatalog catalog, List<PolicyProblem> problems) {
        SignatureCsv.Parsed signatures = SignatureCsv.parse(pack, catalog);
        ContentCategoriesReader.Parsed content = ContentCategoriesReader.read(catalog, pack);
        ReportTypesReader.Parsed reports = ReportTypesReader.read(catalog, pack);
        List<PolicyProblem> found = new ArrayList<>(signatures.problems());
        found.addAll(content.problems());
        found.addAll(reports.problems());
        problems.addAll(found);
        return new PolicyTables(signatures.table(), content.table(), reports.table());
    }

    /**
     * The clauses the rows of these tables cite, in catalog order, counting only the tables named
     * in {@code read}: a table that no rule reads with {@code @clauseFrom} enforces nothing.
     */
    public Set<String> clauseIds(Collection<String> read) {
        TreeSet<ClauseId> ids = new TreeSet<>();
        if (read.contains(SignatureTable.SOURCE)) {
            signatures.rows().forEach(r -> ids.add(ClauseId.of(r.clause())));
        }
        if (read.contains(ContentTable.SOURCE)) {
            content.rows().forEach(r -> ids.add(ClauseId.of(r.clause())));
        }
        if (read.contains(ReportTypeTable.SOURCE)) {
            reports.rows().forEach(r -> ids.add(ClauseId.of(r.clause())));
        }
        Set<String> out = new LinkedHashSet<>();
        ids.forEach(id -> out.add(id.value()));
        return out;
    }
}
