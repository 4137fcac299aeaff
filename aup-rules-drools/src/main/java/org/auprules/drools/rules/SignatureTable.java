package org.auprules.drools.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.auprules.api.Certainty;
import org.auprules.api.facts.HostedFile;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.Website;
import org.jspecify.annotations.Nullable;

/**
 * The rows of {@code signatures.csv}, indexed for matching. Before the rules fire, the evaluator
 * matches every process, file and website of an account against the table and inserts a
 * {@link SignatureMatch} fact per hit, which rules join on in working memory:
 *
 * <pre>
 * $p : HostedProcess()
 * $m : SignatureMatch( fact == $p, kind == SignatureKind.PROCESS, imitated == false, $s : signature )
 * </pre>
 *
 * A pack may still reach the table as the global {@code signatures} and join with {@code from}
 * ({@code SignatureMatch() from signatures.matchingProcessName($p)}); that runs the matching again
 * for every rule that asks, which is why the default pack does not.
 *
 * <p>A {@code re:} row's expression only runs on a value that contains the literals every match of
 * it needs ({@link RequiredLiterals}): most values contain none of them, and a substring search is
 * several times cheaper than a regular expression.
 *
 * Exact names compare without regard to case; a process name that only looks like one (the
 * confusable skeleton of Unicode TS #39) is a suspected match of its own
 * ({@link #matchingImitatedName}). Command-line rows written as {@link CommandPattern}s match at
 * the program, option or argument they name. Regular expressions ({@code re:…}) ignore case too
 * and may match anywhere in the value, unless anchored with {@code ^…$}. Immutable and shared by
 * every session on every thread.
 */
public final class SignatureTable {

    /** The file the table is read from, and the value of {@code @clauseFrom} for rules that use it. */
    public static final String SOURCE = "signatures.csv";

    private static final SignatureTable EMPTY = new SignatureTable(List.of());
    private static final int MATCHED_TEXT_LIMIT = 80;

    /**
     * A text row with its pattern compiled: a regular expression, its plain text in lower case,
     * and the literals any match of a {@code re:} row needs, so its expression only runs on a
     * value that contains them.
     */
    private record Compiled(Signature row, Pattern regex, String lowerText, RequiredLiterals gate) {

        /** Whether the expression is found in the value, given the value {@link RequiredLiterals#fold folded}. */
        boolean finds(String value, String folded) {
            return gate.allIn(folded) && regex.matcher(value).find();
        }
    }

    /** A {@link SignatureKind#COMMAND_LINE} row written as a program, option or argument pattern. */
    private record CommandRow(Signature row, CommandPattern pattern) {}

    /** A {@link SignatureKind#PORT} row with its inclusive range of ports. */
    private record PortRow(Signature row, int firstPort, int lastPort) {}

    private final List<Signature> rows;
    private final Map<String, List<Compiled>> exactProcessNames = new HashMap<>();
    private final List<Compiled> otherProcessNames = new ArrayList<>();
    private final List<Compiled> commandTexts = new ArrayList<>();
    private final List<Compiled> commandLines = new ArrayList<>();
    private final List<CommandRow> commandPatterns = new ArrayList<>();
    private final Map<String, List<Compiled>> processSkeletons = new HashMap<>();
    private final Map<String, List<Compiled>> exactFileSignatures = new HashMap<>();
    private final List<Compiled> otherFileSignatures = new ArrayList<>();
    private final List<Compiled> software = new ArrayList<>();
    private final List<PortRow> ports = new ArrayList<>();

    private SignatureTable(List<Signature> rows) {
        this.rows =
                rows.stream().sorted(Comparator.comparingInt(Signature::line)).toList();
        for (Signature row : this.rows) {
            index(row);
        }
    }

    /**
     * A table of these rows, kept in line order, with every pattern compiled once.
     *
     * @param rows the rows, in any order
     * @return the table; the shared empty table when there are no rows
     * @throws IllegalArgumentException when a row's pattern does not compile; the parser of
     *                                  {@code signatures.csv} reports those before they get here
     */
    public static SignatureTable of(List<Signature> rows) {
        Objects.requireNonNull(rows, "rows must not be null");
        return rows.isEmpty() ? EMPTY : new SignatureTable(rows);
    }

    /**
     * A table without rows, for a pack that has no {@code signatures.csv}.
     *
     * @return the empty table, which matches nothing
     */
    public static SignatureTable empty() {
        return EMPTY;
    }

