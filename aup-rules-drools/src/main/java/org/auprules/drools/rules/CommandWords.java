package org.auprules.drools.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A command line split into words as a shell splits it: blanks separate words, quotes group them
 * ({@code "/home/my user/xmrig"}), a backslash escapes the next character. The first word is the
 * program (argv[0]); when it is an interpreter ({@code python3}, {@code node}, {@code perl}, …),
 * the script it runs is found past the interpreter's own options.
 */
final class CommandWords {

    /** What the kernel appends to {@code /proc/<pid>/exe} when the binary was removed after it started. */
    static final String DELETED_SUFFIX = " (deleted)";

    /** The kernel cuts a process's name ({@code comm}) to 15 characters. */
    private static final int COMM_LENGTH = 15;

    /** How many words a path with unquoted spaces may span before the program's name shows. */
    private static final int MAX_SPACED_WORDS = 8;

    private static final Pattern INTERPRETER = Pattern.compile("python(\\d+(\\.\\d+)?)?|pypy3?|node(js)?|bun"
            + "|perl(\\d+(\\.\\d+)*)?|ruby(\\d+(\\.\\d+)?)?|php(\\d+(\\.\\d+)?)?(-cli)?|lua(\\d\\.\\d)?|luajit"
            + "|tclsh(\\d\\.\\d)?|bash|sh|dash|zsh|ksh|ash|java|npx");

    /** An interpreter's options: those that take a value, those that name the script, those that give code instead. */
    private record Options(Set<String> withValue, Set<String> naming, Set<String> code) {}

    private static final Map<String, Options> OPTIONS = Map.of(
            "python", new Options(Set.of("-W", "-X", "-Q"), Set.of("-m"), Set.of("-c")),
            "node",
                    new Options(
                            Set.of("-r", "--require", "--import", "--loader", "--experimental-loader", "-C"),
                            Set.of(),
                            Set.of("-e", "--eval", "-p", "--print")),
            "perl", new Options(Set.of("-I", "-M", "-m"), Set.of(), Set.of("-e", "-E")),
            "ruby", new Options(Set.of("-I", "-r", "-C", "-E"), Set.of(), Set.of("-e")),
            "php", new Options(Set.of("-c", "-d", "-z"), Set.of("-f"), Set.of("-r", "-R", "-B", "-E")),
            "shell", new Options(Set.of("-o", "+o", "-O", "+O"), Set.of(), Set.of("-c")),
            "lua", new Options(Set.of("-l"), Set.of(), Set.of("-e")),
            "java",
                    new Options(
                            Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path"),
                            Set.of("-jar", "-m", "--module"),
                            Set.of()),
            "npx", new Options(Set.of("-p", "--package"), Set.of(), Set.of("-c", "--call")));

    /**
     * Programs that show, search, edit or install text and files rather than run their arguments:
     * in {@code grep -e --donate-level} or {@code echo --algo rx/0}, the option is only text.
     */
    private static final Set<String> TEXT_PROGRAMS = Set.of(
            "echo",
            "printf",
            "grep",
            "egrep",
            "fgrep",
            "zgrep",
            "rg",
            "ag",
            "ack",
            "man",
            "info",
            "less",
            "more",
            "cat",
            "tac",
            "head",
            "tail",
            "vi",
            "vim",
            "nvim",
            "view",
            "nano",
            "emacs",
            "sed",
            "awk",
            "gawk",
            "strings",
            "apt",
            "apt-get",
            "apt-cache",
            "aptitude",
            "dpkg",
            "yum",
            "dnf",
            "rpm",
            "pip",
            "pip3",
            "npm",
            "yarn",
            "gem",
            "git",
            "locate",
            "which",
            "whereis",
            "file",
            "wc",
            "sort",
            "diff");

    /** Where the system's own programs live; a text program elsewhere ({@code /tmp/.x/grep}) is not trusted to be one. */
    private static final List<String> SYSTEM_DIRECTORIES =
            List.of("/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/", "/usr/local/bin/", "/usr/local/sbin/");

    private final List<String> words;
    private final int scriptIndex;

    private CommandWords(List<String> words, int scriptIndex) {
        this.words = words;
        this.scriptIndex = scriptIndex;
    }

    /**
     * Splits a command line. The process's name helps with a program path that holds unquoted
     * spaces, as collectors that join {@code /proc/<pid>/cmdline} with blanks write it: in
     * {@code /home/my user/xmrig -o …} of a process named {@code xmrig}, the program is
     * {@code /home/my user/xmrig}.
     *
     * @param commandLine the command line as reported
     * @param name        the process's name, or {@code null}
     */
    static CommandWords of(String commandLine, @Nullable String name) {
        List<int[]> spans = new ArrayList<>();
        List<String> words = split(commandLine, spans);
        if (words.size() > 1 && name != null && !commandLine.isEmpty() && !isQuote(commandLine.charAt(0))) {
            joinSpacedProgram(commandLine, words, spans, name);
        }
        return new CommandWords(List.copyOf(words), scriptIndex(words));
    }

