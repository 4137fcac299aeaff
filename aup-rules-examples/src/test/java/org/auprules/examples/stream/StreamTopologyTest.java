package org.auprules.examples.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.Violation;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;
import org.auprules.examples.bench.FleetGenerator;
import org.auprules.json.FactsJson;
import org.auprules.json.FactsJsonWriter;
import org.auprules.json.ResultJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology of {@code aup-rules stream}, run in a {@code TopologyTestDriver}: no broker. */
class StreamTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(5);

    @TempDir
    static Path tmp;

    static CompiledPolicy defaultPolicy;
    /** The default pack with bulk mail at 20 messages an hour and one verified complaint enough for 1.A.5. */
    static Path strictFolder;

    static CompiledPolicy strictPolicy;

    @BeforeAll
    static void packs() throws IOException {
        defaultPolicy = StreamDriver.compile(PolicyPack.defaultPack());
        strictFolder = StreamDriver.packCopy(Files.createDirectory(tmp.resolve("strict")), p -> p.replace(
                        "\"bulkMessagesPerHour\": 500", "\"bulkMessagesPerHour\": 20")
                .replace("\"spamComplaints\": 3,", "\"spamComplaints\": 1,"));
        strictPolicy = StreamDriver.compile(PolicyPack.fromDirectory(strictFolder));
    }

    static String email(String id, Instant sentAt) {
        return "{\"id\":\"" + id + "\",\"sentAt\":\"" + sentAt + "\",\"fromAddress\":\"news@a.example\","
                + "\"recipientCount\":1,\"subject\":\"Hello\",\"commercial\":false,\"hasRemovalLink\":true}";
    }

    static String complaint(String id, Instant receivedAt) {
        return "{\"id\":\"" + id + "\",\"type\":\"SPAM\",\"receivedAt\":\"" + receivedAt
                + "\",\"reporter\":\"abuse@isp.example\",\"verified\":true}";
    }

    static List<JsonNode> ofClause(List<JsonNode> changes, String clause) {
        return changes.stream()
                .filter(c -> c.get("clause").asText().equals(clause))
                .toList();
    }

    @Test
    void aMailBurstInsideOneHourIsBulkAndTheSameCountOverTwoHoursIsNot() {
        try (StreamDriver d = new StreamDriver(strictPolicy, GRACE)) {
            d.account("burst", T0);
            d.account("spread", T0);
            for (int i = 0; i < 19; i++) {
                d.fact("burst", "email", email("b" + i, T0.plusSeconds(60L * i)), T0.plusSeconds(60L * i));
            }
            assertThat(ofClause(d.changes(), "1.A.2"))
                    .as("19 messages are below the threshold")
                    .isEmpty();
            Instant twentieth = T0.plusSeconds(60L * 19);
            d.fact("burst", "email", email("b19", twentieth), twentieth);
            List<JsonNode> opened = ofClause(d.changes(), "1.A.2");
            assertThat(opened).isNotEmpty().allSatisfy(c -> {
                assertThat(c.get("change").asText()).isEqualTo("OPENED");
                assertThat(c.get("accountId").asText()).isEqualTo("burst");
                assertThat(c.get("violation").get("evidence")).hasSize(20);
                assertThat(c.get("policyDigest").asText())
                        .isEqualTo(strictPolicy.info().digest());
                assertThat(c.get("eventTime").asText()).isEqualTo(twentieth.toString());
            });

            // 20 messages 7 minutes apart: no 60 minutes hold more than 9
            for (int i = 0; i < 20; i++) {
                Instant at = twentieth.plusSeconds(420L * (i + 1));
                d.fact("spread", "email", email("s" + i, at), at);
            }
            assertThat(d.changes()).noneMatch(c -> c.get("accountId").asText().equals("spread"));
            assertThat(d.state("spread").get("events").get("emails")).hasSize(20);
            assertThat(d.deadLetters()).isEmpty();
        }
    }

    @Test
    void spamComplaintsCountOverThirtyDaysAndExpire() {
        try (StreamDriver d = new StreamDriver(defaultPolicy, GRACE)) {
            d.account("acc", T0);
            d.fact("acc", "report", complaint("r1", T0), T0);
            d.fact("acc", "report", complaint("r2", T0.plus(Duration.ofDays(10))), T0.plus(Duration.ofDays(10)));
            assertThat(d.changes()).as("two complaints are below three").isEmpty();
            Instant third = T0.plus(Duration.ofDays(29));
            d.fact("acc", "report", complaint("r3", third), third);
            List<JsonNode> opened = d.changes();
            assertThat(opened).singleElement().satisfies(c -> {
                assertThat(c.get("change").asText()).isEqualTo("OPENED");
                assertThat(c.get("clause").asText()).isEqualTo("1.A.5");
                assertThat(c.get("violation").get("evidence")).hasSize(3);
            });

            // a day later the first complaint is 30 days old and still counts; the message names the new moment
            d.account("other", T0.plus(Duration.ofDays(30)));
            assertThat(d.changes()).as("same evidence, nothing to say").isEmpty();

            // another account's event moves stream time past r1's window: the expiry alone resolves acc
            Instant later = T0.plus(Duration.ofDays(30)).plus(Duration.ofMinutes(2));
            d.account("other", later);
            assertThat(d.changes()).singleElement().satisfies(c -> {
                assertThat(c.get("change").asText()).isEqualTo("RESOLVED");
                assertThat(c.get("accountId").asText()).isEqualTo("acc");
                assertThat(c.get("clause").asText()).isEqualTo("1.A.5");
                assertThat(c.get("eventTime").asText()).isEqualTo(later.toString());
            });
            assertThat(d.state("acc").get("events").get("reports"))
                    .as("within the grace period r1 is still held")
                    .hasSize(3);
            Instant afterGrace = later.plus(GRACE);
            d.account("other", afterGrace);
            assertThat(d.changes()).isEmpty();
            assertThat(d.state("acc").get("events").get("reports"))
                    .extracting(r -> r.get("fact").get("id").asText())
                    .containsExactly("r2", "r3");

            // a complaint older than retention plus grace is refused, not stored
            d.fact("acc", "report", complaint("r0", T0.minus(Duration.ofDays(1))), T0.minus(Duration.ofDays(1)));
            assertThat(d.deadLetters()).singleElement().satisfies(l -> assertThat(
                            l.get("reason").asText())
                    .startsWith("late event:")
                    .contains("PT720H", "spamComplaintWindowDays=30"));
            assertThat(d.state("acc").get("events").get("reports")).hasSize(2);
        }
    }

    @Test
    void aProcessGoneFromTheNextSnapshotIsResolvedAndTheRestStays() {
        try (StreamDriver d = new StreamDriver(defaultPolicy, GRACE)) {
            d.account("acc", T0);
            String miner = "{\"id\":\"p1\",\"pid\":1,\"name\":\"xmrig\",\"commandLine\":\"./xmrig\"}";
            String web = "{\"id\":\"p2\",\"pid\":2,\"name\":\"nginx\",\"commandLine\":\"nginx\"}";
            Instant s1 = T0.plusSeconds(60);
            d.facts.pipeInput("acc", "{\"type\":\"process\",\"snapshot\":\"" + s1 + "\",\"fact\":" + miner + "}", s1);
            d.facts.pipeInput("acc", "{\"type\":\"process\",\"snapshot\":\"" + s1 + "\",\"fact\":" + web + "}", s1);
            List<JsonNode> opened = d.changes();
            assertThat(opened).isNotEmpty().allSatisfy(c -> {
                assertThat(c.get("change").asText()).isEqualTo("OPENED");
                assertThat(c.get("violation").get("evidence").toString()).contains("p1");
            });
            Set<String> clauses = new TreeSet<>();
            opened.forEach(c -> clauses.add(c.get("clause").asText()));

            Instant s2 = T0.plusSeconds(360);
            d.facts.pipeInput("acc", "{\"type\":\"process\",\"snapshot\":\"" + s2 + "\",\"fact\":" + web + "}", s2);
            List<JsonNode> resolved = d.changes();
            assertThat(resolved).hasSize(opened.size()).allSatisfy(c -> {
                assertThat(c.get("change").asText()).isEqualTo("RESOLVED");
                assertThat(c.get("eventTime").asText()).isEqualTo(s2.toString());
            });
            assertThat(resolved).extracting(c -> c.get("clause").asText()).containsExactlyInAnyOrderElementsOf(clauses);
            assertThat(d.state("acc").get("snapshots").get("processes").get("facts"))
                    .extracting(p -> p.get("id").asText())
                    .containsExactly("p2");

            // the same snapshot again says nothing; an older one is refused
            d.facts.pipeInput("acc", "{\"type\":\"process\",\"snapshot\":\"" + s2 + "\",\"fact\":" + web + "}", s2);
            assertThat(d.changes()).isEmpty();
            d.facts.pipeInput("acc", "{\"type\":\"process\",\"snapshot\":\"" + s1 + "\",\"fact\":" + miner + "}", s2);
            assertThat(d.changes()).isEmpty();
            assertThat(d.deadLetters())
                    .singleElement()
                    .satisfies(l -> assertThat(l.get("reason").asText()).startsWith("stale snapshot:"));

            // the miner is back, then the account is deleted: a tombstone resolves all and forgets the state
            Instant s3 = T0.plusSeconds(600);
            d.facts.pipeInput("acc", "{\"type\":\"process\",\"snapshot\":\"" + s3 + "\",\"fact\":" + miner + "}", s3);
            assertThat(d.changes())
                    .hasSize(opened.size())
                    .allSatisfy(c -> assertThat(c.get("change").asText()).isEqualTo("OPENED"));
            d.accounts.pipeInput("acc", (String) null, s3.plusSeconds(60));
            assertThat(d.changes())
                    .hasSize(opened.size())
                    .allSatisfy(c -> assertThat(c.get("change").asText()).isEqualTo("RESOLVED"));
            assertThat(d.state("acc")).isNull();
        }
    }

    @Test
    void aPackReloadChangesLaterVerdictsAndNotEarlierOnesAndABadPackKeepsTheLastGoodOne() throws IOException {
        try (StreamDriver d = new StreamDriver(defaultPolicy, GRACE)) {
            String before = defaultPolicy.info().digest();
            d.account("acc", T0);
            d.fact("acc", "report", complaint("r1", T0), T0);
            assertThat(d.changes())
                    .as("one complaint is below the default three")
                    .isEmpty();

            String strict = PolicyPack.fromDirectory(strictFolder).digest();
            d.control.pipeInput("pack", "{\"digest\":\"" + strict + "\",\"pack\":\"" + strictFolder + "\"}", T0);
            assertThat(d.holder.lastOutcome().status()).isEqualTo(PolicyHolder.Outcome.Status.RELOADED);
            assertThat(d.changes()).as("a reload re-judges nothing by itself").isEmpty();

            Instant next = T0.plusSeconds(60);
            d.fact("acc", "login", "{\"country\":\"US\",\"ip\":\"198.51.100.1\",\"at\":\"" + next + "\"}", next);
            assertThat(d.changes()).singleElement().satisfies(c -> {
                assertThat(c.get("change").asText()).isEqualTo("OPENED");
                assertThat(c.get("clause").asText()).isEqualTo("1.A.5");
                assertThat(c.get("policyDigest").asText()).isEqualTo(strict).isNotEqualTo(before);
            });

            // a folder whose digest is not the announced one, and a pack that does not compile: both refused
            Path broken = StreamDriver.packCopy(
                    Files.createDirectory(tmp.resolve("broken")),
                    p -> p.replace("\"thresholds\": {", "\"thresholds\": {,"));
            d.control.pipeInput("pack", "{\"digest\":\"sha256:0000\",\"pack\":\"" + broken + "\"}", next);
            assertThat(d.holder.lastOutcome().status()).isEqualTo(PolicyHolder.Outcome.Status.REJECTED);
            assertThat(d.holder.lastOutcome().reason()).contains("not the announced `sha256:0000`");
            String brokenDigest = PolicyPack.fromDirectory(broken).digest();
            d.control.pipeInput("pack", "{\"digest\":\"" + brokenDigest + "\",\"pack\":\"" + broken + "\"}", next);
            assertThat(d.holder.lastOutcome().status()).isEqualTo(PolicyHolder.Outcome.Status.REJECTED);
            assertThat(d.holder.lastOutcome().reason()).contains("is invalid");
            assertThat(d.holder.current().digest()).isEqualTo(strict);

            Instant last = next.plusSeconds(60);
            d.fact("acc", "report", complaint("r2", last), last);
            assertThat(d.changes()).singleElement().satisfies(c -> {
                assertThat(c.get("change").asText()).isEqualTo("CHANGED");
                assertThat(c.get("policyDigest").asText()).isEqualTo(strict);
                assertThat(c.get("previous").get("evidence")).hasSize(1);
                assertThat(c.get("violation").get("evidence")).hasSize(2);
            });
            assertThat(d.deadLetters()).isEmpty();
        }
    }

    @Test
    void malformedAndUnknownEventsGoToTheDeadLetterTopicWithTheClisWordsAndTheStreamGoesOn() {
        try (StreamDriver d = new StreamDriver(defaultPolicy, GRACE)) {
            d.account("acc", T0);
            String cpuTypo = "{\"id\":\"p1\",\"accountId\":\"acc\",\"pid\":1,\"name\":\"nginx\",\"cpuPercnt\":3}";
            String cliSays;
            try {
                FactsJson.read("{\"accounts\":[{\"id\":\"acc\"}],\"processes\":[" + cpuTypo + "]}", null);
                throw new AssertionError("the CLI's reader accepted a typo");
            } catch (InvalidFactsException e) {
                cliSays = e.problem().message();
            }
            d.facts.pipeInput("acc", "{\"type\":\"process\",\"fact\":" + cpuTypo + "}", T0);
            d.facts.pipeInput("acc", "{\"type\":\"procss\",\"fact\":{}}", T0);
            d.facts.pipeInput("acc", "{\"type\":\"email\",\"fact\":{\"id\":\"m1\"", T0);
            d.facts.pipeInput("acc", "{\"type\":\"email\",\"fact\":{\"id\":\"m1\",\"accountId\":\"bob\"}}", T0);
            d.facts.pipeInput((String) null, "{\"type\":\"email\",\"fact\":{\"id\":\"m1\"}}", T0);
            d.facts.pipeInput("acc", "{\"type\":\"website\"}", T0);
            d.accounts.pipeInput("acc2", "{\"id\":\"acc3\"}", T0);
            d.fact("acc", "process", "{\"id\":\"p9\",\"pid\":9,\"name\":\"xmrig\",\"commandLine\":\"xmrig\"}", T0);

            List<JsonNode> letters = d.deadLetters();
            assertThat(letters)
                    .extracting(l -> l.get("reason").asText())
                    .containsExactly(
                            "$.fact.cpuPercnt: " + cliSays,
                            "$.type: unknown type `procss`; expected one of accessAttempt, audioStream, blacklistListing, "
                                    + "email, export, file, login, mailingList, networkActivity, optOutRequest, permit, "
                                    + "process, report, resourceUsage, website",
                            letters.get(2).get("reason").asText(),
                            "$.fact.accountId: `bob` is not the record key `acc`: a fact event is keyed by the id of its account",
                            "the record has no key: fact events are keyed by account id",
                            "$: missing required field `fact` (only an empty snapshot, with `snapshot`, has none)",
                            "$.id: `acc3` is not the record key `acc2`: an account record is keyed by its id");
            assertThat(letters.get(2).get("reason").asText())
                    .startsWith("malformed JSON:")
                    .contains("line 1");
            assertThat(cliSays).startsWith("unknown field `cpuPercnt`; expected one of");
            assertThat(letters.get(0).get("topic").asText()).isEqualTo("aup-facts");
            assertThat(letters.get(0).get("value").asText()).contains("cpuPercnt");
            assertThat(letters).allSatisfy(l -> assertThat(l.get("policyDigest").asText())
                    .isEqualTo(defaultPolicy.info().digest()));

            // the stream went on: the last, valid event was judged, and nothing bad reached the state
            assertThat(d.changes())
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.get("accountId").asText()).isEqualTo("acc"));
            assertThat(d.state("acc").get("snapshots").get("processes").get("facts"))
                    .extracting(p -> p.get("id").asText())
                    .containsExactly("p9");
            assertThat(d.state("acc").has("events")).isFalse();
            assertThat(d.state("acc2")).isNull();
        }
    }

    @Test
    void theStreamsVerdictsOnAGeneratedFleetEqualThoseOfEvaluateOnTheSameFacts() {
        FactSet fleet = FleetGenerator.generate(60, 15);
        EvaluationResult batch = DroolsAupEvaluator.builder()
                .compiledPolicy(defaultPolicy)
                .build()
                .evaluate(fleet);
        assertThat(batch.violations()).as("the fleet breaks some clauses").hasSizeGreaterThan(10);
        Instant now = fleet.evaluatedAt();
        try (StreamDriver d = new StreamDriver(defaultPolicy, GRACE)) {
            List<TestRecord<String, String>> events = FleetEvents.of(fleet);
            ObjectNode doc = FactsJsonWriter.toTree(fleet);
            for (JsonNode a : doc.get("accounts")) {
                d.accounts.pipeInput(a.get("id").asText(), a.toString(), now);
            }
            d.facts.pipeRecordList(events);
            assertThat(d.deadLetters()).isEmpty();

            Map<String, Map<String, JsonNode>> open = new TreeMap<>();
            for (JsonNode c : d.changes()) {
                Map<String, JsonNode> of =
                        open.computeIfAbsent(c.get("accountId").asText(), k -> new TreeMap<>());
                String finding =
                        finding(c.get("ruleId").asText(), c.get("violation").get("evidence"));
                switch (c.get("change").asText()) {
                    case "OPENED" -> of.put(finding, c.get("violation"));
                    case "CHANGED" -> {
                        of.remove(finding(
                                c.get("ruleId").asText(), c.get("previous").get("evidence")));
                        of.put(finding, c.get("violation"));
                    }
                    case "RESOLVED" -> of.remove(finding);
                    default -> throw new AssertionError(c);
                }
            }
            Map<String, Set<String>> streamed = new TreeMap<>();
            open.forEach((account, findings) -> {
                if (!findings.isEmpty()) {
                    streamed.put(account, new TreeSet<>(findings.keySet()));
                }
            });
            Map<String, Set<String>> evaluated = new TreeMap<>();
            Map<String, List<String>> evaluatedJson = new HashMap<>();
            for (Violation v : batch.violations()) {
                ObjectNode json = ResultJson.violation(v);
                evaluated
                        .computeIfAbsent(v.accountId(), k -> new TreeSet<>())
                        .add(finding(v.ruleId(), json.get("evidence")));
                evaluatedJson
                        .computeIfAbsent(v.accountId(), k -> new ArrayList<>())
                        .add(json.toString());
            }
            assertThat(streamed).isEqualTo(evaluated);

            // and the verdict each account's state holds is the one evaluate gives, message and all
            for (Map.Entry<String, List<String>> e : evaluatedJson.entrySet()) {
                ArrayNode held = (ArrayNode) d.state(e.getKey()).get("verdict");
                List<String> messages = new ArrayList<>();
                held.forEach(v -> messages.add(v.get("message").asText()));
                List<String> expected = batch.violationsOf(e.getKey()).stream()
                        .map(Violation::message)
                        .toList();
                assertThat(messages).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    /**
     * A rule and its evidence. A fact without an id is named by its place in the document it was
     * read from: {@code accessAttempts[3]} in the fleet's document is {@code accessAttempts[0]} in
     * its account's, so places are compared without their index.
     */
    static String finding(String rule, JsonNode evidence) {
        return rule + " " + evidence.toString().replaceAll("([A-Za-z]+)\\[\\d+\\]", "$1[]");
    }

    @Test
    void exactlyOnceV2IsTheDefaultAndTheRetentionComesFromThePack() {
        assertThat(StreamSettings.defaults().getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo("exactly_once_v2");
        assertThat(Retention.of(defaultPolicy.document()))
                .isEqualTo(new Retention(Duration.ofDays(30), "spamComplaintWindowDays=30"));
        CompiledPolicy longer = StreamDriver.compile(PolicyPack.ofFiles(
                "longer",
                Map.of(
                        PolicyPack.POLICY_FILE,
                        new String(
                                        PolicyPack.defaultPack().files().get(PolicyPack.POLICY_FILE),
                                        java.nio.charset.StandardCharsets.UTF_8)
                                .replace("\"shared-pro\": {", "\"shared-pro\": {\"spamComplaintWindowDays\": 45,"),
                        "rules/empty.drl",
                        "package rules;\n")));
        assertThat(Retention.of(longer.document()))
                .isEqualTo(new Retention(Duration.ofDays(45), "shared-pro:spamComplaintWindowDays=45"));
    }
}
