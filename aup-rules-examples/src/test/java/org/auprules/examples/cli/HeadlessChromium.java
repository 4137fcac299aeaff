package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}, or the one {@code $CHROMIUM} names), run as a user opens a
 * page: a local file, the page's own script run, then the DOM as the browser holds it.
 *
 * <p>Absent Chromium skips the tests on a developer's machine, and fails them in CI ({@code $CI} set), where
 * {@code .ci/run} installs it.
 */
final class HeadlessChromium {

    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars");

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, or a skipped test (a failed one in CI) when there is none. */
    static HeadlessChromium require() {
        String named = System.getenv("CHROMIUM");
        Path binary = Path.of(named == null || named.isBlank() ? "/usr/bin/chromium" : named);
        if (!Files.isExecutable(binary)) {
            String ci = System.getenv("CI");
            String message = "headless Chromium not found at " + binary
                    + "; install it with `apt-get install -y chromium` (or set $CHROMIUM) to run the HTML report's"
                    + " browser tests";
            if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
                fail(message + " (CI is set, so these tests must run)");
            }
            Assumptions.assumeTrue(false, message);
        }
        return new HeadlessChromium(binary);
    }

    /** Opens the file at this fragment ({@code ""} for none) and returns the DOM after the page's script ran. */
    Document dom(Path page, String fragment) throws IOException, InterruptedException {
        String url = page.toAbsolutePath().toUri() + (fragment.isEmpty() ? "" : "#" + fragment);
        String html = new String(run(List.of("--dump-dom", url)), StandardCharsets.UTF_8);
        Document dom = Jsoup.parse(html, url);
        assertThat(dom.body().attr("data-ready"))
                .as("the page's script ran to its end in Chromium")
                .isEqualTo("true");
        return dom;
    }

    /** Renders the file into a PNG of this size. */
    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of(
                "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(),
                page.toAbsolutePath().toUri().toString()));
        assertThat(png).isNotEmptyFile();
    }

    private byte[] run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("aup-rules-chromium-");
        Path log = Files.createTempFile("aup-rules-chromium-", ".log");
        try {
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + profile);
            command.addAll(args);
            Process p = new ProcessBuilder(command)
                    .redirectError(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("chromium did not finish within 60 s: " + command);
            }
            if (p.exitValue() != 0) {
                fail("chromium exited with " + p.exitValue() + ": " + command + "\n" + Files.readString(log));
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
