package org.auprules.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.auprules.api.policy.Category;

/**
 * Counts over one evaluation.
 *
 * @param accounts   how many accounts were evaluated
 * @param violations how many violations were found
 * @param bySeverity violations per severity, only those that occur, in severity order
 * @param byCategory violations per category, only those that occur, in category order
 * @param suppressed how many violations waivers set apart; they are not in {@code violations} nor in the maps
 */
public record Summary(
        int accounts,
        int violations,
        Map<Severity, Integer> bySeverity,
        Map<Category, Integer> byCategory,
        int suppressed) {

    /**
     * Counts with nothing suppressed.
     *
     * @param accounts   how many accounts were evaluated
     * @param violations how many violations were found
     * @param bySeverity violations per severity
     * @param byCategory violations per category
     */
    public Summary(int accounts, int violations, Map<Severity, Integer> bySeverity, Map<Category, Integer> byCategory) {
        this(accounts, violations, bySeverity, byCategory, 0);
    }

    /**
     *
     * Copies both maps, in severity and category order.
     *
     *
     *
     * @param accounts how many accounts were evaluated
     *
     * @param violations how many violations were found
     *
     * @param bySeverity violations per severity, only those that occur, in severity order
     *
     * @param byCategory violations per category, only those that occur, in category order
     *
     * @param suppressed how many violations waivers set apart
     *
     */
    public Summary {
        bySeverity = Collections.unmodifiableMap(new TreeMap<>(bySeverity));
        byCategory = Collections.unmodifiableMap(new TreeMap<>(byCategory));
    }

    /**
     * {@return the summary of these violations over this many accounts}
     *
     * @param accounts how many accounts were evaluated
     * @param violations the violations found
     */
    public static Summary of(int accounts, List<Violation> violations) {
        return of(accounts, violations, 0);
    }

    /**
     * {@return the summary of these violations over this many accounts, with this many suppressed}
     *
     * @param accounts   how many accounts were evaluated
     * @param violations the violations found, not suppressed
     * @param suppressed how many violations waivers set apart
     */
    public static Summary of(int accounts, List<Violation> violations, int suppressed) {
        Map<Severity, Integer> bySeverity = new TreeMap<>();
        Map<Category, Integer> byCategory = new TreeMap<>();
        for (Violation v : violations) {
            bySeverity.merge(v.severity(), 1, Integer::sum);
            byCategory.merge(v.category(), 1, Integer::sum);
        }
        return new Summary(accounts, violations.size(), bySeverity, byCategory, suppressed);
    }
}
