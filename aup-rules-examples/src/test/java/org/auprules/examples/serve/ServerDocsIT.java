package org.auprules.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-through of docs/server.md, run as a reader would run it: every {@code shell-session}
 * block of the page, in order, against the packaged jar's server started by the page's own
 * {@code $ java -jar aup-rules-examples/target/aup-rules.jar serve …} command, and each command's
 * output compared with the lines under it.
 *
 * <ul>
 *   <li>The server runs on a free loopback port instead of 8181, and {@code /tmp/doc-pack} and
 *       {@code /tmp/admin-tokens} are files of a temporary folder; commands are run with those
 *       names replaced (and {@code AUP_RULES_URL} set for the Python client), and outputs compared
 *       with the names put back.
 *   <li>The serve command runs in the background; the lines under it are its log from start to
 *       stop, compared after the test has stopped it with SIGTERM (and seen it exit 0).
 *   <li>A block that shows {@code no-live-policy} runs as soon as the server listens; every other
 *       block waits until it logs {@code policy live}, without asking it over HTTP, so that the
 *       page's {@code /metrics} counts are exactly the requests of the page.
 *   <li>Digests, instants, {@code Date} headers and decision ids are normalised on both sides, and a
 *       line that is just {@code …} stands for any number of lines, as in DocsExamplesIT.
 * </ul>
 */
class ServerDocsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOC = ROOT.resolve("docs/server.md");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```shell-session\\n(.*?)^```\\s*$");
    private static final String SERVE = "java -jar aup-rules-examples/target/aup-rules.jar serve";
    private static final String ELISION = "…";

    /** One {@code $ } command of the page, the line it is on, and what it must print. */
    record Example(int line, List<String> source, String command, List<String> expected) {}

    record Block(int line, List<Example> examples) {
        boolean beforeLive() {
            return examples.stream().anyMatch(e -> e.expected().stream().anyMatch(l -> l.contains("no-live-policy")));
        }
    }

    @Test
    void theWalkThroughOfServerMd_printsWhatThePageShows(@TempDir Path tmp) throws Exception {
        List<Block> blocks = blocks(Files.readString(DOC));
        assertThat(blocks).as("shell-session blocks of %s", DOC).hasSizeGreaterThan(5);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> names = Map.of(
                "/tmp/doc-pack", tmp.resolve("doc-pack").toString(),
                "/tmp/admin-tokens", tmp.resolve("admin-tokens").toString(),
                "127.0.0.1:8181", "127.0.0.1:" + port);
        Path cache = Files.createDirectories(tmp.resolve("cache"));

        Process server = null;
        Example serve = null;
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> listening = new CompletableFuture<>();
        CompletableFuture<Void> live = new CompletableFuture<>();
        List<String> failures = new ArrayList<>();
        Map<Integer, List<String>> printedAt = new java.util.TreeMap<>();
        try {
            for (Block block : blocks) {
                if (server != null && !block.beforeLive()) {
                    live.get(180, TimeUnit.SECONDS);
                }
                for (Example e : block.examples()) {
                    String command = replace(e.command(), names);
                    if (e.command().startsWith(SERVE)) {
                        assertThat(server).as("one serve command in the page").isNull();
                        serve = e;
                        command = command.replace(SERVE, SERVE + " --addr 127.0.0.1:" + port);
                        server = start(command, cache, log, listening, live);
                        listening.get(60, TimeUnit.SECONDS);
                        continue;
                    }
                    String out = back(run(command, cache, port), names);
                    printedAt.put(e.line(), out.lines().toList());
                    if (!matches(e.expected(), out.lines().toList())) {
                        failures.add(DOC + ":" + e.line() + ": `" + e.command() + "` printed:\n" + out);
                    }
                }
            }
            assertThat(server).as("the page starts a server").isNotNull();
            server.toHandle().destroy(); // SIGTERM
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).as("exit code after SIGTERM").isZero();
            Thread.sleep(200); // the last lines of its stderr
            List<String> printed = log.stream().map(l -> back(l, names)).toList();
            printedAt.put(serve.line(), printed);
            if (!matches(serve.expected(), printed)) {
                failures.add(DOC + ":" + serve.line() + ": the server's log was:\n" + String.join("\n", printed));
            }
        } finally {
            if (server != null && server.isAlive()) {
                server.destroyForcibly().waitFor();
            }
        }
        Path actual = Path.of("target", "server-docs-it", "server.md");
        Files.createDirectories(actual.getParent());
        Files.writeString(actual, withOutputs(Files.readString(DOC), printedAt));
        assertThat(failures)
                .as(
                        "examples of docs/server.md whose output changed (the page with this run's outputs: %s)",
                        actual.toAbsolutePath())
                .isEmpty();
    }

    /** The page with every example's output replaced by what it printed in this run, to compare or paste. */
    static String withOutputs(String markdown, Map<Integer, List<String>> printedAt) {
        StringBuilder page = new StringBuilder();
        Matcher m = BLOCK.matcher(markdown);
        int last = 0;
        for (Block block : blocks(markdown)) {
            if (!m.find()) {
                break;
            }
            page.append(markdown, last, m.start(1));
            for (Example e : block.examples()) {
                e.source().forEach(l -> page.append(l).append('\n'));
                printedAt.getOrDefault(e.line(), e.expected()).forEach(l -> page.append(l)
                        .append('\n'));
            }
            last = m.end(1);
        }
        return page.append(markdown.substring(last)).toString();
    }

    // ------------------------------------------------------------------ the page

    static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            int firstLine = lineOf(markdown, m.start(1));
            List<String> lines = m.group(1).lines().toList();
            List<Example> examples = new ArrayList<>();
            for (int i = 0; i < lines.size(); ) {
                if (!lines.get(i).startsWith("$ ")) {
                    throw new IllegalStateException(
                            DOC + ":" + (firstLine + i) + ": a shell-session block starts with a `$ ` command");
                }
                int at = firstLine + i;
                List<String> source = new ArrayList<>(List.of(lines.get(i)));
                StringBuilder command = new StringBuilder(lines.get(i).substring(2));
                while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                    command.setLength(command.length() - 1);
                    command.append(' ').append(lines.get(++i).strip());
                    source.add(lines.get(i));
                }
                i++;
                List<String> expected = new ArrayList<>();
                while (i < lines.size() && !lines.get(i).startsWith("$ ")) {
                    expected.add(lines.get(i++));
                }
                examples.add(new Example(at, source, command.toString(), expected));
            }
            blocks.add(new Block(firstLine, examples));
        }
        return blocks;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    // ------------------------------------------------------------------ running

    private static Process start(
            String command,
            Path cache,
            List<String> log,
            CompletableFuture<Void> listening,
            CompletableFuture<Void> live)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec " + command)
                .directory(ROOT.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        Process p = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.add(line);
                    if (line.contains("aup-rules serve: listening on")) {
                        listening.complete(null);
                    }
                    if (line.contains("aup-rules serve: policy live:")) {
                        live.complete(null);
                    }
                }
                String ended = "the server ended before it was live; its log: " + log;
                listening.completeExceptionally(new IllegalStateException(ended));
                live.completeExceptionally(new IllegalStateException(ended));
            } catch (IOException e) {
                listening.completeExceptionally(e);
                live.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    /** What a command prints: its standard output, then its standard error. */
    private static String run(String command, Path cache, int port) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile());
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().put("AUP_RULES_URL", "http://127.0.0.1:" + port);
        Process p = pb.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("`" + command + "` did not end in 120 s");
        }
        return new String(out, StandardCharsets.UTF_8) + new String(err.join(), StandardCharsets.UTF_8);
    }

    private static String replace(String text, Map<String, String> names) {
        String s = text;
        for (Map.Entry<String, String> e : names.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    private static String back(String text, Map<String, String> names) {
        String s = text;
        for (Map.Entry<String, String> e : names.entrySet()) {
            s = s.replace(e.getValue(), e.getKey());
        }
        return s;
    }

    // ------------------------------------------------------------------ comparing

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{12,64}…?");
    private static final Pattern INSTANT =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?Z");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DATE_HEADER = Pattern.compile("^Date: .* GMT$");

    static String normalise(String line) {
        String s = DIGEST.matcher(line).replaceAll("sha256:DIGEST");
        s = INSTANT.matcher(s).replaceAll("INSTANT");
        s = UUID.matcher(s).replaceAll("UUID");
        s = DATE_HEADER.matcher(s).replaceAll("Date: DATE");
        return s.stripTrailing();
    }

    /** Whether {@code actual} is {@code expected}, a line of just {@code …} standing for any number of lines. */
    static boolean matches(List<String> expected, List<String> actual) {
        List<String> e = trimEnd(expected.stream().map(ServerDocsIT::normalise).toList());
        List<String> a = trimEnd(actual.stream().map(ServerDocsIT::normalise).toList());
        return matches(e, 0, a, 0);
    }

    private static boolean matches(List<String> e, int i, List<String> a, int j) {
        if (i == e.size()) {
            return j == a.size();
        }
        if (e.get(i).equals(ELISION)) {
            for (int k = j; k <= a.size(); k++) {
                if (matches(e, i + 1, a, k)) {
                    return true;
                }
            }
            return false;
        }
        return j < a.size() && e.get(i).equals(a.get(j)) && matches(e, i + 1, a, j + 1);
    }

    /** Blank lines at the end of a block or an output do not count. */
    private static List<String> trimEnd(List<String> lines) {
        int n = lines.size();
        while (n > 0 && lines.get(n - 1).isBlank()) {
            n--;
        }
        return lines.subList(0, n);
    }
}
