package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.auprules.drools.TrustedReporters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reports that fail the X-ARF schemas are rejected, each problem naming its field, schema path and line. */
class XarfValidationTest {

    private static final XarfReader READER = XarfReader.of(List.of(), TrustedReporters.none());
    private static final String DDOS = Resources.text(Resources.XARF_SAMPLES + "connection-ddos.json");

    private static InvalidReportException rejected(String json) {
        try {
            READER.read("report.json", json);
        } catch (InvalidReportException e) {
            return e;
        }
        throw new AssertionError("expected the report to be rejected");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "protocol": "tcp"                   | "protocol": "carrier-pigeon"   | `$.protocol`: `carrier-pigeon` is not one of tcp, udp, icmp, sctp (schema `types/connection-ddos.json#/allOf/1/properties/protocol/enum`, line 22)
            "report_id": "9ac39cd1-85f3-4c31-ae87-a0a95f3ebc83" | "report_id": "not-a-uuid" | `$.report_id`: `not-a-uuid` is not a valid uuid (schema `xarf-core.json#/properties/report_id/format`, line 3)
            "timestamp": "2025-01-11T09:21:23Z" | "timestamp": "yesterday"        | `$.timestamp`: `yesterday` is not a valid date-time (schema `xarf-core.json#/properties/timestamp/format`, line 4)
            "category": "connection"            | "category": "network"          | `$.category`: `network` is not one of messaging, content, copyright, connection, vulnerability, infrastructure, reputation (schema `xarf-core.json#/properties/category/enum`, line 17)
            "peak_pps": 250000                  | "peak_pps": "lots"             | `$.peak_pps`: string found, integer expected (schema `types/connection-ddos.json#/allOf/1/properties/peak_pps/type`, line 24)
            "xarf_version": "4.2.0"             | "xarf_version": "3.0"          | `$.xarf_version`: does not match the regex pattern ^4\\.[0-9]+\\.[0-9]+$ (schema `xarf-core.json#/properties/xarf_version/pattern`, line 2)
            "destination_port": 80              | "destination_port": 70000      | `$.destination_port`: must have a maximum value of 65535 (schema `types/connection-ddos.json#/allOf/1/properties/destination_port/maximum`, line 21)
            """)
    void aFieldThatBreaksItsSchema_isNamedWithItsSchemaPathAndLine(String original, String broken, String problem) {
        assertThat(DDOS).contains(original);

        InvalidReportException e = rejected(DDOS.replace(original, broken));

        assertThat(e.problems()).containsExactly(problem);
        assertThat(e.source()).contains("report.json");
        assertThat(e.line()).isGreaterThan(1);
    }

    @Test
    void aMissingCoreField_isNamedAsTheMissingField() {
        InvalidReportException e =
                rejected(DDOS.replace("\"report_id\": \"9ac39cd1-85f3-4c31-ae87-a0a95f3ebc83\",", ""));

        assertThat(e.problems())
                .containsExactly(
                        "`$.report_id`: missing required field `report_id` (schema `xarf-core.json#/required`, line 1)");
    }

    @Test
    void aMissingTypeField_isNamedWithTheTypeSchema() {
        InvalidReportException e = rejected(DDOS.replace("\"protocol\": \"tcp\",", ""));

        assertThat(e.problems())
                .containsExactly("`$.protocol`: missing required field `protocol` "
                        + "(schema `types/connection-ddos.json#/allOf/1/required`, line 1)");
    }

    @Test
    void everyProblemIsReported_notOnlyTheFirst() {
        InvalidReportException e = rejected(DDOS.replace("\"ddos@ddos-monitor.example\"", "\"not an address\""));

        assertThat(e.problems())
                .containsExactly(
                        "`$.reporter.contact`: `not an address` is not a valid email "
                                + "(schema `xarf-core.json#/$defs/contact_info/properties/contact/format`, line 7)",
                        "`$.sender.contact`: `not an address` is not a valid email "
                                + "(schema `xarf-core.json#/$defs/contact_info/properties/contact/format`, line 12)");
        assertThat(e.getMessage()).endsWith("(and 1 more)");
    }

    @Test
    void anUnknownTypeOfAKnownCategory_isRejectedWithTheTypesItMayHave() {
        InvalidReportException e = rejected(DDOS.replace("\"type\": \"ddos\"", "\"type\": \"smurf\""));

        assertThat(e.problems())
                .containsExactly("`$.type`: unknown X-ARF type `smurf` in category `connection`; "
                        + "expected one of ddos, port_scan, reconnaissance, vulnerability_scan, login_attack, scraping, "
                        + "sql_injection, infected_host (schema `xarf-v4-master.json#/allOf/1/anyOf`, line 18)");
    }

    @Test
    void theTypeSpellingOfTheSchemaFileName_isNotAType() {
        InvalidReportException e = rejected(DDOS.replace("\"type\": \"ddos\"", "\"type\": \"port-scan\""));

        assertThat(e.problems()).singleElement().asString().contains("unknown X-ARF type `port-scan`");
    }

    @Test
    void aValidPortScan_passesBothSchemas() {
        String scan = Resources.text(Resources.XARF_SAMPLES + "connection-port-scan.json");
        assertThat(READER.read("scan.json", scan)).hasSize(1);
    }

    @Test
    void aLoginAttackFromAnIp_needsASourcePort_asItsSchemaRequires() {
        String login = Resources.text(Resources.XARF_SAMPLES + "connection-login-attack.json");

        InvalidReportException e = rejected(login.replace("\"source_port\": 45621,", ""));

        assertThat(e.problems())
                .containsExactly("`$.source_port`: missing required field `source_port` "
                        + "(schema `types/connection-login-attack.json#/allOf/1/then/required`, line 1)");
    }

    @Test
    void aLoginAttackFromADomain_needsNoSourcePort() {
        String login = Resources.text(Resources.XARF_SAMPLES + "connection-login-attack.json");

        assertThat(READER.read(
                        "login.json",
                        login.replace("\"source_port\": 45621,", "")
                                .replace("\"198.51.100.77\"", "\"attacker.example\"")))
                .hasSize(1);
    }

    @Test
    void malformedJson_isRejectedWithItsLineAndColumn() {
        InvalidReportException e = rejected("{\n  \"report_id\": ,\n}");

        assertThat(e.problems())
                .singleElement()
                .asString()
                .isEqualTo(
                        "malformed JSON: expected a value (a string in double quotes, a number, an object, an array, "
                                + "true, false or null), found `,` (line 2, column 16)");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void duplicateKeys_areMalformed() {
        assertThat(rejected("{\"a\": 1, \"a\": 2}").problems())
                .containsExactly(
                        "malformed JSON: duplicate field `a`: an object names each field once (line 1, column 13)");
    }

    @Test
    void anArrayOfReports_isNotOneReport() {
        assertThat(rejected("[" + DDOS + "]").problems())
                .containsExactly("expected one X-ARF v4 report, a JSON object, got an array");
    }

    @Test
    void anEmptyFile_isRejected() {
        assertThat(rejected("  \n").problems())
                .containsExactly("empty file: expected one X-ARF v4 report, a JSON object");
    }

    @Test
    void bytesThatAreNotUtf8_areRejected() {
        byte[] latin1 =
                DDOS.replace("DDoS Protection Service", "Société Générale").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> READER.read("latin1.json", latin1))
                .isInstanceOf(InvalidReportException.class)
                .hasMessage("not UTF-8 text: X-ARF reports are JSON in UTF-8");
    }

    @Test
    void utf8WithAByteOrderMark_isRead() {
        byte[] bom = ("\uFEFF" + DDOS).getBytes(StandardCharsets.UTF_8);
        assertThat(READER.read("bom.json", bom)).hasSize(1);
    }
}