    /**
     * The regular expression a row of this kind matches with: its own for {@code re:} patterns,
     * otherwise one built from the exact name (software may carry a version after the name,
     * command lines may hold the text anywhere).
     *
     * @param kind    what the row matches against
     * @param pattern the row's pattern as written
     * @return the expression, case-insensitive
     * @throws com.google.re2j.PatternSyntaxException when a {@code re:} pattern is not a valid regular expression
     * @throws IllegalArgumentException               for a {@link SignatureKind#PORT} row, which has no regular expression
     */
    public static Pattern regexOf(SignatureKind kind, String pattern) {
        if (kind == SignatureKind.PORT) {
            throw new IllegalArgumentException("a PORT row matches port numbers, not text");
        }
        if (pattern.startsWith(Signature.REGEX_PREFIX)) {
            return Pattern.compile(pattern.substring(Signature.REGEX_PREFIX.length()), Pattern.CASE_INSENSITIVE);
        }
        String quoted = Pattern.quote(pattern);
        return Pattern.compile(
                switch (kind) {
                    case COMMAND_LINE -> quoted;
                    case SOFTWARE -> "^" + quoted + "(?:\\s+v?\\d.*)?$";
                    default -> "^" + quoted + "$";
                },
                Pattern.CASE_INSENSITIVE);
    }

    private void index(Signature row) {
        if (row.kind() == SignatureKind.PORT) {
            int[] range = PortRange.parse(row.pattern());
            ports.add(new PortRow(row, range[0], range[1]));
            return;
        }
        if (row.isCommandPattern()) {
            commandPatterns.add(new CommandRow(row, CommandPattern.parse(row.pattern())));
            return;
        }
        Compiled c = new Compiled(
                row,
                regexOf(row.kind(), row.pattern()),
                row.pattern().toLowerCase(Locale.ROOT),
                row.isRegex()
                        ? RequiredLiterals.of(row.pattern().substring(Signature.REGEX_PREFIX.length()))
                        : RequiredLiterals.of(""));
        switch (row.kind()) {
            case PROCESS -> {
                addExactOrOther(c, exactProcessNames, otherProcessNames);
                if (!row.isRegex()) {
                    processSkeletons
                            .computeIfAbsent(Confusables.skeleton(row.pattern()), k -> new ArrayList<>())
                            .add(c);
                }
            }
            case FILE_SIGNATURE -> addExactOrOther(c, exactFileSignatures, otherFileSignatures);
            case COMMAND_LINE -> (c.row().isRegex() ? commandLines : commandTexts).add(c);
            case SOFTWARE -> software.add(c);
            default -> throw new IllegalStateException("unhandled kind " + row.kind());
        }
    }

    private static void addExactOrOther(Compiled c, Map<String, List<Compiled>> exact, List<Compiled> other) {
        if (c.row().isRegex()) {
            other.add(c);
        } else {
            exact.computeIfAbsent(c.row().pattern().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(c);
        }
    }

    /**
     * Every row, in line order.
     *
     * @return the rows, unmodifiable
     */
    public List<Signature> rows() {
        return rows;
    }

    /**
     * The {@link SignatureKind#PROCESS} rows that match the process's name or the program its
     * command line starts (argv[0]), each without its directory and the kernel's {@code (deleted)}
     * suffix: {@code /tmp/.x/xmrig (deleted)} matches the row {@code xmrig}, and so does a process
     * named {@code kworker} whose command line is {@code /tmp/xmrig -c x.json}.
     *
     * @param process a running process
     * @return the matches in line order, each quoting the name or program that matched; empty for
     *         a process with neither a name nor a command line
     */
    public List<SignatureMatch> matchingProcessName(HostedProcess process) {
        List<Name> names = namesOf(process);
        if (names.isEmpty()) {
            return List.of();
        }
        Map<Signature, SignatureMatch> out = new LinkedHashMap<>();
        for (Name name : names) {
            for (Compiled c : exactProcessNames.getOrDefault(name.base().toLowerCase(Locale.ROOT), List.of())) {
                out.putIfAbsent(c.row(), new SignatureMatch(c.row(), process, false, name.base(), name.program()));
            }
            String folded = otherProcessNames.isEmpty() ? "" : RequiredLiterals.fold(name.base());
            for (Compiled c : otherProcessNames) {
                if (c.finds(name.base(), folded)) {
                    out.putIfAbsent(c.row(), new SignatureMatch(c.row(), process, false, name.base(), name.program()));
                }
            }
        }
        return sorted(new ArrayList<>(out.values()));
    }

    /**
     * The exact {@link SignatureKind#PROCESS} rows whose name the process's name or program only
     * imitates: the two differ, but fold to the same confusable skeleton (Unicode TS #39), as
     * {@code xmrіg} with a Cyrillic {@code і} and {@code xrnrig} do with {@code xmrig}. Each match
     * carries the row as {@link Certainty#SUSPECTED}: a person should look.
     *
     * @param process a running process
     * @return the matches in line order, each quoting the imitating name; none for a row that
     *         {@link #matchingProcessName} already matches
     */
    public List<SignatureMatch> matchingImitatedName(HostedProcess process) {
        List<Name> names = namesOf(process);
        if (names.isEmpty() || processSkeletons.isEmpty()) {
            return List.of();
        }
        Map<Signature, SignatureMatch> out = new LinkedHashMap<>();
        for (Name name : names) {
            for (Compiled c : processSkeletons.getOrDefault(Confusables.skeleton(name.base()), List.of())) {
                if (names.stream()
                        .noneMatch(n -> n.base().equalsIgnoreCase(c.row().pattern()))) {
                    out.putIfAbsent(
                            c.row(),
                            new SignatureMatch(
                                    c.row().withCertainty(Certainty.SUSPECTED),
                                    process,
                                    true,
                                    name.base(),
                                    name.program()));
                }
            }
        }
        return sorted(new ArrayList<>(out.values()));
    }

    /** A name to match: its last part, and the program as written when it is argv[0] rather than the process's name. */
    private record Name(String base, @Nullable String program) {}

    /** The process's name and its program's, each without directory or {@code (deleted)}, once each. */
    private static List<Name> namesOf(HostedProcess process) {
        List<Name> names = new ArrayList<>(2);
        String name = process.name();
        if (name != null) {
            String base = CommandWords.baseName(name.strip());
            if (!base.isEmpty()) {
                names.add(new Name(base, null));
            }
        }
        String commandLine = process.commandLine();
        if (commandLine != null && !commandLine.isBlank()) {
            String program = firstWord(commandLine, name);
            String base = CommandWords.baseName(program);
            if (!base.isEmpty() && names.stream().noneMatch(n -> n.base().equalsIgnoreCase(base))) {
                names.add(new Name(base, program));
            }
        }
        return names;
    }

    /** argv[0]: the command line's first word, read with its quotes and, when the name tells, its blanks. */
    private static String firstWord(String commandLine, @Nullable String name) {
        String line = commandLine.strip();
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            char c = line.charAt(end);
            if (c == '"' || c == '\'' || c == '\\') {
                return CommandWords.of(line, name).program();
            }
            end++;
        }
        String first = line.substring(0, end);
        // the usual case needs no splitting: one word, or a first word that is the process itself
        if (end == line.length() || name == null || first.indexOf('/') < 0) {
            return first;
        }
        return CommandWords.of(line, name).program();
    }

