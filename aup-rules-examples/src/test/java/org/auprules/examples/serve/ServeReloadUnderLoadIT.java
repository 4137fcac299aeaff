package org.auprules.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.auprules.drools.PolicyPack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload under load: 8 client threads evaluate without pause while the pack is changed 20 times,
 * every other change broken. No request fails, every answer names a policy that was live, and no
 * broken pack ever answers. A failsafe IT: 20 compiles beside 8 busy clients take a while on 2 cores.
 */
class ServeReloadUnderLoadIT {

    private static final String ADMIN = "admin-token-0123456789abcdef";
    private static final String BROKEN = """
            package rules;

            import org.auprules.api.facts.*;

            global org.auprules.drools.rules.Findings findings;

            rule "3.1 memory"
                @clause("3.1") @severity("MEDIUM") @message("memory")
            when
                $u : ResourceUsage( memoryMbb > 4096 )
            then
                findings.violation(kcontext, $u);
            end
            """;

    @TempDir
    Path pack;

    @TempDir
    Path etc;

    /** A small pack (the spam part of the shipped one), so that 20 reloads compile in seconds. */
    private void writeSmallPack() throws IOException {
        for (Map.Entry<String, byte[]> f : PolicyPack.defaultPack().files().entrySet()) {
            String name = f.getKey();
            if (name.equals("policy.json")
                    || name.equals("policy.txt")
                    || name.equals("signatures.csv")
                    || name.startsWith("rules/spam")) {
                Path target = pack.resolve(name);
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
        }
    }

    private void setBulkThreshold(int recipients) throws IOException {
        Path json = pack.resolve("policy.json");
        Files.writeString(
                json,
                Files.readString(json)
                        .replaceFirst(
                                "\"bulkRecipientsPerMessage\": \\d+", "\"bulkRecipientsPerMessage\": " + recipients));
    }

    @Test
    void eightThreadsEvaluateWhileThePackChangesTwentyTimes_halfBroken() throws Exception {
        writeSmallPack();
        Path admins = Files.writeString(etc.resolve("admin"), ADMIN + "\n");
        ServerOptions options = ServerOptions.defaults()
                .withPolicy(pack, false)
                .withTokens(BearerTokens.none(), BearerTokens.read(admins));
        Set<String> live = ConcurrentHashMap.newKeySet();
        Set<String> broken = ConcurrentHashMap.newKeySet();
        Map<String, Integer> answered = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean changing = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        String facts = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-basic", "country": "US", "status": "ACTIVE"}],
                 "emails": [{"id": "m-1", "accountId": "acc-1", "sentAt": "2026-11-28T10:00:00Z", "recipientCount": 60,
                             "commercial": false, "hasRemovalLink": true}]}
                """;
        try (AupServer server = AupServer.start(options, m -> {})) {
            server.policyLoaded().join();
            Http http = new Http(server);
            live.add(Http.json(http.get("/v1/policy")).get("digest").asText());
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                running.add(clients.submit(() -> {
                    while (changing.get()) {
                        HttpResponse<String> r = http.post("/v1/evaluate", facts, "Content-Type", "application/json");
                        requests.incrementAndGet();
                        if (r.statusCode() != 200) {
                            failures.add(r.statusCode() + " " + r.body());
                            continue;
                        }
                        answered.merge(Http.json(r).get("policy").get("digest").asText(), 1, Integer::sum);
                    }
                }));
            }
            int rejected = 0;
            int reloaded = 0;
            for (int change = 0; change < 20; change++) {
                if (change % 2 == 1) {
                    Files.writeString(pack.resolve("rules/broken.drl"), BROKEN + "// change " + change + "\n");
                    broken.add(PolicyPack.fromDirectory(pack).digest());
                } else {
                    Files.deleteIfExists(pack.resolve("rules/broken.drl"));
                    setBulkThreshold(1000 + change);
                }
                HttpResponse<String> r = http.post("/v1/policy/reload", "", "Authorization", "Bearer " + ADMIN);
                JsonNode answer = Http.json(r);
                if (change % 2 == 1) {
                    assertThat(r.statusCode()).as("change %d", change).isEqualTo(422);
                    assertThat(answer.get("live").asBoolean()).isFalse();
                    assertThat(answer.get("problems").toString())
                            .contains(pack + "/rules/broken.drl:10:")
                            .contains("unknown field `memoryMbb`");
                    rejected++;
                } else {
                    assertThat(r.statusCode())
                            .as("change %d: %s", change, r.body())
                            .isEqualTo(200);
                    assertThat(answer.get("live").asBoolean()).isTrue();
                    live.add(answer.get("policy").get("digest").asText());
                    reloaded++;
                }
                Thread.sleep(20);
            }
            JsonNode health = Http.json(http.get("/health?policy"));
            changing.set(false);
            for (Future<?> f : running) {
                f.get();
            }
            clients.shutdown();

            assertThat(failures).isEmpty();
            assertThat(rejected).isEqualTo(10);
            assertThat(reloaded).isEqualTo(10);
            assertThat(live).hasSize(11);
            assertThat(answered.keySet()).isSubsetOf(live).doesNotContainAnyElementsOf(broken);
            assertThat(answered.size())
                    .as("answers came from several of the live policies")
                    .isGreaterThan(1);
            assertThat(requests.get()).isGreaterThan(80);
            assertThat(health.get("lastReloadError").get("problems").toString())
                    .as("the last change, broken, is the last reload error")
                    .contains("rules/broken.drl:10:");
            assertThat(health.get("policy").get("digest").asText()).isIn(live);
            assertThat(Http.json(http.get("/metrics")
                            .body()
                            .lines()
                            .filter(l -> l.startsWith("aup_policy_reloads_total"))
                            .map(l -> "\"" + l.replace("\"", "'") + "\"")
                            .toList()
                            .toString()))
                    .map(JsonNode::asText)
                    .containsExactlyInAnyOrder(
                            "aup_policy_reloads_total{outcome='rejected'} 10.0",
                            "aup_policy_reloads_total{outcome='reloaded'} 10.0");
        }
    }

    @Test
    void withWatch_aChangedPackReloadsByItself_andABrokenChangeNeverGoesLive() throws Exception {
        writeSmallPack();
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        try (AupServer server = AupServer.start(ServerOptions.defaults().withPolicy(pack, true), log::add)) {
            server.policyLoaded().join();
            Http http = new Http(server);
            String first = Http.json(http.get("/v1/policy")).get("digest").asText();
            assertThat(Http.json(http.get("/v1/policy")).get("watched").asBoolean())
                    .isTrue();

            setBulkThreshold(1234);
            String changed = PolicyPack.fromDirectory(pack).digest();
            assertThat(changed).isNotEqualTo(first);
            awaitUntil(() ->
                    Http.json(http.get("/v1/policy")).get("digest").asText().equals(changed));

            Files.writeString(pack.resolve("rules/broken.drl"), BROKEN);
            awaitUntil(() -> !Http.json(http.get("/health?policy"))
                    .get("lastReloadError")
                    .isNull());

            JsonNode health = Http.json(http.get("/health?policy"));
            assertThat(health.get("policy").get("digest").asText())
                    .as("the broken change did not replace the live policy")
                    .isEqualTo(changed);
            assertThat(health.get("lastReloadError").get("problems").toString())
                    .contains(pack + "/rules/broken.drl:10:");
            HttpResponse<String> r = http.post(
                    "/v1/evaluate",
                    "{\"accounts\": [{\"id\": \"acc-1\", \"plan\": \"shared-basic\"}]}",
                    "Content-Type",
                    "application/json");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Http.json(r).get("policy").get("digest").asText()).isEqualTo(changed);
            assertThat(log)
                    .anyMatch(l -> l.startsWith("policy reloaded: ") && l.endsWith(changed))
                    .anyMatch(l -> l.startsWith("policy reload rejected, ") && l.contains("broken.drl:10:"));
            assertThat(http.get("/metrics").body())
                    .contains("aup_policy_reloads_total{outcome=\"rejected\"} 1.0")
                    .contains("aup_policy_info{digest=\"" + changed + "\"");
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 90 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
