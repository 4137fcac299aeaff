package org.auprules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Violation;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {

    @Test
    void theReadmeExamplePrintsOneLinePerViolation() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EvaluationResult result = EmbeddingExample.run(
                Path.of("samples/fleet.json"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out.lines()).hasSize(result.violations().size()).isNotEmpty();
        assertThat(out).contains("acc-listbroker breaks 1.A.5 (HIGH): mailing list `list-bought` was purchased");
    }

    @Test
    void aMinerBuiltInJavaBreaksTheMiningClauses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EvaluationResult result = EmbeddingExample.run(
                EmbeddingExample.minerOnSharedHosting(), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(result.violations()).extracting(Violation::accountId).containsOnly("acc-1");
        assertThat(result.violations()).extracting(Violation::clauseId).contains("2.20", "3.1");
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .hasSize(result.violations().size());
    }

    @Test
    void aPlainProcessBuiltTheSameWayBreaksNothing() {
        var facts = EmbeddingExample.minerOnSharedHosting().toBuilder()
                .processes(EmbeddingExample.minerOnSharedHosting().processes().get(0).toBuilder()
                        .name("nginx")
                        .commandLine("nginx: master process")
                        .cpuPercent(2)
                        .build())
                .build();

        EvaluationResult result =
                EmbeddingExample.run(facts, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(result.violations()).isEmpty();
    }

    @Test
    void theReadmeShowsTheJavaFactsOfTheExample() throws Exception {
        String source = Files.readString(Path.of("src/main/java/org/auprules/examples/EmbeddingExample.java"));
        String readme = Files.readString(Path.of("../README.md"));
        String body = source.substring(
                source.indexOf("return FactSet.builder()") + "return ".length(),
                source.indexOf(".build();", source.indexOf("return FactSet.builder()")) + ".build();".length());

        assertThat(readme).contains("FactSet facts = " + body.replace("\n        ", "\n"));
    }
}