    /**
     * The {@link SignatureKind#COMMAND_LINE} rows that match the process's command line: a
     * program, option or argument pattern ({@link CommandPattern}) at its place, text or a
     * regular expression anywhere.
     *
     * @param process a running process
     * @return the matches in line order, each quoting what matched: the row's text, the part of
     *         the command line its expression found, or the words its terms matched (cut to 80
     *         characters); empty for a process without a command line
     */
    public List<SignatureMatch> matchingCommandLine(HostedProcess process) {
        String commandLine = process.commandLine();
        if (commandLine == null
                || commandLine.isEmpty()
                || (commandTexts.isEmpty() && commandLines.isEmpty() && commandPatterns.isEmpty())) {
            return List.of();
        }
        List<SignatureMatch> out = new ArrayList<>(1);
        if (!commandTexts.isEmpty() || !commandPatterns.isEmpty()) {
            // every process has a command line, so this is hot: plain text needs no regular
            // expression, and a pattern's words are only split when its literal texts are there
            String lower = commandLine.toLowerCase(Locale.ROOT);
            for (Compiled c : commandTexts) {
                if (lower.contains(c.lowerText())) {
                    out.add(new SignatureMatch(c.row(), process, c.row().pattern()));
                }
            }
            CommandWords words = null;
            for (CommandRow c : commandPatterns) {
                if (!c.pattern().mayMatch(lower)) {
                    continue;
                }
                if (words == null) {
                    words = CommandWords.of(commandLine, process.name());
                }
                c.pattern().match(words).ifPresent(m -> out.add(new SignatureMatch(c.row(), process, shorten(m))));
            }
        }
        addRegexMatches(commandLines, process, commandLine, true, out);
        return sorted(out);
    }

    /**
     * The rows that name the process itself, by its name or by its command line. The port rule
     * asks it so that a process already caught as a program is not reported again for its port.
     *
     * @param process a running process
     * @return the matches of {@link #matchingProcessName}, {@link #matchingImitatedName} and
     *         {@link #matchingCommandLine}, in line order
     */
    public List<SignatureMatch> matchingProcess(HostedProcess process) {
        List<SignatureMatch> all = new ArrayList<>(matchingProcessName(process));
        all.addAll(matchingImitatedName(process));
        all.addAll(matchingCommandLine(process));
        return sorted(all);
    }

