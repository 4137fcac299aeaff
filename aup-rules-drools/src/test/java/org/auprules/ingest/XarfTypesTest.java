package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.ReportType;
import org.auprules.drools.TrustedReporters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every category and type the X-ARF v4 schemas define maps to a report type; a report is built for
 * each from its schema: the schema's own example where it has one, a shared sample where it has
 * none, and the schema's required fields otherwise.
 */
class XarfTypesTest {

    private static final XarfReader READER = XarfReader.of(List.of(), TrustedReporters.none());

    @Test
    void theMasterSchemaDefinesExactlyTheMappedTypes() {
        JsonNode combos = Resources.schema("xarf-v4-master.json").at("/allOf/1/anyOf");
        Set<String> defined = new TreeSet<>();
        for (JsonNode c : combos) {
            String category = c.at("/properties/category/const").asText();
            c.at("/properties/type/enum").forEach(t -> defined.add(category + "/" + t.asText()));
        }
        Set<String> mapped = new TreeSet<>();
        Arrays.stream(XarfType.values()).forEach(t -> mapped.add(t.category + "/" + t.type));
        assertThat(mapped).isEqualTo(defined).hasSize(32);
    }

    @ParameterizedTest
    @EnumSource(XarfType.class)
    void eachTypeSchemaFileNamesItsOwnType(XarfType type) {
        JsonNode schema = Resources.schema("types/" + type.schemaFile);
        assertThat(schema.at("/allOf/1/properties/type/const").asText()).isEqualTo(type.type);
    }

    static Stream<Arguments> mapping() {
        return Stream.of(
                Arguments.of(XarfType.MESSAGING_SPAM, ReportType.SPAM),
                Arguments.of(XarfType.MESSAGING_BULK_MESSAGING, ReportType.SPAM),
                Arguments.of(XarfType.CONNECTION_DDOS, ReportType.DDOS),
                Arguments.of(XarfType.CONNECTION_PORT_SCAN, ReportType.SCANNING),
                Arguments.of(XarfType.CONNECTION_RECONNAISSANCE, ReportType.SCANNING),
                Arguments.of(XarfType.CONNECTION_VULNERABILITY_SCAN, ReportType.SCANNING),
                Arguments.of(XarfType.CONNECTION_LOGIN_ATTACK, ReportType.BRUTE_FORCE),
                Arguments.of(XarfType.CONNECTION_SCRAPING, ReportType.SCRAPING),
                Arguments.of(XarfType.CONNECTION_SQL_INJECTION, ReportType.HACKING),
                Arguments.of(XarfType.CONNECTION_INFECTED_HOST, ReportType.MALWARE),
                Arguments.of(XarfType.INFRASTRUCTURE_COMPROMISED_SERVER, ReportType.MALWARE),
                Arguments.of(XarfType.INFRASTRUCTURE_BOTNET, ReportType.BOTNET),
                Arguments.of(XarfType.CONTENT_PHISHING, ReportType.PHISHING),
                Arguments.of(XarfType.CONTENT_FRAUD, ReportType.FRAUD),
                Arguments.of(XarfType.CONTENT_MALWARE, ReportType.MALWARE),
                Arguments.of(XarfType.CONTENT_CSAM, ReportType.CSAM),
                Arguments.of(XarfType.CONTENT_CSEM, ReportType.CSAM),
                Arguments.of(XarfType.CONTENT_BRAND_INFRINGEMENT, ReportType.IMPERSONATION),
                Arguments.of(XarfType.CONTENT_REMOTE_COMPROMISE, ReportType.MALWARE),
                Arguments.of(XarfType.CONTENT_EXPOSED_DATA, ReportType.VULNERABILITY),
                Arguments.of(XarfType.CONTENT_SUSPICIOUS_REGISTRATION, ReportType.OTHER),
                Arguments.of(XarfType.COPYRIGHT_COPYRIGHT, ReportType.DMCA),
                Arguments.of(XarfType.COPYRIGHT_P2P, ReportType.DMCA),
                Arguments.of(XarfType.COPYRIGHT_CYBERLOCKER, ReportType.DMCA),
                Arguments.of(XarfType.COPYRIGHT_UGC_PLATFORM, ReportType.DMCA),
                Arguments.of(XarfType.COPYRIGHT_LINK_SITE, ReportType.DMCA),
                Arguments.of(XarfType.COPYRIGHT_USENET, ReportType.DMCA),
                // unverified, a blocklist report stays a report for review (see XarfMappingTest)
                Arguments.of(XarfType.REPUTATION_BLOCKLIST, ReportType.OTHER),
                Arguments.of(XarfType.REPUTATION_THREAT_INTELLIGENCE, ReportType.OTHER),
                Arguments.of(XarfType.VULNERABILITY_CVE, ReportType.VULNERABILITY),
                Arguments.of(XarfType.VULNERABILITY_OPEN_SERVICE, ReportType.VULNERABILITY),
                Arguments.of(XarfType.VULNERABILITY_MISCONFIGURATION, ReportType.VULNERABILITY));
    }

    @ParameterizedTest(name = "{0} becomes {1}")
    @MethodSource("mapping")
    void aReportBuiltFromTheSchema_passesValidation_andMaps(XarfType type, ReportType expected) {
        ObjectNode report = reportFor(type);

        List<AccountFact> facts = READER.read(type.name(), report.toString());

        assertThat(facts).singleElement().isInstanceOf(AbuseReport.class);
        AbuseReport r = (AbuseReport) facts.get(0);
        assertThat(r.type()).isEqualTo(expected);
        assertThat(r.source()).isEqualTo("xarf:" + type.category + "/" + type.type);
        assertThat(r.id()).isEqualTo(report.get("report_id").asText());
        assertThat(r.dmca() != null).isEqualTo(expected == ReportType.DMCA);
    }

