package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.auprules.drools.PolicyPack;
import org.junit.jupiter.api.Test;

/** The small things: --version, formats and severities in any case, a mail given to ingest xarf. */
class CliBasicsTest {

    static final String ACCOUNTS = "samples/ingest/accounts.json";

    @Test
    void version_isTheBuildsVersion_andTheDefaultPacksNameVersionAndDigest() throws Exception {
        CliRun run = CliRun.of("--version");
        assertThat(run.code()).isZero();
        String digest = new ObjectMapper()
                .readTree(CliRun.of("evaluate", "--format", "json", "samples/fleet.json")
                        .out())
                .path("policy")
                .path("digest")
                .asText();
        assertThat(digest).isEqualTo(PolicyPack.defaultPack().digest());
        assertThat(run.lines())
                .containsExactly(
                        "aup-rules " + System.getProperty("project.version", VersionProvider.toolVersion()),
                        "default policy pack: Entrecloud AUP 2017-01-01  (" + digest + ")");
        assertThat(run.out()).doesNotContain("development build").doesNotContain("${");
        assertThat(VersionProvider.toolVersion()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void severitiesAndFormats_areCaseInsensitive_everywhere() {
        assertThat(CliRun.of("evaluate", "--fail-on", "high", "--format", "Json", "samples/fleet.json")
                        .code())
                .isEqualTo(1);
        assertThat(CliRun.of("clauses", "--format", "JSON").code()).isZero();
        assertThat(CliRun.of("validate", "--format", "Sarif", "nope").code()).isEqualTo(2);
        CliRun ingest = CliRun.of("ingest", "XARF", "--accounts", ACCOUNTS, "samples/ingest/reports/xarf-v4/");
        assertThat(ingest.code()).as(ingest.toString()).isZero();
        CliRun bad = CliRun.of("clauses", "--format", "yaml");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown format `yaml`; expected one of text, json");
    }

    @Test
    void anEmlGivenToIngestXarf_saysToUseIngestArf() {
        String mail = "samples/ingest/reports/arf/001.eml";
        CliRun run = CliRun.of("ingest", "xarf", "--accounts", ACCOUNTS, mail);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("aup-rules: `" + mail + "` is an ARF mail (*.eml), not an X-ARF report: use "
                        + "`aup-rules ingest arf` for it\n");
        assertThat(CliRun.of("ingest", "arf", "--accounts", ACCOUNTS, mail).err())
                .doesNotContain("use `aup-rules");
        String report = "samples/ingest/reports/xarf-v4/connection-ddos.json";
        assertThat(CliRun.of("ingest", "arf", "--accounts", ACCOUNTS, report).err())
                .contains("is an X-ARF report (*.json), not an ARF mail: use `aup-rules ingest xarf` for it");
    }
}
