package org.auprules.drools.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.auprules.api.facts.ContentCategory;

/**
 * The {@code contentCategories} table of {@code policy.json}: which clauses each classifier
 * category breaks. Rules reach it as the global {@code contentTable}:
 *
 * <pre>
 * $w : Website( categories.size() &gt; 0 )
 * $row : CategoryRow() from contentTable.rowsFor($w.categories())
 * </pre>
 *
 * Immutable and shared by every session on every thread.
 */
public final class ContentTable {

    /** Where the table lives, and the value of {@code @clauseFrom} for rules that use it. */
    public static final String SOURCE = "policy.json#contentCategories";

    private static final ContentTable EMPTY = new ContentTable(List.of());

    private final List<CategoryRow> rows;
    private final Map<ContentCategory, List<CategoryRow>> byCategory = new EnumMap<>(ContentCategory.class);

    private ContentTable(List<CategoryRow> rows) {
        this.rows =
                rows.stream().sorted(Comparator.comparingInt(CategoryRow::line)).toList();
        for (CategoryRow row : this.rows) {
            byCategory.computeIfAbsent(row.category(), c -> new ArrayList<>()).add(row);
        }
        byCategory.replaceAll((c, list) -> List.copyOf(list));
    }

    /**
     * A table of these rows, kept in the order of their lines in {@code policy.json}.
     *
     * @param rows the rows, in any order
     * @return the table; the shared empty table when there are no rows
     */
    public static ContentTable of(List<CategoryRow> rows) {
        Objects.requireNonNull(rows, "rows must not be null");
        return rows.isEmpty() ? EMPTY : new ContentTable(rows);
    }

    /**
     * A table without rows, for a pack whose {@code policy.json} has no {@code contentCategories}.
     *
     * @return the empty table, on which every {@code rowsFor} is empty
     */
    public static ContentTable empty() {
        return EMPTY;
    }

    /**
     * Every row, in the order of {@code policy.json}.
     *
     * @return the rows, unmodifiable
     */
    public List<CategoryRow> rows() {
        return rows;
    }

    /**
     * The rows of one category, in table order.
     *
     * @param category a category the classifier gave a site or file
     * @return its rows; empty for a category the table does not map
     */
    public List<CategoryRow> rowsFor(ContentCategory category) {
        return byCategory.getOrDefault(category, List.of());
    }

    /**
     * The rows of every given category, in table order, each once: what a site or file with
     * several categories breaks, as in {@code from contentTable.rowsFor($w.categories())}.
     *
     * @param categories the categories of one site or file
     * @return their rows; empty when none is mapped
     */
    public List<CategoryRow> rowsFor(Collection<ContentCategory> categories) {
        if (categories.isEmpty()) {
            return List.of();
        }
        if (categories.size() == 1) {
            return rowsFor(categories.iterator().next());
        }
        return categories.stream()
                .distinct()
                .flatMap(c -> rowsFor(c).stream())
                .sorted(Comparator.comparingInt(CategoryRow::line))
                .toList();
    }

    /** {@code policy.json#contentCategories (N rows)}, for logs and failed assertions. */
    @Override
    public String toString() {
        return SOURCE + " (" + rows.size() + " rows)";
    }
}
