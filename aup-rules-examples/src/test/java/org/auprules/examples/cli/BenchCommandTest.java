package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code aup-rules bench} as a user runs it: a small fleet, one JSON document, progress on stderr. */
class BenchCommandTest {

    @Test
    void printsOneDocumentWithEveryFigureAndSaneValues() throws Exception {
        CliRun run = CliRun.of("bench", "--accounts", "120", "--seed", "7", "--threads", "1,2", "--rounds", "2");

        assertThat(run.code()).as(run.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.fieldNames())
                .toIterable()
                .containsExactly(
                        "machine",
                        "coldStart",
                        "packBuildMillis",
                        "fleet",
                        "cpuMicrosPerAccount",
                        "throughput",
                        "latencyMicros",
                        "threeWay");
        JsonNode machine = doc.get("machine");
        assertThat(machine.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(machine.get("jvm").asText()).contains(System.getProperty("java.runtime.version"));
        assertThat(machine.get("loadAverageBefore")).hasSize(3);
        assertThat(machine.get("loadAverageAfter").get(0).asDouble()).isNotNegative();

        JsonNode cold = doc.get("coldStart");
        assertThat(cold.get("exitCode").asInt())
                .as("the child evaluates the generated facts")
                .isZero();
        assertThat(cold.get("wallMillis").asLong()).isBetween(100L, 300_000L);
        assertThat(doc.get("packBuildMillis").asLong()).isBetween(1L, 300_000L);

        JsonNode fleet = doc.get("fleet");
        assertThat(fleet.get("accounts").asInt()).isEqualTo(120);
        assertThat(fleet.get("seed").asLong()).isEqualTo(7);
        assertThat(fleet.get("facts").asLong())
                .as("about a dozen facts an account")
                .isBetween(120L * 8, 120L * 20);
        assertThat(fleet.get("peakHeapMiB").asLong()).isPositive();

        assertThat(doc.get("cpuMicrosPerAccount").asDouble()).isBetween(1.0, 1_000_000.0);
        JsonNode throughput = doc.get("throughput");
        assertThat(throughput).hasSize(2);
        assertThat(throughput.get(0).get("threads").asInt()).isEqualTo(1);
        assertThat(throughput.get(0).has("speedupOverOneThread")).isFalse();
        assertThat(throughput.get(1).get("threads").asInt()).isEqualTo(2);
        assertThat(throughput.get(1).get("speedupOverOneThread").asDouble()).isPositive();
        for (JsonNode row : throughput) {
            assertThat(row.get("factsPerSecond").asLong())
                    .as("facts per second are accounts per second times facts per account")
                    .isGreaterThan(row.get("accountsPerSecond").asLong());
        }
        JsonNode latency = doc.get("latencyMicros");
        assertThat(latency.get("accounts").asInt()).isEqualTo(120);
        assertThat(latency.get("p99").asDouble())
                .isGreaterThanOrEqualTo(latency.get("p50").asDouble());
        assertThat(latency.get("p50").asDouble()).isPositive();

        JsonNode three = doc.get("threeWay");
        assertThat(three.get("rules").asInt())
                .as("the subset's rules that report violations")
                .isEqualTo(40);
        assertThat(three.get("ruleFiles")).hasSize(6);
        assertThat(three.get("accounts").asInt()).as("the same fleet").isEqualTo(120);
        assertThat(three.get("identicalViolations").asBoolean()).isTrue();
        assertThat(three.get("violations").asInt())
                .as("the generated fleet breaks some of the subset's rules")
                .isPositive();
        JsonNode cpu = three.get("cpuMicrosPerAccount");
        assertThat(cpu.fieldNames()).toIterable().containsExactly("library", "handWrittenJava", "easyRules");
        for (JsonNode micros : cpu) {
            assertThat(micros.asDouble()).isBetween(0.01, 1_000_000.0);
        }
        assertThat(three.get("libraryOverJava").asDouble())
                .as("the ratio is of the figures printed")
                .isCloseTo(
                        cpu.get("library").asDouble()
                                / cpu.get("handWrittenJava").asDouble(),
                        withinPercentage(5))
                .isPositive();
        assertThat(three.get("libraryOverEasyRules").asDouble())
                .isCloseTo(cpu.get("library").asDouble() / cpu.get("easyRules").asDouble(), withinPercentage(5));

        assertThat(run.err())
                .contains(
                        "bench: cold start", "bench: building the default pack", "bench: latency", "bench: three ways")
                .doesNotContain("different violations");
    }

    @Test
    void badOptionsExitWith2_beforeMeasuringAnything() {
        CliRun bad = CliRun.of("bench", "--accounts", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--accounts must be at least 1, got 0").doesNotContain("bench: ");
        assertThat(bad.out()).isEmpty();

        CliRun threads = CliRun.of("bench", "--threads", "1,0");
        assertThat(threads.code()).isEqualTo(2);
        assertThat(threads.err()).contains("--threads must be at least 1 each, got 0");
    }
}
