package org.auprules.drools.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.auprules.api.facts.ReportType;
import org.jspecify.annotations.Nullable;

/**
 * The {@code reportTypes} table of {@code policy.json}: which clause a verified abuse report of
 * each type proves broken. Rules reach it as the global {@code reportTypes}:
 *
 * <pre>
 * $r : AbuseReport( verified == true, type != null )
 * $row : ReportTypeRow() from reportTypes.rowsFor($r.type())
 * </pre>
 *
 * Immutable and shared by every session on every thread.
 */
public final class ReportTypeTable {

    /** Where the table lives, and the value of {@code @clauseFrom} for rules that use it. */
    public static final String SOURCE = "policy.json#reportTypes";

    private static final ReportTypeTable EMPTY = new ReportTypeTable(List.of());

    private final List<ReportTypeRow> rows;
    private final Map<ReportType, List<ReportTypeRow>> byType = new EnumMap<>(ReportType.class);

    private ReportTypeTable(List<ReportTypeRow> rows) {
        this.rows = rows.stream()
                .sorted(Comparator.comparingInt(ReportTypeRow::line))
                .toList();
        for (ReportTypeRow row : this.rows) {
            byType.computeIfAbsent(row.type(), t -> new ArrayList<>()).add(row);
        }
        byType.replaceAll((t, list) -> List.copyOf(list));
    }

    /**
     * A table of these rows, kept in the order of their lines in {@code policy.json}.
     *
     * @param rows the rows, in any order
     * @return the table; the shared empty table when there are no rows
     */
    public static ReportTypeTable of(List<ReportTypeRow> rows) {
        Objects.requireNonNull(rows, "rows must not be null");
        return rows.isEmpty() ? EMPTY : new ReportTypeTable(rows);
    }

    /**
     * A table without rows, for a pack whose {@code policy.json} has no {@code reportTypes}.
     *
     * @return the empty table, on which every {@code rowsFor} is empty
     */
    public static ReportTypeTable empty() {
        return EMPTY;
    }

    /**
     * Every row, in the order of {@code policy.json}.
     *
     * @return the rows, unmodifiable
     */
    public List<ReportTypeRow> rows() {
        return rows;
    }

    /**
     * The rows of one report type, in table order.
     *
     * @param type the report's type, or {@code null}
     * @return the rows; empty for a type the table does not map
     */
    public List<ReportTypeRow> rowsFor(@Nullable ReportType type) {
        return type == null ? List.of() : byType.getOrDefault(type, List.of());
    }

    /** {@code policy.json#reportTypes (N rows)}, for logs and failed assertions. */
    @Override
    public String toString() {
        return SOURCE + " (" + rows.size() + " rows)";
    }
}
