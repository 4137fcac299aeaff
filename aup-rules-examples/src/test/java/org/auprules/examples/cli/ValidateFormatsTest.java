package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aup-rules validate --format json|sarif}: every problem of a pack, syntax and semantics
 * together, as scripts and code scanning read them; the SARIF checked against the official
 * SARIF 2.1.0 schema.
 */
class ValidateFormatsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static JsonSchema sarifSchema;

    @TempDir
    static Path tmp;

    static Path pack;

    @BeforeAll
    static void aPackWithASyntaxErrorAndASemanticError() throws Exception {
        try (InputStream in = ValidateFormatsTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            sarifSchema =
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        pack = tmp.resolve("pack");
        assertThat(CliRun.of("init-pack", pack.toString()).code()).isZero();
        Files.writeString(pack.resolve("rules/a-syntax.drl"), """
                package rules;
                import org.auprules.api.facts.*;

                rule "2.12 broken"
                    @clause("2.12") @severity("HIGH")
                when
                    $p : HostedProcess( name == "x"
                then
                end
                """);
        Files.writeString(pack.resolve("rules/b-semantic.drl"), """
                package rules;
                import org.auprules.api.facts.*;

                rule "2.21 no such clause"
                    @clause("2.21") @severity("HIGH")
                when
                    $p : HostedProcess( cpuPercnt > 5 )
                then
                end
                """);
    }

    @Test
    void text_listsSyntaxAndSemanticProblemsTogether() {
        CliRun run = CliRun.of("validate", pack.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        assertThat(run.lines())
                .anyMatch(l -> l.startsWith(pack.resolve("rules/a-syntax.drl") + ":") && l.contains(": error: "))
                .anyMatch(l -> l.startsWith(pack.resolve("rules/b-semantic.drl") + ":")
                        && l.contains("unknown clause `2.21`"));
    }

    @Test
    void sarif_isValidSarif210_withOneResultPerProblem() throws Exception {
        CliRun text = CliRun.of("validate", pack.toString());
        CliRun run = CliRun.of("validate", "--format", "SARIF", pack.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        JsonNode sarif = JSON.readTree(run.out());

        Set<ValidationMessage> problems = sarifSchema.validate(sarif);
        assertThat(problems).as(run.out()).isEmpty();

        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode runNode = sarif.path("runs").get(0);
        assertThat(runNode.path("tool").path("driver").path("name").asText()).isEqualTo("aup-rules");
        assertThat(runNode.path("tool").path("driver").path("version").asText())
                .isEqualTo(VersionProvider.toolVersion());
        JsonNode results = runNode.path("results");
        assertThat(results.size())
                .isEqualTo(text.lines().stream()
                        .filter(l -> l.startsWith(pack.toString()))
                        .count())
                .isGreaterThanOrEqualTo(2);
        List<String> ruleIds = new ArrayList<>();
        results.forEach(r -> ruleIds.add(r.path("ruleId").asText()));
        assertThat(ruleIds).contains("drl-syntax", "unknown-clause");
        JsonNode rules = runNode.path("tool").path("driver").path("rules");
        for (JsonNode r : results) {
            assertThat(rules.get(r.path("ruleIndex").asInt()).path("id").asText())
                    .isEqualTo(r.path("ruleId").asText());
            assertThat(r.path("level").asText()).isIn("error", "warning");
        }
        JsonNode unknown = null;
        for (JsonNode r : results) {
            if (r.path("ruleId").asText().equals("unknown-clause")) {
                unknown = r;
            }
        }
        assertThat(unknown).isNotNull();
        JsonNode location = unknown.path("locations").get(0).path("physicalLocation");
        // an absolute DIR gives file: URIs; the region is where the rule starts
        assertThat(location.path("artifactLocation").path("uri").asText())
                .isEqualTo(pack.resolve("rules/b-semantic.drl").toUri().toString());
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(4);
        assertThat(location.path("region").path("startColumn").asInt()).isPositive();
        assertThat(text.out())
                .contains(pack.resolve("rules/b-semantic.drl") + ":4:"
                        + location.path("region").path("startColumn").asInt()
                        + ": error: rule `2.21 no such clause`: unknown clause `2.21`");
    }

    @Test
    void sarif_ofARelativeFolder_hasUrisRelativeToTheWorkingFolder() throws Exception {
        Path relative = Path.of("").toAbsolutePath().relativize(pack);
        CliRun run = CliRun.of("validate", "--format=sarif", relative.toString());
        JsonNode sarif = JSON.readTree(run.out());
        assertThat(sarifSchema.validate(sarif)).isEmpty();
        JsonNode artifact = sarif.path("runs")
                .get(0)
                .path("results")
                .get(0)
                .path("locations")
                .get(0)
                .path("physicalLocation")
                .path("artifactLocation");
        assertThat(artifact.path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(artifact.path("uri").asText())
                .startsWith(relative + "/rules/")
                .doesNotContain("file:");
    }

    @Test
    void json_isTheVerdictTheCountsAndEveryProblem() throws Exception {
        CliRun run = CliRun.of("validate", "--format", "json", pack.toString());
        assertThat(run.code()).isEqualTo(3);
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.path("valid").asBoolean(true)).isFalse();
        assertThat(doc.path("errors").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode first = doc.path("problems").get(0);
        assertThat(first.fieldNames())
                .toIterable()
                .containsExactly("file", "path", "line", "column", "level", "rule", "message");
        assertThat(doc.path("problems").size())
                .isEqualTo(CliRun.of("validate", pack.toString()).lines().size());
    }

    @Test
    void aValidPack_givesAnEmptySarifRun() throws Exception {
        Path clean = tmp.resolve("clean");
        assertThat(CliRun.of("init-pack", clean.toString()).code()).isZero();
        CliRun run = CliRun.of("validate", "--format", "sarif", clean.toString());
        assertThat(run.code()).isZero();
        JsonNode sarif = JSON.readTree(run.out());
        assertThat(sarifSchema.validate(sarif)).isEmpty();
        assertThat(sarif.path("runs").get(0).path("results").size()).isZero();
    }
}
