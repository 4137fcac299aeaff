package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.auprules.decisionlog.DecisionLogReader;
import org.auprules.internal.CanonicalFacts;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aup-rules evaluate --decision-log FILE}: one line per run, the input hashed canonically. */
class EvaluateDecisionLogTest {

    static final Path FLEET = Path.of("samples/fleet.json");

    @Test
    void eachRunAppendsOneLine_andReformattedFactsHashTheSame(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("decisions.jsonl");
        JsonNode tree = new ObjectMapper().readTree(FLEET.toFile());
        Path compact = Files.writeString(dir.resolve("compact.json"), new ObjectMapper().writeValueAsString(tree));

        CliRun first = CliRun.of("evaluate", "--format", "json", "--decision-log", log.toString(), FLEET.toString());
        CliRun second = CliRun.of("evaluate", "--decision-log", log.toString(), compact.toString());
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(second.code()).as(second.toString()).isZero();

        DecisionLogReader.Contents contents = DecisionLogReader.read(log);
        assertThat(contents.defects()).isEmpty();
        assertThat(contents.decisions()).hasSize(2);
        String digest = CanonicalFacts.sha256(FactsJson.read(FLEET));
        assertThat(contents.decisions()).allSatisfy(d -> {
            assertThat(d.input()).isEqualTo(digest);
            assertThat(d.accounts()).isEqualTo(tree.get("accounts").size());
            assertThat(d.policy().name()).isEqualTo("Entrecloud AUP");
        });
        JsonNode printed = new ObjectMapper().readTree(first.out());
        assertThat(contents.decisions().get(0).violations())
                .hasSize(printed.get("violations").size());
        assertThat(contents.decisions().get(0).policy().digest())
                .isEqualTo(printed.at("/policy/digest").textValue());
    }

    @Test
    void aLogThatCannotBeWritten_printsNoResult_andExits2(@TempDir Path dir) {
        CliRun run = CliRun.of("evaluate", "--decision-log", dir.toString(), FLEET.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("aup-rules: cannot open decision log `" + dir + "`");
    }
}