    /** The words, the program first. */
    List<String> words() {
        return words;
    }

    /** The program as written (argv[0]), or an empty text for an empty command line. */
    String program() {
        return words.isEmpty() ? "" : words.get(0);
    }

    /** The index of the script an interpreter runs, or -1 when the program is no interpreter or runs none. */
    int scriptIndex() {
        return scriptIndex;
    }

    /**
     * Whether the program is one of the system's text programs ({@code grep}, {@code echo},
     * {@code vim}, {@code apt-get}, …), named bare or from a system directory, whose arguments are
     * text it shows or searches rather than options of a tool.
     */
    boolean showsText() {
        String program = program();
        if (!TEXT_PROGRAMS.contains(baseName(program))) {
            return false;
        }
        if (program.indexOf('/') < 0) {
            return true;
        }
        for (String dir : SYSTEM_DIRECTORIES) {
            if (program.startsWith(dir) && program.indexOf('/', dir.length()) < 0) {
                return true;
            }
        }
        return false;
    }

    /** The last part of a path, without the kernel's {@code (deleted)} suffix. */
    static String baseName(String path) {
        String p = path.endsWith(DELETED_SUFFIX) ? path.substring(0, path.length() - DELETED_SUFFIX.length()) : path;
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    /** Splits at blanks outside quotes, recording where each word starts and ends in the line. */
    private static List<String> split(String line, List<int[]> spans) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            StringBuilder word = new StringBuilder();
            char quote = 0;
            while (i < n) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else if (c == '\\' && quote == '"' && i + 1 < n && line.charAt(i + 1) == '"') {
                        word.append('"');
                        i++;
                    } else {
                        word.append(c);
                    }
                } else if (isQuote(c)) {
                    quote = c;
                } else if (c == '\\' && i + 1 < n) {
                    word.append(line.charAt(i + 1));
                    i++;
                } else if (Character.isWhitespace(c)) {
                    break;
                } else {
                    word.append(c);
                }
                i++;
            }
            words.add(word.toString());
            spans.add(new int[] {start, i});
        }
        return words;
    }

    /**
     * Joins the first words into one program path when the process's name shows that the path
     * holds blanks: the first word's last part is not the name, but the last part of the first
     * words joined is.
     */
    private static void joinSpacedProgram(String line, List<String> words, List<int[]> spans, String name) {
        String wanted = baseName(name).toLowerCase(Locale.ROOT);
        String first = words.get(0);
        if (wanted.isEmpty() || first.indexOf('/') < 0 || matchesName(baseName(first), wanted)) {
            return;
        }
        int last = Math.min(words.size() - 1, MAX_SPACED_WORDS);
        for (int k = 1; k <= last; k++) {
            if (words.get(k).startsWith("-")) {
                return;
            }
            String joined = line.substring(spans.get(0)[0], spans.get(k)[1]);
            if (matchesName(baseName(joined), wanted)) {
                words.subList(0, k + 1).clear();
                words.add(0, joined);
                return;
            }
        }
    }

    private static boolean matchesName(String base, String wanted) {
        String b = base.toLowerCase(Locale.ROOT);
        return b.equals(wanted) || (wanted.length() == COMM_LENGTH && b.startsWith(wanted));
    }

    private static @Nullable Options optionsOf(String program) {
        String base = baseName(program).toLowerCase(Locale.ROOT);
        if (!INTERPRETER.matcher(base).matches()) {
            return null;
        }
        if (base.startsWith("python") || base.startsWith("pypy")) {
            return OPTIONS.get("python");
        }
        if (base.startsWith("node") || base.equals("bun")) {
            return OPTIONS.get("node");
        }
        if (base.startsWith("perl")) {
            return OPTIONS.get("perl");
        }
        if (base.startsWith("ruby")) {
            return OPTIONS.get("ruby");
        }
        if (base.startsWith("php")) {
            return OPTIONS.get("php");
        }
        if (base.startsWith("lua") || base.startsWith("tclsh")) {
            return OPTIONS.get("lua");
        }
        if (base.equals("java") || base.equals("npx")) {
            return OPTIONS.get(base);
        }
        return OPTIONS.get("shell");
    }

    /** The first word past an interpreter's own options, unless those options give code to run instead. */
    private static int scriptIndex(List<String> words) {
        if (words.size() < 2) {
            return -1;
        }
        Options options = optionsOf(words.get(0));
        if (options == null) {
            return -1;
        }
        int i = 1;
        while (i < words.size()) {
            String w = words.get(i);
            if (w.equals("--")) {
                return i + 1 < words.size() ? i + 1 : -1;
            }
            if (w.length() < 2 || !(w.startsWith("-") || w.startsWith("+"))) {
                return i;
            }
            if (options.code().contains(w)) {
                return -1;
            }
            if (options.naming().contains(w)) {
                return i + 1 < words.size() ? i + 1 : -1;
            }
            i += options.withValue().contains(w) ? 2 : 1;
        }
        return -1;
    }
}
