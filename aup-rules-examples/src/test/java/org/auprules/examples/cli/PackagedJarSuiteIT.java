package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar runs the default pack's own scenarios read from inside the jar, with every
 * rule covered: what {@code aup-rules test --coverage --min-coverage 100} promises a user.
 */
class PackagedJarSuiteIT {

    @Test
    void thePackagedJarRunsTheShippedSuiteWithFullRuleCoverage() throws IOException, InterruptedException {
        Path jar = Path.of("target/aup-rules.jar");
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-Dfile.encoding=UTF-8",
                        "-jar",
                        jar.toString(),
                        "test",
                        "--coverage",
                        "--min-coverage",
                        "100")
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out + err).isZero();
        assertThat(err).isEmpty();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("\\d+ passed, 0 failed");
        assertThat(out).contains("fired (100.0 %)").contains("rule coverage meets the minimum of 100.0 %");
    }
}
