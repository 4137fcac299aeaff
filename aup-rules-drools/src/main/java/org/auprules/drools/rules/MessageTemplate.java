package org.auprules.drools.rules;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code @message} of a rule: text with placeholders that name the rule's bindings, parsed once
 * per compiled policy and rendered on every firing from the values the rule matched.
 *
 * <pre>
 * &#64;message("{$p} has used {$p.cpuPercent}% CPU[ on plan `{$t.plan}`]; it is {$s.description:a}")
 * </pre>
 *
 * The language is closed and small:
 * <ul>
 *   <li>{@code {$b}} is the value of binding {@code $b}, and {@code {$b.f.g}} a field path into it: a
 *       record component or other public no-argument method, a key of a map, or {@code size} of a
 *       collection;</li>
 *   <li>{@code {$a|$b|'text'}} is the first of these that has a value, a quoted text last;</li>
 *   <li>{@code {… :a}}, {@code {… :words}} and {@code {… :hyphens}} are the only formats: an
 *       indefinite article before the value, and an enum's name in lower case with {@code _} as a
 *       space or a hyphen;</li>
 *   <li>{@code [ …]} is printed only when every placeholder in it has a value (not null, not blank,
 *       not an empty collection or {@code Optional});</li>
 *   <li>{@code {{ }} [[ ]]} are the characters themselves.</li>
 * </ul>
 * Values are written by {@link Wording#of(Object)}; a value that is missing outside {@code [ ]} is
 * written {@value Wording#MISSING}. Immutable and shared by every session on every thread.
 */
public final class MessageTemplate {

    /** The named formats a placeholder may end with. */
    public static final Set<String> FORMATS = Set.of("a", "words", "hyphens");

    private final String text;
    private final List<Part> parts;

    /** A piece of a template. */
    private sealed interface Part permits Literal, Placeholder, Section {}

    private record Literal(String text) implements Part {}

    private record Section(List<Part> parts) implements Part {}

    /**
     * One placeholder, as validation sees it.
     *
     * @param paths    the binding paths it tries, in order
     * @param fallback the quoted text it ends with, or {@code null}
     * @param format   its named format, or {@code null}
     * @param offset   where its opening <code>&#123;</code> is in the template text, 0-based
     */
    public record Placeholder(
            List<FieldPath> paths,
            @Nullable String fallback,
            @Nullable String format,
            int offset) implements Part {

        /**
         * Copies the paths.
         *
         * @param paths    the binding paths it tries, in order
         * @param fallback the quoted text it ends with, or {@code null}
         * @param format   its named format, or {@code null}
         * @param offset   where its opening <code>&#123;</code> is in the template text, 0-based
         */
        public Placeholder {
            paths = List.copyOf(paths);
        }
    }

    /**
     * A binding and the fields read from it: {@code $p.cpuPercent} is {@code $p} and {@code [cpuPercent]}.
     *
     * @param binding the binding's name, with its {@code $}
     * @param fields  the fields read, in order
     * @param offset  where the binding's {@code $} is in the template text, 0-based
     */
    public record FieldPath(String binding, List<String> fields, int offset) {

        /**
         * Checks that there is a binding and copies the fields.
         *
         * @param binding the binding's name, with its {@code $}
         * @param fields  the fields read, in order
         * @param offset  where the binding's {@code $} is in the template text, 0-based
         */
        public FieldPath {
            Objects.requireNonNull(binding, "binding must not be null");
            fields = List.copyOf(fields);
        }

        /** The path as written in the template: {@code $p.cpuPercent}. */
        @Override
        public String toString() {
            return fields.isEmpty() ? binding : binding + "." + String.join(".", fields);
        }
    }

    /**
     * A template that does not parse.
     *
     * @param offset  where in the template text, 0-based
     * @param message what is wrong
     */
    public record SyntaxError(int offset, String message) {}

    private MessageTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses a template.
     *
     * @param text the value of {@code @message}
     * @return the template, or the first syntax error
     */
    public static Parsed parse(String text) {
        Objects.requireNonNull(text, "text must not be null");
        return new Parser(text).parse();
    }

    /**
     * The outcome of {@link #parse(String)}: a template or a syntax error.
     *
     * @param template the template, when it parsed
     * @param error    the syntax error, when it did not
     */
    public record Parsed(Optional<MessageTemplate> template, Optional<SyntaxError> error) {}

    /**
     * The template as written.
     *
     * @return the value of {@code @message}
     */
    public String text() {
        return text;
    }

    /**
     * Every placeholder, in the order written, those inside {@code [ ]} included.
     *
     * @return the placeholders
     */
    public List<Placeholder> placeholders() {
        List<Placeholder> all = new ArrayList<>();
        collect(parts, all);
        return all;
    }

    private static void collect(List<Part> parts, List<Placeholder> into) {
        for (Part p : parts) {
            if (p instanceof Placeholder ph) {
                into.add(ph);
            } else if (p instanceof Section o) {
                collect(o.parts(), into);
            }
        }
    }

    /**
     * Renders the template.
     *
     * @param bindings the value of a binding by its name ({@code $p}); {@code null} for none
     * @return the message
     */
    public String render(Function<String, ? extends @Nullable Object> bindings) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                out.append(l.text());
            } else if (p instanceof Placeholder ph) {
                out.append(
                        value(ph, bindings).map(v -> Wording.of(v, ph.format())).orElse(Wording.MISSING));
            } else if (p instanceof Section o) {
                renderSection(o, bindings, out);
            }
        }
        return out.toString();
    }

    private static void renderSection(
            Section o, Function<String, ? extends @Nullable Object> bindings, StringBuilder out) {
        StringBuilder part = new StringBuilder();
        for (Part p : o.parts()) {
            if (p instanceof Literal l) {
                part.append(l.text());
            } else if (p instanceof Placeholder ph) {
                Optional<Object> v = value(ph, bindings);
                if (v.isEmpty()) {
                    return;
                }
                part.append(Wording.of(v.get(), ph.format()));
            }
        }
        out.append(part);
    }

    /** The first path or fallback of a placeholder that has a value. */
    private static Optional<Object> value(Placeholder ph, Function<String, ? extends @Nullable Object> bindings) {
        for (FieldPath path : ph.paths()) {
            Object v = FieldAccess.read(bindings.apply(path.binding()), path.fields());
            if (v != null && Wording.present(v)) {
                return Optional.of(v instanceof Optional<?> o ? o.get() : v);
            }
        }
        return Optional.ofNullable(ph.fallback());
    }

    /**
     * A placeholder that names what the rule does not bind.
     *
     * @param offset     where in the template text, 0-based
     * @param message    what is wrong
     * @param unknown    the name that is unknown
     * @param candidates the names that would be known there, for a did-you-mean
     */
    public record Problem(int offset, String message, String unknown, Set<String> candidates) {

        /**
         * Copies the candidates.
         *
         * @param offset     where in the template text, 0-based
         * @param message    what is wrong
         * @param unknown    the name that is unknown
         * @param candidates the names that would be known there, for a did-you-mean
         */
        public Problem {
            candidates = Set.copyOf(candidates);
        }
    }

    /**
     * Checks every placeholder against the rule's bindings: each binding must exist, and each field
     * of a path must exist on the type before it.
     *
     * @param bindings the type of each binding of the rule, by name ({@code $p})
     * @return the problems, in the order written; empty when every placeholder can be rendered
     */
    public List<Problem> check(Map<String, ? extends Type> bindings) {
        List<Problem> problems = new ArrayList<>();
        for (Placeholder ph : placeholders()) {
            for (FieldPath path : ph.paths()) {
                Type type = bindings.get(path.binding());
                if (type == null) {
                    problems.add(new Problem(
                            path.offset(),
                            "unknown binding `" + path.binding() + "` in @message",
                            path.binding(),
                            bindings.keySet()));
                    continue;
                }
                int offset = path.offset() + path.binding().length();
                String read = path.binding();
                for (String field : path.fields()) {
                    offset++;
                    Optional<Type> next =
                            FieldAccess.hasFields(type) ? FieldAccess.fieldType(type, field) : Optional.empty();
                    if (next.isEmpty()) {
                        String what = "`" + read + "` (" + FieldAccess.raw(type).getSimpleName() + ")";
                        problems.add(new Problem(
                                offset,
                                FieldAccess.hasFields(type)
                                        ? "unknown field `" + field + "` of " + what + " in @message"
                                        : what + " has no fields; `" + field + "` cannot be read from it",
                                field,
                                FieldAccess.hasFields(type) ? FieldAccess.fieldNames(type) : Set.of()));
                        break;
                    }
                    type = next.get();
                    read = read + "." + field;
                    offset += field.length();
                }
            }
        }
        return problems;
    }

    /** The template as written, as {@link #text()} gives it. */
    @Override
    public String toString() {
        return text;
    }

    /** A recursive-descent reader of the template language. */
    private static final class Parser {

        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Parsed parse() {
            try {
                List<Part> parts = parts(false);
                return new Parsed(Optional.of(new MessageTemplate(s, parts)), Optional.empty());
            } catch (Failure f) {
                return new Parsed(Optional.empty(), Optional.of(new SyntaxError(f.offset, f.problem)));
            }
        }

        private List<Part> parts(boolean inOptional) {
            List<Part> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i);
                if ((c == '{' || c == '}' || c == '[' || c == ']') && i + 1 < s.length() && s.charAt(i + 1) == c) {
                    literal.append(c);
                    i += 2;
                } else if (c == '{') {
                    flush(literal, parts);
                    parts.add(placeholder());
                } else if (c == '[') {
                    if (inOptional) {
                        throw new Failure(
                                i, "`[` inside `[ ]`: optional parts do not nest; write `[[` for the character");
                    }
                    flush(literal, parts);
                    int start = i++;
                    List<Part> inner = parts(true);
                    if (i >= s.length()) {
                        throw new Failure(start, "`[` is never closed with `]`");
                    }
                    i++;
                    if (inner.stream().noneMatch(p -> p instanceof Placeholder)) {
                        throw new Failure(
                                start,
                                "`[ ]` without a placeholder is always printed; write `[[` and `]]`"
                                        + " for the characters");
                    }
                    parts.add(new Section(inner));
                } else if (c == ']') {
                    if (inOptional) {
                        flush(literal, parts);
                        return parts;
                    }
                    throw new Failure(i, "`]` without `[`; write `]]` for the character");
                } else if (c == '}') {
                    throw new Failure(i, "`}` without `{`; write `}}` for the character");
                } else {
                    literal.append(c);
                    i++;
                }
            }
            flush(literal, parts);
            return parts;
        }

        private static void flush(StringBuilder literal, List<Part> parts) {
            if (!literal.isEmpty()) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
        }

        private Placeholder placeholder() {
            int start = i++;
            List<FieldPath> paths = new ArrayList<>();
            @Nullable String fallback = null;
            @Nullable String format = null;
            while (true) {
                skipSpaces();
                if (i >= s.length()) {
                    throw new Failure(start, "`{` is never closed with `}`");
                }
                if (fallback != null) {
                    throw new Failure(i, "a quoted text must be the last choice of a placeholder");
                }
                char c = s.charAt(i);
                if (c == '$') {
                    paths.add(path());
                } else if (c == '\'') {
                    fallback = quoted();
                } else {
                    throw new Failure(
                            i,
                            "expected a binding such as `$p` or a quoted text such as `'unknown'`"
                                    + " in a placeholder, got `" + s.charAt(i) + "`");
                }
                skipSpaces();
                if (i >= s.length()) {
                    throw new Failure(start, "`{` is never closed with `}`");
                }
                c = s.charAt(i);
                if (c == '|') {
                    i++;
                } else if (c == ':') {
                    i++;
                    int at = i;
                    format = name();
                    if (!FORMATS.contains(format)) {
                        throw new Failure(at, "unknown format `" + format + "`; expected `a`, `words` or `hyphens`");
                    }
                    skipSpaces();
                    if (i >= s.length() || s.charAt(i) != '}') {
                        throw new Failure(start, "`{` is never closed with `}`");
                    }
                    i++;
                    break;
                } else if (c == '}') {
                    i++;
                    break;
                } else {
                    throw new Failure(i, "unexpected `" + c + "` in a placeholder; expected `.`, `|`, `:` or `}`");
                }
            }
            if (paths.isEmpty()) {
                throw new Failure(start, "a placeholder needs a binding, such as `{$p}`");
            }
            return new Placeholder(paths, fallback, format, start);
        }

        private FieldPath path() {
            int start = i++;
            String binding = "$" + name();
            List<String> fields = new ArrayList<>();
            while (i < s.length() && s.charAt(i) == '.') {
                i++;
                fields.add(name());
            }
            return new FieldPath(binding, fields, start);
        }

        private String name() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (start == i) {
                throw new Failure(start, "expected a name here");
            }
            return s.substring(start, i);
        }

        private String quoted() {
            int start = i++;
            int end = s.indexOf('\'', i);
            if (end < 0) {
                throw new Failure(start, "quoted text is never closed with `'`");
            }
            String text = s.substring(i, end);
            i = end + 1;
            return text;
        }

        private void skipSpaces() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }
    }

    /** A syntax error found while parsing; it never leaves the parser. */
    private static final class Failure extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int offset;
        private final String problem;

        Failure(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
            this.problem = message;
        }
    }
}
