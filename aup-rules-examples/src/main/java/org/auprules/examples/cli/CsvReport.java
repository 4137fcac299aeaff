package org.auprules.examples.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Violation;

/**
 * The violations as comma-separated values (RFC 4180) for spreadsheets: a header row, then one
 * row per violation, lines ending in CRLF, a field quoted when it holds a comma, a quote or a
 * line break, its quotes doubled.
 */
final class CsvReport {

    static final List<String> HEADER =
            List.of("account", "clause", "severity", "certainty", "rule", "message", "evidence");

    private CsvReport() {}

    static String render(EvaluationResult r) {
        StringBuilder sb = new StringBuilder();
        row(sb, HEADER);
        for (Violation v : r.violations()) {
            row(
                    sb,
                    List.of(
                            v.accountId(),
                            v.clauseId(),
                            v.severity().name(),
                            v.certainty().name(),
                            v.ruleId(),
                            v.message(),
                            v.evidence().stream()
                                    .map(e -> e.type() + ":" + e.id())
                                    .collect(Collectors.joining(" "))));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> fields) {
        sb.append(fields.stream().map(CsvReport::field).collect(Collectors.joining(",")))
                .append("\r\n");
    }

    /** One field, quoted when RFC 4180 requires it. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