    @Test
    void theMappingCoversEveryType() {
        assertThat(mapping().map(a -> a.get()[0])).containsExactlyInAnyOrder((Object[]) XarfType.values());
    }

    @ParameterizedTest
    @EnumSource(
            value = XarfType.class,
            names = {"CONNECTION_DDOS", "MESSAGING_BULK_MESSAGING", "VULNERABILITY_CVE"})
    void threeOfTheSchemasOwnExamples_failTheirSchema_andAreRejectedNamingTheField(XarfType type) {
        ObjectNode example =
                (ObjectNode) Resources.schema("types/" + type.schemaFile).at("/examples/0");

        assertThatThrownBy(() -> READER.read(type.schemaFile, example.toString()))
                .isInstanceOf(InvalidReportException.class)
                .satisfies(e -> assertThat(((InvalidReportException) e).problems())
                        .allMatch(
                                p -> p.matches("`\\$[^`]*`: .+ \\(schema `types/" + type.schemaFile
                                                + "#/allOf/1/[^`]+`.*\\)")
                                        || p.contains("(schema `xarf-core.json#/"),
                                "names field and schema path"));
    }

    /**
     * A valid report of a type: the schema's example; for the three examples that fail their own
     * schema, the example with what it lacks; a shared sample; or, for the four types with neither,
     * the core fields plus the type's required fields.
     */
    static ObjectNode reportFor(XarfType type) {
        JsonNode example = Resources.schema("types/" + type.schemaFile).at("/examples/0");
        ObjectNode report;
        switch (type) {
            case CONNECTION_DDOS -> {
                report = ((ObjectNode) example).deepCopy();
                report.put("first_seen", "2024-01-15T10:00:00Z").put("source_port", 40000);
            }
            case MESSAGING_BULK_MESSAGING -> {
                report = ((ObjectNode) example).deepCopy();
                report.put("source_port", 25);
            }
            case VULNERABILITY_CVE -> {
                report = ((ObjectNode) example).deepCopy();
                report.putArray("tags").add("cve:2021_44228");
            }
            case CONNECTION_LOGIN_ATTACK ->
                report = Resources.json(Resources.XARF_SAMPLES + "connection-login-attack.json");
            case CONNECTION_PORT_SCAN -> report = Resources.json(Resources.XARF_SAMPLES + "connection-port-scan.json");
            case INFRASTRUCTURE_BOTNET ->
                report = Resources.json(Resources.XARF_SAMPLES + "infrastructure-botnet.json");
            case REPUTATION_BLOCKLIST -> report = Resources.json(Resources.XARF_SAMPLES + "reputation-blocklist.json");
            case COPYRIGHT_COPYRIGHT -> report = Resources.json(Resources.XARF_SAMPLES + "copyright-copyright.json");
            case INFRASTRUCTURE_COMPROMISED_SERVER -> report = core(type).put("compromise_method", "webshell upload");
            case REPUTATION_THREAT_INTELLIGENCE -> report = core(type).put("threat_type", "command_and_control");
            case VULNERABILITY_OPEN_SERVICE -> report = core(type).put("service", "memcached");
            case VULNERABILITY_MISCONFIGURATION -> report = core(type).put("service", "open DNS resolver");
            default -> {
                assertThat(example.isObject()).as("schema example of " + type).isTrue();
                report = ((ObjectNode) example).deepCopy();
            }
        }
        return report;
    }

    /** The fields every X-ARF report needs, for a type whose schema adds only simple required fields. */
    static ObjectNode core(XarfType type) {
        ObjectNode r = Resources.JSON.createObjectNode();
        r.put("xarf_version", "4.2.0")
                .put("report_id", "0b5c2f9e-8a3d-4c1e-9f7b-2d6e8a4c1b3f")
                .put("timestamp", "2025-02-03T04:05:06Z");
        for (String party : List.of("reporter", "sender")) {
            r.putObject(party)
                    .put("org", "Example Abuse Desk")
                    .put("contact", "abuse@desk.example")
                    .put("domain", "desk.example");
        }
        return r.put("source_identifier", "198.51.100.9")
                .put("category", type.category)
                .put("type", type.type);
    }

    @Test
    void theHandBuiltTypesNeedNothingBeyondTheFieldsTheirSchemasRequire() {
        for (XarfType t : List.of(
                XarfType.INFRASTRUCTURE_COMPROMISED_SERVER,
                XarfType.REPUTATION_THREAT_INTELLIGENCE,
                XarfType.VULNERABILITY_OPEN_SERVICE,
                XarfType.VULNERABILITY_MISCONFIGURATION)) {
            List<String> required = new ArrayList<>();
            Resources.schema("types/" + t.schemaFile).at("/allOf/1/required").forEach(n -> required.add(n.asText()));
            ObjectNode report = reportFor(t);
            required.forEach(f -> assertThat(report.has(f)).as(t + " has " + f).isTrue());
            ObjectNode without = report.deepCopy();
            without.remove(required.get(0));
            assertThatThrownBy(() -> READER.read(t.name(), without.toString()))
                    .hasMessageContaining(
                            "`$." + required.get(0) + "`: missing required field `" + required.get(0) + "`");
        }
    }
}
