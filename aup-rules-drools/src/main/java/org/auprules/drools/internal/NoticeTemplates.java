package org.auprules.drools.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.auprules.api.PolicyProblem;
import org.auprules.internal.DidYouMean;
import org.jspecify.annotations.Nullable;

/**
 * Checks a pack's notice templates before anything renders them: the Mustache syntax (every tag
 * closed, every section closed by its own name and in order, delimiters set well, partials found
 * in {@code notices/}), an error at its line and column, and every name a tag reads against the
 * notice model the renderer gives the templates ({@link #MODEL}), a warning with a did-you-mean.
 * It reads tags as mustache.java does (sections {@code #}, {@code ^}, {@code $}, {@code <};
 * comments {@code !}; partials {@code >}; {@code &} and triple braces; {@code =} delimiters, a
 * name with dots read segment by segment, a name looked up in the sections around it, innermost
 * first), and is stricter where mustache.java lets a mistake through: an unclosed comment, which
 * swallows the rest of the template, and a section with no name.
 */
public final class NoticeTemplates {

    private NoticeTemplates() {}

    /** What a name of the notice model holds: the names within it; none for a plain value. */
    public record Scope(Map<String, Scope> names, boolean anything) {

        /** A plain value: a string, a number or a boolean. */
        static final Scope VALUE = new Scope(Map.of(), false);

        /** A scope whose names are not known (a section on an unknown name): every name is accepted. */
        static final Scope ANY = new Scope(Map.of(), true);

        /** Copies the names, in their order. */
        public Scope {
            names = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(names));
        }

        static Scope of(Object... nameThenScope) {
            Map<String, Scope> m = new LinkedHashMap<>();
            for (int i = 0; i < nameThenScope.length; i += 2) {
                m.put((String) nameThenScope[i], (Scope) nameThenScope[i + 1]);
            }
            return new Scope(m, false);
        }

