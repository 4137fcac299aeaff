package org.auprules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.auprules.api.EvaluationResult;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.json.FactsJson;
import org.auprules.json.ResultJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No verdict depends on the order of the input: the sample fleet, with accounts that share
 * addresses and listings and reports that name only an address or a domain, shuffled as a whole
 * (accounts, every list of facts, every list inside a fact, the order of every object's fields)
 * gives the same output document, byte for byte, as the CLI's {@code evaluate --format json} writes it.
 */
class OrderIndependenceTest {

    static final int SHUFFLES = 60;
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final DroolsAupEvaluator EVALUATOR =
            DroolsAupEvaluator.builder().defaultPolicy().build();

    static ObjectNode document;
    static String expected;

    /** The neighbours: two accounts on one server address and overlapping ranges, and what names them. */
    static final String NEIGHBOURS = """
            {"accounts": [
               {"id": "acc-shared-a", "plan": "shared-pro", "ips": ["198.51.100.200", "2001:db8:5::/64"], "domains": ["neighbours.example"]},
               {"id": "acc-shared-b", "plan": "shared-pro", "ips": ["198.51.100.192/28", "2001:0db8:0005:0000::00c8"], "domains": ["Neighbours.Example."]},
               {"id": "acc-books", "plan": "shared-pro", "ips": ["::ffff:198.51.100.250"], "domains": ["bücher.example"]}],
             "emails": [
               {"id": "m-shared-b", "accountId": "acc-shared-b", "sentAt": "2026-11-26T09:00:00Z", "sendingIp": "2001:db8:5::c8",
                "fromAddress": "news@neighbours.example", "recipientCount": 1, "fromDomainAligned": true}],
             "blacklistListings": [
               {"id": "bl-nobody-shown", "ip": "198.51.100.200", "list": "zen.spamhaus.org", "listedAt": "2026-11-27T00:00:00Z", "ipScope": "SHARED"},
               {"id": "bl-b-mailed", "ip": "2001:DB8:5:0:0:0:0:C8", "list": "zen.spamhaus.org", "listedAt": "2026-11-27T00:00:00Z", "ipScope": "SHARED"},
               {"id": "bl-books", "ip": "198.51.100.250", "list": "bl.spamcop.net", "listedAt": "2026-11-27T00:00:00Z"}],
             "reports": [
               {"id": "r-books", "type": "PHISHING", "verified": true, "receivedAt": "2026-11-27T00:00:00Z", "url": "https://login.XN--BCHER-KVA.example/"},
               {"id": "r-neighbours", "type": "SCRAPING", "verified": true, "receivedAt": "2026-11-27T00:00:00Z", "domain": "neighbours.example"}]}
            """;

    @BeforeAll
    static void fleetWithNeighbours() throws IOException {
        document = (ObjectNode) MAPPER.readTree(Files.readString(Path.of("samples/fleet.json")));
        ObjectNode extra = (ObjectNode) MAPPER.readTree(NEIGHBOURS);
        for (Map.Entry<String, JsonNode> e : extra.properties()) {
            ArrayNode list = document.withArray(e.getKey());
            e.getValue().forEach(list::add);
        }
        // a fact without an id is named by its place in the input: give each the name it has
        // unshuffled, so that shuffling changes only the order
        for (Map.Entry<String, JsonNode> e : document.properties()) {
            if (e.getValue().isArray() && !e.getKey().equals("accounts")) {
                for (int i = 0; i < e.getValue().size(); i++) {
                    ObjectNode fact = (ObjectNode) e.getValue().get(i);
                    if (!fact.has("id")) {
                        fact.put("id", e.getKey() + "[" + i + "]");
                    }
                }
            }
        }
        expected = output(MAPPER.writeValueAsString(document));
    }

    static String output(String facts) {
        EvaluationResult result = EVALUATOR.evaluate(FactsJson.read(facts, null));
        return ResultJson.write(result);
    }

    @Test
    void theUnshuffledDocument_citesOnlyWhatTheFactsProve() throws IOException {
        JsonNode out = MAPPER.readTree(expected);
        List<String> listings = new ArrayList<>();
        out.get("violations").forEach(v -> {
            if (v.get("evidence").toString().contains("bl-")
                    || v.get("evidence").toString().contains("r-books")
                    || v.get("evidence").toString().contains("r-neighbours")) {
                listings.add(v.get("accountId").asText() + " " + v.get("ruleId").asText());
            }
        });
        assertThat(listings)
                .containsExactlyInAnyOrder(
                        "acc-books 1.A.3 blacklisted dedicated IP address",
                        "acc-books 2.9 verified phishing or fraud report",
                        "acc-shared-b 1.A.3 blacklisted IP address shared with other customers",
                        "acc-shared-b 2.5 verified scraping report");
        List<String> reviews = new ArrayList<>();
        out.get("notices").forEach(n -> {
            if (n.get("reportId").asText().equals("bl-nobody-shown")) {
                reviews.add(n.get("accountId").asText() + " " + n.get("kind").asText());
            }
        });
        assertThat(reviews).containsExactly("acc-shared-a REPORT_FOR_REVIEW", "acc-shared-b REPORT_FOR_REVIEW");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shufflingTheWholeDocument_neverChangesOneByteOfTheOutput() throws IOException {
        Random random = new Random(20261128L);
        Set<String> inputs = new HashSet<>();
        for (int i = 0; i < SHUFFLES; i++) {
            String shuffled = MAPPER.writeValueAsString(shuffle(document, random));
            inputs.add(shuffled);
            assertThat(output(shuffled)).as("shuffle %d:%n%s", i, shuffled).isEqualTo(expected);
        }
        assertThat(inputs).as("every shuffle is a different document").hasSize(SHUFFLES);
    }

    /** A copy of a JSON value with every array's elements and every object's fields in a random order. */
    static JsonNode shuffle(JsonNode node, Random random) {
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(e -> elements.add(shuffle(e, random)));
            Collections.shuffle(elements, random);
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            elements.forEach(out::add);
            return out;
        }
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            Collections.shuffle(fields, random);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(f -> out.set(f.getKey(), shuffle(f.getValue(), random)));
            return out;
        }
        return node;
    }
}
