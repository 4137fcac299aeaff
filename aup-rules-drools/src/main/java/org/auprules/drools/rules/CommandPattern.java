package org.auprules.drools.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SignatureKind#COMMAND_LINE} pattern anchored to the place of a command line that
 * carries it, so that text which only mentions a tool ({@code grep -r stratum+tcp:// .},
 * {@code man nmap}) does not match. It is one or more terms separated by blanks, all of which
 * must hold:
 *
 * <ul>
 *   <li>{@code program:xmrig|xmr-stak}: the program (argv[0]) is one of these names, without its
 *       directory; when the program is an interpreter ({@code python3}, {@code node}, {@code perl},
 *       …) the script it runs counts too, with or without its extension ({@code python3
 *       /opt/miniircd/miniircd.py} is {@code miniircd});</li>
 *   <li>{@code option:-o|--url}: one of these options is given ({@code -o x}, {@code --url=x},
 *       or a one-letter option with its value attached, {@code -ox}); with {@code =} and a value
 *       ({@code option:--algo=rx/0}), the option's value must also be that value;</li>
 *   <li>{@code argument:file.torrent}: some word after the program is that value.</li>
 * </ul>
 *
 * Options and arguments of the system's text programs ({@code grep}, {@code echo}, {@code man},
 * {@code vim}, {@code apt-get}, … named bare or from {@code /usr/bin} and the like) are text, not
 * a tool's: {@code grep -e --donate-level} matches no {@code option:--donate-level}.
 *
 * A value, or a program name, is an exact text in any case ({@code a|b} for either), {@code re:}
 * and a regular expression found in it (any case, {@code (?-i:…)} where case matters), or, for an
 * option's value, {@code host:} and host names ({@code host:pool.example|pool.test}): the value is
 * a URL or {@code host:port} whose host is one of them or a subdomain of one. Option names compare
 * with case ({@code -l} is not {@code -L}). A term cannot hold a blank: write {@code \s} in a
 * regular expression. Immutable.
 */
public final class CommandPattern {

    /** Starts a term that names the program. */
    public static final String PROGRAM = "program:";
    /** Starts a term that names options. */
    public static final String OPTION = "option:";
    /** Starts a term that names a word of the command line. */
    public static final String ARGUMENT = "argument:";
    /** Starts a value that lists host names. */
    public static final String HOST = "host:";

    private static final List<String> TERMS = List.of(PROGRAM, OPTION, ARGUMENT);
    private static final Pattern SCRIPT_EXTENSION =
            Pattern.compile("\\.(py|pyc|pl|pm|js|mjs|cjs|rb|php|sh|bash|jar|lua|tcl)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL_SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://", Pattern.CASE_INSENSITIVE);

    /**
     * Why a pattern cannot be used, and where in it the problem starts.
     */
    public static final class InvalidPatternException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** The 0-based index in the pattern where the bad term or value starts. */
        private final int index;

        InvalidPatternException(String message, int index) {
            super(message);
            this.index = index;
        }

