package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.auprules.drools.rules.DefaultPack.evaluate;
import static org.auprules.drools.rules.DefaultPack.violations;

import java.util.List;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 2.4 outbound attacks, 2.14 scans, 2.15 audio streams and 2.20 resource-hungry scripts. */
class ProhibitedScriptsRulesTest {

    private static final String HOSTS = "2.14 IP scan across many hosts";
    private static final String PORTS = "2.14 port scan across many ports";

    private static String network(long windowSeconds, long destinations, long ports, long pps) {
        return """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "vps-standard"}],
                 "networkActivity": [{"id": "n-1", "accountId": "acc-1", "windowSeconds": %d,
                                      "distinctDestinations": %d, "distinctDestinationPorts": %d,
                                      "peakPacketsPerSecond": %d, "targetsCompanyInfrastructure": false}]}
                """.formatted(windowSeconds, destinations, ports, pps);
    }

    @ParameterizedTest(name = "{0} pps: violation {1}")
    @CsvSource({"49999, false", "50000, true", "120000, true"})
    void outboundPacketFlood_edge(long pps, boolean violates) {
        List<Violation> found = violations(network(300, 3, 2, pps), "2.4");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::severity)
                .containsExactlyElementsOf(
                        violates ? List.of(tuple("2.4 outbound packet flood", Severity.HIGH)) : List.of());
        if (violates) {
            assertThat(found.get(0).message()).contains("`n-1`", pps + " outbound packets per second", "50000");
        }
    }

    @ParameterizedTest(name = "{1} destinations in {0} s: violation {2}")
    @CsvSource({
        "300,  999, false",
        "300, 1000, true",
        "60,  1000, true",
        "1,   1000, true",
        "301, 1998, false",
        "301, 1999, true",
        "600, 1998, false",
        "600, 1999, true",
        "3600, 11988, false",
        "3600, 11989, true",
        "0, 1000000, false"
    })
    void scanAcrossHosts_edge_andLongerWindowsNeedTheThresholdPerPeriod(
            long window, long destinations, boolean violates) {
        List<Violation> found = violations(network(window, destinations, 1, 10), "2.14");

        assertThat(found)
                .extracting(Violation::ruleId)
                .containsExactlyElementsOf(violates ? List.of(HOSTS) : List.of());
        if (violates) {
            assertThat(found.get(0).message())
                    .contains(destinations + " distinct destinations in " + window + " s", "1000 in 300 s");
        }
    }

    @ParameterizedTest(name = "{1} ports in {0} s: violation {2}")
    @CsvSource({"300, 499, false", "300, 500, true", "900, 1497, false", "900, 1498, true", "0, 65535, false"})
    void scanAcrossPorts_edge(long window, long ports, boolean violates) {
        List<Violation> found = violations(network(window, 1, ports, 10), "2.14");

        assertThat(found)
                .extracting(Violation::ruleId)
                .containsExactlyElementsOf(violates ? List.of(PORTS) : List.of());
    }

    @Test
    void scanAcrossHostsAndPorts_isTwoKindsOfScan() {
        assertThat(violations(network(300, 40000, 3000, 10), "2.14"))
                .extracting(Violation::ruleId)
                .containsExactlyInAnyOrder(HOSTS, PORTS);
    }

    @Test
    void quietTraffic_isFine() {
        assertThat(evaluate(network(300, 40, 3, 800)).violations()).isEmpty();
    }

    private static String streams(boolean... commercial) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < commercial.length; i++) {
            list.append(i == 0 ? "" : ",").append("""
                    {"id": "s-%d", "accountId": "acc-1", "server": "icecast", "mount": "/live%d", "commercial": %s}""".formatted(i + 1, i + 1, commercial[i]));
        }
        return """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-pro"}, {"id": "acc-2", "plan": "shared-pro"}],
                 "audioStreams": [%s]}
                """.formatted(list);
    }

    @Test
    void oneCommercialStream_isAllowed() {
        assertThat(evaluate(streams(true)).violations()).isEmpty();
    }

    @Test
    void twoCommercialStreams_violate2_15() {
        List<Violation> found = violations(streams(true, true), "2.15");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::severity, Violation::accountId)
                .containsExactly(tuple("2.15 more than one commercial audio stream", Severity.MEDIUM, "acc-1"));
        assertThat(found.get(0).evidence()).extracting(e -> e.id()).containsExactly("s-1", "s-2");
        assertThat(found.get(0).message())
                .startsWith("2 commercial audio streams")
                .contains("`/live2`");
    }

    @Test
    void nonCommercialStreams_doNotCount() {
        assertThat(evaluate(streams(false, true, false, false)).violations()).isEmpty();
    }

    @Test
    void threeCommercialStreams_areOneViolationCitingAll() {
        List<Violation> found = violations(streams(true, false, true, true), "2.15");

        assertThat(found).hasSize(1);
        assertThat(found.get(0).evidence()).extracting(e -> e.id()).containsExactly("s-1", "s-3", "s-4");
    }

    private static String process(String plan, double cpu, long runtime, long memoryMb) {
        return """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "%s"}],
                 "processes": [{"id": "p-1", "accountId": "acc-1", "pid": 4242, "name": "render.php",
                                "commandLine": "php render.php", "cpuPercent": %s, "memoryMb": %d,
                                "runtimeSeconds": %d}]}
                """.formatted(plan, cpu, memoryMb, runtime);
    }

    @ParameterizedTest(name = "plan {0}: {1}% CPU for {2} s: violation {3}")
    @CsvSource({
        "shared-basic, 99.9, 3600, false",
        "shared-basic, 100,  3599, false",
        "shared-basic, 100,  3600, true",
        "vps-standard, 199.9, 86400, false",
        "vps-standard, 200,  3600, true"
    })
    void scriptWithSustainedCpu_edge_perPlan(String plan, double cpu, long runtime, boolean violates) {
        List<Violation> found = violations(process(plan, cpu, runtime, 10), "2.20");

        assertThat(found)
                .extracting(Violation::ruleId)
                .containsExactlyElementsOf(violates ? List.of("2.20 script with sustained high CPU") : List.of());
        if (violates) {
            assertThat(found.get(0).message()).contains("`render.php` (pid 4242)", "plan `" + plan + "`");
        }
    }

    @ParameterizedTest(name = "plan {0}: {1} MB: violation {2}")
    @CsvSource({
        "shared-basic, 1023, false",
        "shared-basic, 1024, true",
        "vps-standard, 4095, false",
        "vps-standard, 4096, true",
        "no-such-plan, 2047, false",
        "no-such-plan, 2048, true"
    })
    void scriptUsingThePlansMemory_edge(String plan, long memoryMb, boolean violates) {
        List<Violation> found = violations(process(plan, 1, 60, memoryMb), "2.20");

        assertThat(found)
                .extracting(Violation::ruleId)
                .containsExactlyElementsOf(violates ? List.of("2.20 script using the plan's whole memory") : List.of());
        if (violates && plan.equals("no-such-plan")) {
            assertThat(found.get(0).message()).contains("the default limits");
        }
    }
}
