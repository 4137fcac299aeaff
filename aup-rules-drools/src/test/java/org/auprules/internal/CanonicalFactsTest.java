package org.auprules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.auprules.api.facts.FactSet;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;

/** The canonical input: formatting and key order do not change the hash; values do. */
class CanonicalFactsTest {

    static final String FACTS = """
            {"evaluatedAt": "2026-11-28T12:00:00Z",
             "accounts": [{"id": "acc-1", "plan": "shared-basic", "ips": ["203.0.113.7"]}],
             "processes": [{"id": "p-1", "accountId": "acc-1", "name": "xmrig", "cpuPercent": 98.5,
                            "listeningPorts": [6667]}],
             "reports": [{"id": "r-1", "accountId": "acc-1", "type": "DMCA", "verified": true,
                          "details": {"zeta": "1", "alpha": "2"}}]}
            """;

    static FactSet read(String json) {
        return FactsJson.read(json, null);
    }

    @Test
    void theCanonicalFormHasSortedKeysAndNoWhitespace() {
        String canonical = CanonicalFacts.json(read(FACTS));
        assertThat(canonical)
                .doesNotContain(" ", "\n")
                .startsWith("{\"accessAttempts\":[],\"accounts\":[{\"domains\":[],\"id\":\"acc-1\","
                        + "\"ips\":[\"203.0.113.7\"],\"plan\":\"shared-basic\"}],")
                .contains("\"details\":{\"alpha\":\"2\",\"zeta\":\"1\"}")
                .contains("\"evaluatedAt\":\"2026-11-28T12:00:00Z\"")
                .contains("\"cpuPercent\":98.5");
    }

    @Test
    void reformattingAndReorderingKeys_keepsTheHash() {
        String reordered = """
                {
                  "reports": [ { "details": { "alpha": "2", "zeta": "1" }, "verified": true, "type": "DMCA",
                                 "accountId": "acc-1", "id": "r-1" } ],
                  "processes": [ { "listeningPorts": [ 6667 ], "cpuPercent": 98.50, "name": "xmrig",
                                   "accountId": "acc-1", "id": "p-1" } ],
                  "accounts": [ { "ips": [ "203.0.113.7" ], "plan": "shared-basic", "id": "acc-1" } ],
                  "emails": [],
                  "evaluatedAt": "2026-11-28T12:00:00.000Z"
                }
                """;
        assertThat(CanonicalFacts.sha256(read(reordered)))
                .isEqualTo(CanonicalFacts.sha256(read(FACTS)))
                .startsWith("sha256:")
                .hasSize("sha256:".length() + 64);
    }

    @Test
    void changingAValue_changesTheHash() {
        assertThat(CanonicalFacts.sha256(read(FACTS.replace("98.5", "98.6"))))
                .isNotEqualTo(CanonicalFacts.sha256(read(FACTS)));
        assertThat(CanonicalFacts.sha256(read(FACTS.replace("\"verified\": true", "\"verified\": false"))))
                .isNotEqualTo(CanonicalFacts.sha256(read(FACTS)));
    }

    @Test
    void theCanonicalFormIsValidInputThatReadsBackToTheSameFacts() {
        FactSet facts = read(FACTS);
        String canonical = CanonicalFacts.json(facts);
        assertThat(read(canonical)).isEqualTo(facts);
        assertThat(CanonicalFacts.json(read(canonical))).isEqualTo(canonical);
    }

    @Test
    void factsBuiltInJava_hashLikeTheSameFactsReadFromJson() {
        FactSet fromJson = read("""
                {"accounts": [{"id": "acc-1", "plan": "shared-basic", "status": "ACTIVE"}]}""");
        FactSet fromJava = FactSet.builder()
                .accounts(java.util.List.of(org.auprules.api.facts.Account.of("acc-1", "shared-basic")))
                .build();
        assertThat(CanonicalFacts.sha256(fromJava)).isEqualTo(CanonicalFacts.sha256(fromJson));
    }
}