    /**
     * The {@link SignatureKind#PORT} rows that cover a port the process listens on.
     *
     * @param process a running process
     * @return one match per row, in line order, quoting the ports it covers: {@code port 6667} or
     *         {@code ports 6881, 6882}
     */
    public List<SignatureMatch> matchingPorts(HostedProcess process) {
        if (process.listeningPorts().isEmpty() || ports.isEmpty()) {
            return List.of();
        }
        List<SignatureMatch> out = new ArrayList<>(1);
        for (PortRow c : ports) {
            TreeSet<Integer> hits = new TreeSet<>();
            for (Integer port : process.listeningPorts()) {
                if (port != null && port >= c.firstPort() && port <= c.lastPort()) {
                    hits.add(port);
                }
            }
            if (!hits.isEmpty()) {
                StringJoiner list = new StringJoiner(", ", hits.size() == 1 ? "port " : "ports ", "");
                hits.forEach(port -> list.add(port.toString()));
                out.add(new SignatureMatch(c.row(), process, list.toString()));
            }
        }
        return out;
    }

    /**
     * The {@link SignatureKind#FILE_SIGNATURE} rows that match the name the malware scanner gave the file.
     *
     * @param file a hosted file
     * @return the matches in line order, each quoting the scanner's name; empty for a file the
     *         scanner did not flag
     */
    public List<SignatureMatch> matchingScannerSignature(HostedFile file) {
        String found = file.scannerSignature();
        if (found == null || found.isEmpty()) {
            return List.of();
        }
        List<SignatureMatch> out = new ArrayList<>(1);
        for (Compiled c : exactFileSignatures.getOrDefault(found.toLowerCase(Locale.ROOT), List.of())) {
            out.add(new SignatureMatch(c.row(), file, found));
        }
        addRegexMatches(otherFileSignatures, file, found, false, out);
        return sorted(out);
    }

    /**
     * The {@link SignatureKind#SOFTWARE} rows that match an installed-software entry of a website:
     * the row {@code Revive Adserver} matches {@code Revive Adserver 5.4} and {@code revive adserver
     * v5}, not {@code Revive Adserver Fork}.
     *
     * @param site a website
     * @return the matches, entry by entry and in line order within an entry, each quoting the entry
     */
    public List<SignatureMatch> matchingSoftware(Website site) {
        if (site.installedSoftware().isEmpty() || software.isEmpty()) {
            return List.of();
        }
        List<SignatureMatch> out = new ArrayList<>(1);
        for (String installed : site.installedSoftware()) {
            if (installed == null || installed.isEmpty()) {
                continue;
            }
            String folded = RequiredLiterals.fold(installed);
            for (Compiled c : software) {
                if (c.row().isRegex()
                        ? c.finds(installed, folded)
                        : isNameWithVersion(installed, c.row().pattern())) {
                    out.add(new SignatureMatch(c.row(), site, installed));
                }
            }
        }
        return out;
    }

    /** {@code Revive Adserver}, {@code Revive Adserver 5.4} or {@code revive adserver v5}, but not {@code Revive Adserver Fork}. */
    private static boolean isNameWithVersion(String installed, String name) {
        if (!installed.regionMatches(true, 0, name, 0, name.length())) {
            return false;
        }
        int i = name.length();
        if (i == installed.length()) {
            return true;
        }
        if (!Character.isWhitespace(installed.charAt(i))) {
            return false;
        }
        while (i < installed.length() && Character.isWhitespace(installed.charAt(i))) {
            i++;
        }
        if (i < installed.length() && (installed.charAt(i) == 'v' || installed.charAt(i) == 'V')) {
            i++;
        }
        return i < installed.length() && Character.isDigit(installed.charAt(i));
    }

    /**
     * Adds the rows whose expression is found in the value. A message quotes the part that matched
     * when the value is long (a command line), and the whole value when it is a name.
     */
    private static void addRegexMatches(
            List<Compiled> candidates,
            org.auprules.api.facts.AccountFact fact,
            String value,
            boolean quotePart,
            List<SignatureMatch> out) {
        if (candidates.isEmpty()) {
            return;
        }
        String folded = RequiredLiterals.fold(value);
        for (Compiled c : candidates) {
            if (!c.gate().allIn(folded)) {
                continue; // a literal every match needs is not there: the expression cannot match
            }
            Matcher m = c.regex().matcher(value);
            if (m.find()) {
                out.add(new SignatureMatch(
                        c.row(), fact, quotePart ? shorten(m.group().strip()) : value));
            }
        }
    }

    private static String shorten(String text) {
        return text.length() <= MATCHED_TEXT_LIMIT ? text : text.substring(0, MATCHED_TEXT_LIMIT - 1) + "…";
    }

    private static List<SignatureMatch> sorted(List<SignatureMatch> matches) {
        if (matches.size() > 1) {
            matches.sort(Comparator.comparingInt(m -> m.signature().line()));
        }
        return matches;
    }

    /** {@code signatures.csv (N rows)}, for logs and failed assertions. */
    @Override
    public String toString() {
        return SOURCE + " (" + rows.size() + " rows)";
    }
}
