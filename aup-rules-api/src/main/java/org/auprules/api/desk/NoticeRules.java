package org.auprules.api.desk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.auprules.api.Severity;

/**
 * What a pack says about customer notices (its {@code notices/masking.json} and templates).
 *
 * @param visibleFields per fact type, the fields a customer may see (in file order); a type not
 *                      listed shows none
 * @param bySeverity    how long the customer has, per severity (every severity is there)
 * @param byClause      how long the customer has, per clause or section id; the longest
 *                      matching id wins over the severity's
 * @param remedies      what the customer must do, per clause or section id, and
 *                      {@value #DEFAULT_REMEDY}
 * @param textTemplate  the plain-text template's source
 * @param htmlTemplate  the HTML template's source
 */
public record NoticeRules(
        Map<String, List<String>> visibleFields,
        Map<Severity, Duration> bySeverity,
        Map<String, Duration> byClause,
        Map<String, String> remedies,
        String textTemplate,
        String htmlTemplate) {

    /** The key of {@code remedies} that applies when no clause or section key does. */
    public static final String DEFAULT_REMEDY = "default";

    /** Copies the maps. */
    public NoticeRules {
        visibleFields = Map.copyOf(visibleFields);
        bySeverity = Map.copyOf(bySeverity);
        byClause = Map.copyOf(byClause);
        remedies = Map.copyOf(remedies);
    }

    /** {@return the entry of {@code map} whose id is the clause or its longest enclosing section, if any} */
    public static <T> Optional<T> forClause(Map<String, T> map, String clause) {
        String best = null;
        for (String id : map.keySet()) {
            boolean within = id.equals(clause) || clause.startsWith(id + ".");
            if (within && (best == null || id.length() > best.length())) {
                best = id;
            }
        }
        return best == null ? Optional.empty() : Optional.of(map.get(best));
    }

    /** {@return how long the customer has to act on a violation of this clause and severity} */
    public Duration deadline(String clause, Severity severity) {
        return forClause(byClause, clause).orElseGet(() -> bySeverity.get(severity));
    }

    /** {@return what the customer must do about a violation of this clause} */
    public String remedy(String clause) {
        return forClause(remedies, clause).orElseGet(() -> remedies.get(DEFAULT_REMEDY));
    }
}