        @Nullable
        Scope get(String name) {
            return anything ? ANY : names.get(name);
        }
    }

    /**
     * The names the notice renderer gives the templates (NoticeRenderer in aup-rules-examples builds
     * exactly these, and its test says so): a list's scope is the scope of each of its elements.
     */
    public static final Scope MODEL = Scope.of(
            "policy", Scope.of("name", Scope.VALUE, "version", Scope.VALUE),
            "accountId", Scope.VALUE,
            "evaluatedAt", Scope.VALUE,
            "hasViolations", Scope.VALUE,
            "clauseCount", Scope.VALUE,
            "violationCount", Scope.VALUE,
            "deadline", Scope.VALUE,
            "clauses",
                    Scope.of(
                            "id", Scope.VALUE,
                            "heading", Scope.VALUE,
                            "text", Scope.VALUE,
                            "severity", Scope.VALUE,
                            "deadline", Scope.VALUE,
                            "remedy", Scope.VALUE,
                            "observations",
                                    Scope.of(
                                            "label", Scope.VALUE,
                                            "type", Scope.VALUE,
                                            "fields", Scope.of("name", Scope.VALUE, "value", Scope.VALUE)),
                            "actions", Scope.of("modality", Scope.VALUE, "action", Scope.VALUE),
                            "hasActions", Scope.VALUE));

    /** An open section: its name, where it opened, and the scope it gives the tags inside it. */
    private record Open(String name, int offset, Scope scope) {}

    /**
     * Every problem of one template.
     *
     * @param file     the template's path in the pack, e.g. {@code notices/notice.txt.mustache}
     * @param text     its text
     * @param partials the text of a pack file by its path, to find and check the partials it includes
     * @return the problems, in the template's order; errors for the syntax, warnings for unknown names
     */
    public static List<PolicyProblem> check(String file, String text, Function<String, Optional<String>> partials) {
        List<PolicyProblem> out = new ArrayList<>();
        check(file, text, partials, MODEL, out, new LinkedHashSet<>(Set.of(file)));
        return out;
    }

    private static void check(
            String file,
            String text,
            Function<String, Optional<String>> partials,
            Scope model,
            List<PolicyProblem> out,
            Set<String> visiting) {
        String open = "{{";
        String close = "}}";
        Deque<Open> sections = new ArrayDeque<>();
        int i = 0;
        while (true) {
            int at = text.indexOf(open, i);
            if (at < 0) {
                break;
            }
            int start = at + open.length();
            boolean triple = open.equals("{{") && text.startsWith("{", start);
            String closer = triple ? "}" + close : close;
            int end = text.indexOf(closer, triple ? start + 1 : start);
            if (end < 0) {
                out.add(error(
                        file, text, at, "the tag `" + excerpt(text, at) + "` is never closed: add `" + closer + "`"));
                return;
            }
            String body = text.substring(triple ? start + 1 : start, end);
            i = end + closer.length();
            String tag = text.substring(at, i);
            char sigil = triple ? '{' : body.isEmpty() ? ' ' : body.charAt(0);
            String name = (triple || "#^/!>&=$<".indexOf(sigil) < 0 ? body : body.substring(1)).strip();
            switch (sigil) {
                case '!' -> {
                    int next = text.indexOf(open, start);
                    if (next >= 0 && next < end) {
                        // a comment that runs over another tag is most likely one whose `}}` is missing
                        out.add(error(
                                file,
                                text,
                                at,
                                "the comment `" + excerpt(text, at) + "` runs over the tag at " + position(text, next)
                                        + ": close it with `" + close + "` first"));
                        return;
                    }
                }
                case '=' -> {
                    String[] delims = body.length() >= 2 && body.endsWith("=")
                            ? body.substring(1, body.length() - 1).strip().split("\\s+")
                            : new String[0];
                    if (delims.length != 2
                            || delims[0].isEmpty()
                            || delims[0].contains("=")
                            || delims[1].contains("=")) {
                        out.add(error(
                                file,
                                text,
                                at,
                                "`" + tag + "` does not set delimiters: write `" + open + "=<% %>=" + close
                                        + "`, two delimiters between `=` signs"));
                        return;
                    }
                    open = delims[0];
                    close = delims[1];
                }
                case '#', '^', '$', '<' -> {
                    if (name.isEmpty()) {
                        out.add(error(file, text, at, "`" + tag + "` opens a section with no name"));
                        return;
                    }
                    Scope inner = Scope.VALUE;
                    if (sigil == '#' || sigil == '^') {
                        Scope found = resolve(file, text, at, tag, name, sections, model, out);
                        inner = sigil == '#' ? (found == null ? Scope.ANY : found) : Scope.VALUE;
                    } else if (sigil == '<') {
                        partial(file, text, at, tag, name, partials, out, visiting);
                        inner = Scope.ANY;
                    }
                    sections.push(new Open(name, at, inner));
                }
                case '/' -> {
                    Open top = sections.peek();
                    if (top == null) {
                        out.add(error(file, text, at, "`" + tag + "` closes `" + name + "`, but no section is open"));
                        return;
                    }
                    if (!top.name().equals(name)) {
                        out.add(error(
                                file,
                                text,
                                at,
                                "`" + tag + "` closes `" + name + "`, but the section open here is `" + top.name()
                                        + "` (opened at " + position(text, top.offset()) + "): close it first with `"
                                        + open + "/" + top.name() + close + "`"));
                        return;
                    }
                    sections.pop();
                }
                case '>' -> partial(file, text, at, tag, name, partials, out, visiting);
                default -> {
                    if (name.isEmpty()) {
                        out.add(error(
                                file, text, at, "`" + tag + "` is an empty tag: name a value between the braces"));
                        return;
                    }
                    resolve(file, text, at, tag, name, sections, model, out);
                }
            }
        }
        for (Open s : sections) {
            out.add(error(
                    file,
                    text,
                    s.offset(),
                    "the section `" + s.name() + "` opened here is never closed: add `" + open + "/" + s.name() + close
                            + "`"));
        }
    }

    /** The scope of a name as the tags around it see it, or {@code null} (with a warning) when the model has none. */
    private static @Nullable Scope resolve(
            String file,
            String text,
            int at,
            String tag,
            String name,
            Deque<Open> sections,
            Scope model,
            List<PolicyProblem> out) {
        if (name.equals(".")) {
            return Scope.ANY;
        }
        String[] parts = name.split("\\.", -1);
        Scope found = null;
        Set<String> known = new LinkedHashSet<>();
        for (Open s : sections) {
            if (s.scope().anything()) {
                return Scope.ANY;
            }
            known.addAll(s.scope().names().keySet());
            if (found == null) {
                found = s.scope().get(parts[0]);
            }
        }
        known.addAll(model.names().keySet());
        if (found == null) {
            found = model.get(parts[0]);
        }
        if (found == null) {
            out.add(unknown(file, text, at, tag, parts[0], known));
            return null;
        }
        for (int p = 1; p < parts.length; p++) {
            Scope next = found.get(parts[p]);
            if (next == null) {
                out.add(unknown(file, text, at, tag, parts[p], found.names().keySet()));
                return null;
            }
            found = next;
        }
        return found;
    }

    private static PolicyProblem unknown(String file, String text, int at, String tag, String name, Set<String> known) {
        int[] lc = lineColumn(text, at);
        return PolicyProblem.warning(
                file,
                lc[0],
                lc[1],
                "`" + tag + "` reads `" + name + "`, which the notice model does not give here"
                        + DidYouMean.suggest(name, known)
                                .map(s -> "; did you mean `" + s + "`?")
                                .orElse("; it gives " + String.join(", ", known))
                        + " (it renders as nothing)");
    }

    /** Checks that a partial is in the pack's notices/ folder, as the renderer finds it, and checks its syntax. */
    private static void partial(
            String file,
            String text,
            int at,
            String tag,
            String name,
            Function<String, Optional<String>> partials,
            List<PolicyProblem> out,
            Set<String> visiting) {
        String path = partialPath(name);
        Optional<String> body = path.startsWith(NoticeFilesReader.FOLDER) && !path.contains("..")
                ? partials.apply(path)
                : Optional.empty();
        if (body.isEmpty()) {
            out.add(error(
                    file,
                    text,
                    at,
                    "`" + tag + "` includes `" + path + "`, which is not a file of the pack's "
                            + NoticeFilesReader.FOLDER + " folder"));
            return;
        }
        if (visiting.add(path)) {
            // a partial reads the names of the place that includes it: its syntax is checked, not its names
            check(path, body.get(), partials, Scope.ANY, out, visiting);
        }
    }

    /** The pack path mustache.java asks for: relative to notices/, with .mustache when the name has no extension. */
    static String partialPath(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        String file = last.contains(".") ? name : name + ".mustache";
        return file.startsWith("/") ? file.substring(1) : NoticeFilesReader.FOLDER + file;
    }

    private static PolicyProblem error(String file, String text, int offset, String message) {
        int[] lc = lineColumn(text, offset);
        return PolicyProblem.error(file, lc[0], lc[1], message);
    }

    private static String position(String text, int offset) {
        int[] lc = lineColumn(text, offset);
        return lc[0] + ":" + lc[1];
    }

    /** A tag's start as it may be quoted: up to the end of its line, at most 40 characters. */
    private static String excerpt(String text, int at) {
        int eol = text.indexOf('\n', at);
        String s = text.substring(at, eol < 0 ? text.length() : eol).stripTrailing();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static int[] lineColumn(String text, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col};
    }
}
