package org.auprules.drools.internal;

import java.util.List;
import java.util.function.Consumer;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.HostedFile;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.Website;
import org.auprules.drools.rules.CategoryMatch;
import org.auprules.drools.rules.CategoryRow;
import org.auprules.drools.rules.ContentTable;
import org.auprules.drools.rules.SignatureMatch;
import org.auprules.drools.rules.SignatureTable;

/**
 * The table joins of an account, computed in Java before its rules fire: every
 * {@link SignatureMatch} of its processes, files and websites against {@code signatures.csv}, and
 * every {@link CategoryMatch} of its sites and files against {@code policy.json#contentCategories}.
 * Only hits are handed on, so an account that matches no row adds nothing to its session, where a
 * rule that joins with {@code from} would run the matching once per fact and rule.
 */
public final class TableMatches {

    private TableMatches() {}

    /**
     * Hands every signature match of the facts to {@code sink}, fact by fact.
     *
     * @param facts      one account's facts
     * @param signatures the pack's table
     * @param sink       where each match goes, usually a session's {@code insert}
     */
    public static void signatureMatches(
            List<? extends AccountFact> facts, SignatureTable signatures, Consumer<Object> sink) {
        if (signatures.rows().isEmpty()) {
            return;
        }
        for (AccountFact fact : facts) {
            if (fact instanceof HostedProcess p) {
                signatures.matchingProcessName(p).forEach(sink);
                signatures.matchingImitatedName(p).forEach(sink);
                signatures.matchingCommandLine(p).forEach(sink);
                signatures.matchingPorts(p).forEach(sink);
            } else if (fact instanceof HostedFile f) {
                signatures.matchingScannerSignature(f).forEach(sink);
            } else if (fact instanceof Website w) {
                signatures.matchingSoftware(w).forEach(sink);
            }
        }
    }

    /**
     * Hands a {@link CategoryMatch} for every row of every category of the facts' sites and files
     * to {@code sink}.
     *
     * @param facts one account's facts
     * @param table the pack's table
     * @param sink  where each match goes
     */
    public static void categoryMatches(List<? extends AccountFact> facts, ContentTable table, Consumer<Object> sink) {
        if (table.rows().isEmpty()) {
            return;
        }
        for (AccountFact fact : facts) {
            if (fact instanceof Website w && !w.categories().isEmpty()) {
                for (CategoryRow row : table.rowsFor(w.categories())) {
                    sink.accept(new CategoryMatch(row, w));
                }
            } else if (fact instanceof HostedFile f && !f.categories().isEmpty()) {
                for (CategoryRow row : table.rowsFor(f.categories())) {
                    sink.accept(new CategoryMatch(row, f));
                }
            }
        }
    }
}
