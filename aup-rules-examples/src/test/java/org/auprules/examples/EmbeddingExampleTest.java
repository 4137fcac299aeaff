package org.auprules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.auprules.api.EvaluationResult;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {

    @Test
    void theReadmeExamplePrintsOneLinePerViolation() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EvaluationResult result = EmbeddingExample.run(Path.of("samples/fleet.json"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out.lines()).hasSize(result.violations().size()).isNotEmpty();
        assertThat(out).contains("acc-listbroker breaks 1.A.5 (HIGH): mailing list `list-bought` was purchased");
    }
}
