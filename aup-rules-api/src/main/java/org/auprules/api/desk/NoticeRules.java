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

    /**
     * Copies the maps.
     *
     * @param visibleFields per fact type, the fields a customer may see
     * @param bySeverity    how long the customer has, per severity
     * @param byClause      how long the customer has, per clause or section id
     * @param remedies      what the customer must do, per clause or section id
     * @param textTemplate  the plain-text template's source
     * @param htmlTemplate  the HTML template's source
     */
    public NoticeRules {
        visibleFields = Map.copyOf(visibleFields);
        bySeverity = Map.copyOf(bySeverity);
        byClause = Map.copyOf(byClause);
        remedies = Map.copyOf(remedies);
    }

    /**
     * The entry of {@code map} whose id is the clause or its longest enclosing section.
     *
     * @param <T>    the values of the map
     * @param map    values by clause or section id
     * @param clause a clause id
     * @return the value of the longest id that is the clause or encloses it, if any
     */
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

    /**
     * How long the customer has to act.
     *
     * @param clause   the clause violated
     * @param severity the violation's severity
     * @return the clause's (or its section's) deadline, else the severity's
     */
    public Duration deadline(String clause, Severity severity) {
        return forClause(byClause, clause).orElseGet(() -> bySeverity.get(severity));
    }

    /**
     * What the customer must do.
     *
     * @param clause the clause violated
     * @return the clause's (or its section's) remedy, else the default one
     */
    public String remedy(String clause) {
        return forClause(remedies, clause).orElseGet(() -> remedies.get(DEFAULT_REMEDY));
    }
}
