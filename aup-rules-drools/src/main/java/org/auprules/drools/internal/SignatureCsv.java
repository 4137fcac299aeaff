package org.auprules.drools.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.auprules.api.Certainty;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Severity;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.api.policy.Kind;
import org.auprules.drools.rules.CommandPattern;
import org.auprules.drools.rules.PortRange;
import org.auprules.drools.rules.Signature;
import org.auprules.drools.rules.SignatureKind;
import org.auprules.drools.rules.SignatureTable;
import org.auprules.internal.DidYouMean;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code signatures.csv}: a header {@code kind,pattern,clause,severity,certainty,description},
 * then one row per line; lines starting with {@code #} and blank lines are skipped. A field that
 * holds a comma or a quote is written in double quotes, with {@code ""} for a quote. Every bad
 * row is reported with its line and the column where the bad field starts; a table with an
 * error yields no rows at all.
 */
public final class SignatureCsv {

    /** The first line every {@code signatures.csv} has. */
    public static final String HEADER = "kind,pattern,clause,severity,certainty,description";

    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final String KINDS = String.join(
            ", ", Arrays.stream(SignatureKind.values()).map(Enum::name).toList());
    private static final String SEVERITIES = "LOW, MEDIUM, HIGH, CRITICAL";

    /**
     * The outcome of reading the table.
     *
     * @param table    the rows, or an empty table when there was an error
     * @param problems every error and warning, in line order
     */
    public record Parsed(SignatureTable table, List<PolicyProblem> problems) {}

    /**
     * One field of a line, with the 1-based column where it starts and the column of its first
     * character (one more for a quoted field).
     */
    private record Field(String value, int column, int textColumn) {
        Field(String value, int column) {
            this(value, column, column);
        }
    }

    private final ClauseCatalog catalog;
    private final List<PolicyProblem> problems = new ArrayList<>();
    private final List<Signature> rows = new ArrayList<>();
    private final Map<String, Integer> firstLineOf = new HashMap<>();

    private SignatureCsv(ClauseCatalog catalog) {
        this.catalog = catalog;
    }

    /** Reads the {@code signatures.csv} of a pack; a pack without one has an empty table. */
    public static Parsed parse(PackSource pack, ClauseCatalog catalog) {
        return pack.text(SignatureTable.SOURCE)
                .map(text -> parse(text, catalog))
                .orElseGet(() -> new Parsed(SignatureTable.empty(), List.of()));
    }

    /** Reads the text of a {@code signatures.csv}, checking clauses against the catalog. */
    public static Parsed parse(String text, ClauseCatalog catalog) {
        return new SignatureCsv(catalog).read(text);
    }

    private Parsed read(String text) {
        String[] lines = text.startsWith("\uFEFF") ? text.substring(1).split("\n", -1) : text.split("\n", -1);
        boolean headerSeen = false;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<Field> fields = split(line, lineNo);
            if (fields == null) {
                continue;
            }
            if (!headerSeen) {
                headerSeen = true;
                header(fields, line, lineNo);
                continue;
            }
            row(fields, lineNo);
        }
        if (!headerSeen) {
            error(1, 1, "missing header: the first line must be `" + HEADER + "`");
        }
        problems.sort(null);
        boolean failed = problems.stream().anyMatch(PolicyProblem::isError);
        return new Parsed(failed ? SignatureTable.empty() : SignatureTable.of(rows), List.copyOf(problems));
    }

    private void header(List<Field> fields, String line, int lineNo) {
        List<String> names =
                fields.stream().map(f -> f.value().toLowerCase(Locale.ROOT)).toList();
        if (!names.equals(COLUMNS)) {
            error(lineNo, 1, "expected the header `" + HEADER + "` as the first line, got `" + line.strip() + "`");
        }
    }

    private void row(List<Field> fields, int lineNo) {
        if (fields.size() != COLUMNS.size()) {
            int column =
                    fields.size() > COLUMNS.size() ? fields.get(COLUMNS.size()).column() : 1;
            error(
                    lineNo,
                    column,
                    "expected " + COLUMNS.size() + " fields (" + HEADER + "), got " + fields.size()
                            + (fields.size() > COLUMNS.size()
                                    ? "; put a field that holds a comma in double quotes"
                                    : ""));
            return;
        }
        int before = problems.size();
        SignatureKind kind = kind(fields.get(0), lineNo);
        String pattern = pattern(kind, fields.get(1), lineNo);
        String clause = clause(fields.get(2), lineNo);
        Severity severity = severity(fields.get(3), lineNo);
        Certainty certainty = certainty(fields.get(4), lineNo);
        Field description = fields.get(5);
        if (description.value().isEmpty()) {
            error(
                    lineNo,
                    description.column(),
                    "empty description: with the clause it makes the violation's rule id, "
                            + "as in `2.12 IRC server process`");
        }
        // each part that is null was reported as a problem above
        if (problems.size() > before
                || kind == null
                || pattern == null
                || clause == null
                || severity == null
                || certainty == null) {
            return;
        }
        Signature row = new Signature(kind, pattern, clause, severity, certainty, description.value(), lineNo);
        // option names keep their case in a command-line pattern: -l and -L are two options
        String key = kind + "\u0000" + (row.isCommandPattern() ? pattern : pattern.toLowerCase(Locale.ROOT)) + "\u0000"
                + clause;
        Integer first = firstLineOf.putIfAbsent(key, lineNo);
        if (first != null) {
            problems.add(PolicyProblem.warning(
                    SignatureTable.SOURCE,
                    lineNo,
                    1,
                    "duplicate of line " + first + ": the same kind, pattern and clause; remove one of them"));
        }
        rows.add(row);
    }

    private @Nullable SignatureKind kind(Field f, int lineNo) {
        try {
            return SignatureKind.valueOf(f.value().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names =
                    Arrays.stream(SignatureKind.values()).map(Enum::name).toList();
            error(
                    lineNo,
                    f.column(),
                    (f.value().isEmpty() ? "missing kind" : "unknown kind `" + f.value() + "`") + "; expected one of "
                            + KINDS + didYouMean(f.value(), names));
            return null;
        }
    }

    private @Nullable String pattern(@Nullable SignatureKind kind, Field f, int lineNo) {
        String pattern = f.value();
        boolean regex = pattern.startsWith(Signature.REGEX_PREFIX);
        if (pattern.isEmpty() || (regex && pattern.length() == Signature.REGEX_PREFIX.length())) {
            error(lineNo, f.column(), "empty pattern: write an exact name, or `re:` and a regular expression");
            return null;
        }
        if (CommandPattern.isCommandPattern(pattern)) {
            return commandPattern(kind, f, lineNo);
        }
        if (kind == SignatureKind.PORT) {
            try {
                PortRange.parse(pattern);
            } catch (IllegalArgumentException e) {
                error(
                        lineNo,
                        f.column(),
                        Objects.requireNonNullElse(e.getMessage(), "invalid port range `" + pattern + "`"));
                return null;
            }
            return pattern;
        }
        if (regex) {
            Pattern compiled;
            try {
                compiled = SignatureTable.regexOf(kind == null ? SignatureKind.PROCESS : kind, pattern);
            } catch (PatternSyntaxException e) {
                error(
                        lineNo,
                        f.column(),
                        "invalid regular expression `" + pattern.substring(Signature.REGEX_PREFIX.length()) + "`: "
                                + e.getDescription() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
                return null;
            }
            if (compiled.matcher("").find()) {
                error(
                        lineNo,
                        f.column(),
                        "regular expression `" + pattern.substring(Signature.REGEX_PREFIX.length())
                                + "` matches an empty text, so it would match every value");
                return null;
            }
        }
        return pattern;
    }

    /** A {@code program:}, {@code option:} or {@code argument:} pattern, which only a COMMAND_LINE row may have. */
    private @Nullable String commandPattern(@Nullable SignatureKind kind, Field f, int lineNo) {
        if (kind != null && kind != SignatureKind.COMMAND_LINE) {
            error(
                    lineNo,
                    f.column(),
                    "a `program:`, `option:` or `argument:` pattern belongs to a COMMAND_LINE row, not " + kind + "; a "
                            + kind + " row names what it matches, e.g. `xmrig`");
            return null;
        }
        try {
            CommandPattern.parse(f.value());
        } catch (CommandPattern.InvalidPatternException e) {
            error(lineNo, f.textColumn() + e.index(), Objects.requireNonNullElse(e.getMessage(), "invalid pattern"));
            return null;
        }
        return f.value();
    }

    private @Nullable String clause(Field f, int lineNo) {
        String id = f.value();
        if (id.isEmpty()) {
            error(lineNo, f.column(), "missing clause: expected the id of a PROHIBITION clause, such as `2.12`");
            return null;
        }
        Optional<Clause> clause = catalog.find(id);
        if (clause.isEmpty()) {
            List<String> ids =
                    catalog.prohibitions().stream().map(c -> c.id().value()).toList();
            error(lineNo, f.column(), "unknown clause `" + id + "`" + didYouMean(id, ids));
            return null;
        }
        if (clause.get().kind() != Kind.PROHIBITION) {
            error(
                    lineNo,
                    f.column(),
                    "clause `" + id + "` is " + clause.get().kind()
                            + ", not a PROHIBITION: a row can only cite a clause that can be broken");
            return null;
        }
        return id;
    }

    private @Nullable Severity severity(Field f, int lineNo) {
        Optional<Severity> s = Severity.parse(f.value());
        if (s.isEmpty()) {
            error(
                    lineNo,
                    f.column(),
                    (f.value().isEmpty() ? "missing severity" : "unknown severity `" + f.value() + "`")
                            + "; expected one of " + SEVERITIES);
        }
        return s.orElse(null);
    }

    private @Nullable Certainty certainty(Field f, int lineNo) {
        Optional<Certainty> c = Certainty.parse(f.value());
        if (c.isEmpty()) {
            error(
                    lineNo,
                    f.column(),
                    (f.value().isEmpty() ? "missing certainty" : "unknown certainty `" + f.value() + "`")
                            + "; expected CONFIRMED or SUSPECTED");
        }
        return c.orElse(null);
    }

    /** Splits a line into trimmed fields; {@code null}, with the error reported, when a quote is not closed. */
    private @Nullable List<Field> split(String line, int lineNo) {
        List<Field> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            i = skipBlanks(line, i);
            int column = i + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                int quote = i;
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"' && i + 1 < n && line.charAt(i + 1) == '"') {
                        value.append('"');
                        i += 2;
                    } else if (c == '"') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        value.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    error(
                            lineNo,
                            quote + 1,
                            "unterminated quoted field: a field that starts with `\"` must end with `\"`");
                    return null;
                }
                i = skipBlanks(line, i);
                if (i < n && line.charAt(i) != ',') {
                    error(lineNo, i + 1, "unexpected text after a quoted field: expected `,`");
                    return null;
                }
                fields.add(new Field(value.toString(), column, column + 1));
            } else {
                int end = line.indexOf(',', i);
                if (end < 0) {
                    end = n;
                }
                fields.add(new Field(line.substring(i, end).strip(), column));
                i = end;
            }
            if (i >= n) {
                return fields;
            }
            i++;
        }
    }

    private static int skipBlanks(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static String didYouMean(String wrong, List<String> known) {
        return wrong.isEmpty()
                ? ""
                : DidYouMean.suggest(wrong, known)
                        .map(s -> "; did you mean `" + s + "`?")
                        .orElse("");
    }

    private void error(int line, int column, String message) {
        problems.add(PolicyProblem.error(SignatureTable.SOURCE, line, column, message));
    }
}