        /**
         * Where the problem starts.
         *
         * @return the 0-based index in the pattern
         */
        public int index() {
            return index;
        }
    }

    /** How a value is compared: exact texts, a regular expression, or host names. */
    private record Value(List<String> exact, @Nullable Pattern regex, List<String> hosts) {

        boolean matches(String value) {
            if (regex != null) {
                return regex.matcher(value).find();
            }
            if (!hosts.isEmpty()) {
                String host = hostOf(value);
                for (String h : hosts) {
                    if (host.equals(h) || host.endsWith("." + h)) {
                        return true;
                    }
                }
                return false;
            }
            for (String e : exact) {
                if (e.equalsIgnoreCase(value)) {
                    return true;
                }
            }
            return false;
        }

        /** Lower-case texts one of which a command line holds whenever the value matches; empty when unknown. */
        List<String> literals() {
            return regex != null ? List.of() : hosts.isEmpty() ? exact : hosts;
        }
    }

    /** One term: what it looks at, the option names for an option term, and the value. */
    private record Term(
            String kind, List<String> names, @Nullable Value value) {}

    private final String pattern;
    private final List<Term> terms;
    /** Whether a term reads options or arguments, which a text program ({@code grep}, {@code echo}) only shows. */
    private final boolean readsArguments;
    /** Each term's literal texts, in lower case; empty for a term that has none (a regular expression). */
    private final List<List<String>> termLiterals;

    private CommandPattern(String pattern, List<Term> terms) {
        this.pattern = pattern;
        this.terms = terms;
        this.readsArguments = terms.stream().anyMatch(t -> !t.kind().equals(PROGRAM));
        this.termLiterals = terms.stream().map(CommandPattern::literals).toList();
    }

    /**
     * Whether a pattern is written in this form rather than as text found anywhere: it starts with
     * {@value #PROGRAM}, {@value #OPTION} or {@value #ARGUMENT}.
     *
     * @param pattern a pattern of {@code signatures.csv}
     * @return whether {@link #parse} reads it
     */
    public static boolean isCommandPattern(String pattern) {
        for (String t : TERMS) {
            if (pattern.startsWith(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads a pattern.
     *
     * @param pattern the pattern as written, e.g. {@code program:hydra option:-l|-L|-C}
     * @return the pattern, ready to match
     * @throws InvalidPatternException when a term is unknown or empty, an option name does not
     *                                 start with {@code -}, or a regular expression does not compile
     *                                 or matches an empty text
     */
    public static CommandPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern must not be null");
        List<Term> terms = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            if (pattern.charAt(i) == ' ') {
                i++;
                continue;
            }
            int end = pattern.indexOf(' ', i);
            if (end < 0) {
                end = pattern.length();
            }
            terms.add(term(pattern.substring(i, end), i));
            i = end;
        }
        if (terms.isEmpty()) {
            throw new InvalidPatternException("empty pattern", 0);
        }
        return new CommandPattern(pattern, List.copyOf(terms));
    }

    private static Term term(String text, int at) {
        String kind = TERMS.stream().filter(text::startsWith).findFirst().orElse(null);
        if (kind == null) {
            throw new InvalidPatternException(
                    "expected a term `program:…`, `option:…` or `argument:…`, got `" + text
                            + "`; terms are separated by blanks, so write `\\s` for a blank in a regular expression",
                    at);
        }
        String body = text.substring(kind.length());
        int bodyAt = at + kind.length();
        if (body.isEmpty()) {
            throw new InvalidPatternException("empty `" + kind + "` term: write what it must match", at);
        }
        if (kind.equals(OPTION)) {
            int eq = body.indexOf('=');
            String names = eq < 0 ? body : body.substring(0, eq);
            List<String> list = Arrays.asList(names.split("\\|", -1));
            int nameAt = bodyAt;
            for (String name : list) {
                if (name.length() < 2 || !(name.startsWith("-") || name.startsWith("+"))) {
                    throw new InvalidPatternException(
                            "option `" + name + "` must start with `-`, as in `-o` or `--url`", nameAt);
                }
                nameAt += name.length() + 1;
            }
            Value value = eq < 0 ? null : value(body.substring(eq + 1), bodyAt + eq + 1, true);
            return new Term(kind, List.copyOf(list), value);
        }
        return new Term(kind, List.of(), value(body, bodyAt, false));
    }

    private static Value value(String text, int at, boolean hostsAllowed) {
        if (text.isEmpty()) {
            throw new InvalidPatternException("empty value after `=`: write the value, or leave out `=`", at);
        }
        if (text.startsWith(Signature.REGEX_PREFIX)) {
            String expression = text.substring(Signature.REGEX_PREFIX.length());
            Pattern regex;
            try {
                regex = Pattern.compile(expression, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new InvalidPatternException(
                        "invalid regular expression `" + expression + "`: " + e.getDescription()
                                + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""),
                        at);
            }
            if (regex.matcher("").find()) {
                throw new InvalidPatternException(
                        "regular expression `" + expression + "` matches an empty text, so it would match every value",
                        at);
            }
            return new Value(List.of(), regex, List.of());
        }
        if (hostsAllowed && text.startsWith(HOST)) {
            List<String> hosts = alternatives(text.substring(HOST.length()), at + HOST.length());
            return new Value(List.of(), null, hosts);
        }
        return new Value(alternatives(text, at), null, List.of());
    }

    private static List<String> alternatives(String text, int at) {
        List<String> out = new ArrayList<>();
        int pos = at;
        for (String a : text.split("\\|", -1)) {
            if (a.isEmpty()) {
                throw new InvalidPatternException("empty alternative: write a name on each side of `|`", pos);
            }
            out.add(a.toLowerCase(Locale.ROOT));
            pos += a.length() + 1;
        }
        return List.copyOf(out);
    }

    /**
     * The pattern as written.
     *
     * @return the pattern
     */
    public String pattern() {
        return pattern;
    }

    /**
     * A quick test before the words of a command line are looked at: {@code false} when the
     * command line cannot match because it lacks every literal text of some term.
     *
     * @param lowerCommandLine the command line in lower case
     * @return whether {@link #match} may find something
     */
    public boolean mayMatch(String lowerCommandLine) {
        for (List<String> literals : termLiterals) {
            if (literals.isEmpty()) {
                continue;
            }
            boolean any = false;
            for (String l : literals) {
                if (lowerCommandLine.contains(l)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /**
     * The literal texts of the pattern's terms, in lower case: program names, option names and
     * exact values. A command line that only names the tool holds one of them.
     *
     * @return the texts, in the order written
     */
    public List<String> literals() {
        List<String> out = new ArrayList<>();
        termLiterals.forEach(out::addAll);
        return List.copyOf(out);
    }

    private static List<String> literals(Term t) {
        if (t.kind().equals(OPTION)) {
            List<String> names = new ArrayList<>();
            for (String n : t.names()) {
                names.add(n.toLowerCase(Locale.ROOT));
            }
            return List.copyOf(names);
        }
        return Objects.requireNonNull(t.value()).literals();
    }

    /**
     * Matches the words of a command line.
     *
     * @param words the command line's words
     * @return what matched, for a message: each term's words, joined by a blank; empty when some
     *         term does not hold
     */
    Optional<String> match(CommandWords words) {
        if (readsArguments && words.showsText()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>(terms.size());
        for (Term t : terms) {
            String found =
                    switch (t.kind()) {
                        case PROGRAM -> program(t, words);
                        case OPTION -> option(t, words);
                        default -> argument(t, words);
                    };
            if (found == null) {
                return Optional.empty();
            }
            parts.add(found);
        }
        return Optional.of(String.join(" ", parts));
    }

    private static @Nullable String program(Term t, CommandWords words) {
        Value v = Objects.requireNonNull(t.value());
        String program = words.program();
        if (!program.isEmpty() && isProgram(v, program)) {
            return program;
        }
        int script = words.scriptIndex();
        if (script > 0 && isProgram(v, words.words().get(script))) {
            return String.join(" ", words.words().subList(0, script + 1));
        }
        return null;
    }

    private static boolean isProgram(Value v, String path) {
        String base = CommandWords.baseName(path);
        if (v.matches(base)) {
            return true;
        }
        String bare = SCRIPT_EXTENSION.matcher(base).replaceFirst("");
        return !bare.equals(base) && !bare.isEmpty() && v.matches(bare);
    }

    private static @Nullable String option(Term t, CommandWords words) {
        List<String> w = words.words();
        for (int i = 1; i < w.size(); i++) {
            String word = w.get(i);
            if (word.equals("--")) {
                return null;
            }
            for (String name : t.names()) {
                String value;
                String shown;
                if (word.equals(name)) {
                    value = i + 1 < w.size() ? w.get(i + 1) : null;
                    shown = value == null ? word : word + " " + value;
                } else if (word.startsWith(name + "=")) {
                    value = word.substring(name.length() + 1);
                    shown = word;
                } else if (name.length() == 2
                        && name.charAt(1) != '-'
                        && word.length() > 2
                        && word.startsWith(name)
                        && word.charAt(1) != '-') {
                    value = word.substring(2);
                    shown = word;
                } else {
                    continue;
                }
                if (t.value() == null) {
                    return word;
                }
                if (value != null && t.value().matches(value)) {
                    return shown;
                }
            }
        }
        return null;
    }

    private static @Nullable String argument(Term t, CommandWords words) {
        Value v = Objects.requireNonNull(t.value());
        List<String> w = words.words();
        for (int i = 1; i < w.size(); i++) {
            if (v.matches(w.get(i))) {
                return w.get(i);
            }
        }
        return null;
    }

    /** The host of a URL or {@code host:port}, in lower case: {@code stratum+tcp://user@Pool.Example:3333/x} is {@code pool.example}. */
    private static String hostOf(String value) {
        String v = URL_SCHEME.matcher(value).replaceFirst("");
        int at = v.lastIndexOf('@', firstOf(v, '/'));
        if (at >= 0) {
            v = v.substring(at + 1);
        }
        int end = Math.min(firstOf(v, ':'), firstOf(v, '/'));
        String host = v.substring(0, end).toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static int firstOf(String s, char c) {
        int i = s.indexOf(c);
        return i < 0 ? s.length() : i;
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return pattern;
    }
}
