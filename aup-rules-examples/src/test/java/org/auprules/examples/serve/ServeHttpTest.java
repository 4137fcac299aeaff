package org.auprules.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint and status of the server without authentication, over real HTTP on 127.0.0.1. */
class ServeHttpTest {

    static final String FLEET = read("samples/fleet.json");
    private static final String JSON = "application/json";

    private static AupServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = Http.serve(ServerOptions.defaults().withLimits(64 * 1024, ServerOptions.DEFAULT_EVAL_TIMEOUT));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void evaluate_answersTheOutputDocumentWithADecisionId() {
        HttpResponse<String> r = http.post("/v1/evaluate", FLEET, "Content-Type", JSON);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.type(r)).startsWith(JSON);
        JsonNode doc = Http.json(r);
        assertThat(doc.get("policy").get("digest").asText())
                .isEqualTo(Http.shippedPolicy().policy().digest());
        assertThat(doc.get("summary").get("accounts").asInt()).isEqualTo(27);
        assertThat(doc.get("violations").size()).isPositive();
        assertThat(doc.get("decisionId").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(doc.get("decisionId").asText())
                .isNotEqualTo(Http.json(http.post("/v1/evaluate", FLEET, "Content-Type", JSON))
                        .get("decisionId")
                        .asText());
    }

    @Test
    void evaluateOneAccount_judgesThatAccountAlone() {
        JsonNode doc = Http.json(http.post("/v1/evaluate?account=acc-ad-network", FLEET, "Content-Type", JSON));

        assertThat(doc.get("summary").get("accounts").asInt()).isEqualTo(1);
        assertThat(doc.get("violations"))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v.get("accountId").asText()).isEqualTo("acc-ad-network"));
        assertThat(doc.get("violations").findValuesAsText("id")).contains("2.10");
    }

    @Test
    void evaluateAnAccountThatIsNotThere_is422AtAccounts() {
        HttpResponse<String> r = http.post("/v1/evaluate?account=acc-nobody", FLEET, "Content-Type", JSON);

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(Http.json(r).get("path").asText()).isEqualTo("$.accounts");
        assertThat(Http.json(r).get("detail").asText()).contains("no account `acc-nobody`");
    }

    @Test
    void malformedJson_is400WithLineAndColumn() {
        HttpResponse<String> r =
                http.post("/v1/evaluate", "{\"accounts\": [\n  {\"id\": \"a\",,}]}", "Content-Type", JSON);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.type(r)).isEqualTo(Problem.MEDIA_TYPE);
        JsonNode p = Http.json(r);
        assertThat(p.get("type").asText()).isEqualTo("urn:aup-rules:problem:malformed-json");
        assertThat(p.get("line").asInt()).isEqualTo(2);
        assertThat(p.get("detail").asText()).startsWith("malformed JSON:");
        assertThat(r.body()).doesNotContain("Exception", "at org.");
    }

    @Test
    void factsThatBreakTheContract_are422WithThePathAndLineTheCliPrints() {
        String body = "{\"accounts\": [\n  {\"id\": \"a\",\n   \"plan\": 7}]}";
        HttpResponse<String> r = http.post("/v1/evaluate", body, "Content-Type", JSON);

        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode p = Http.json(r);
        assertThat(p.get("type").asText()).isEqualTo("urn:aup-rules:problem:invalid-facts");
        assertThat(p.get("path").asText()).isEqualTo("$.accounts[0].plan");
        assertThat(p.get("line").asInt()).isEqualTo(3);
        assertThat(p.get("detail").asText()).isEqualTo("$.accounts[0].plan: expected a string, got `7` (line 3)");
    }

    @Test
    void aFactOfAnUnknownAccount_is422AtItsLine() {
        String body = """
                {"accounts": [{"id": "a", "plan": "shared-basic"}],
                 "processes": [{"id": "p", "accountId": "b", "name": "sshd"}]}""";
        HttpResponse<String> r = http.post("/v1/evaluate", body, "Content-Type", JSON);

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(Http.json(r).get("path").asText()).startsWith("$.processes[0]");
        assertThat(Http.json(r).get("line").asInt()).isEqualTo(2);
    }

    @Test
    void aBodyAboveTheLimit_is413_andOneJustBelowIsRead() {
        String big = "{\"accounts\": []}" + " ".repeat(64 * 1024);
        HttpResponse<String> r = http.post("/v1/evaluate", big, "Content-Type", JSON);

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(Http.json(r).get("limit").asLong()).isEqualTo(64 * 1024);
        assertThat(http.post("/v1/evaluate", "{\"accounts\": []}" + " ".repeat(60 * 1024), "Content-Type", JSON)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void nestingBeyondTheReadConstraints_is400() {
        String deep = "{\"accounts\": [], \"x\": " + "[".repeat(100) + "]".repeat(100) + "}";
        HttpResponse<String> r = http.post("/v1/evaluate", deep, "Content-Type", JSON);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.json(r).get("type").asText()).isEqualTo("urn:aup-rules:problem:read-constraint");
        assertThat(Http.json(r).get("detail").asText()).contains("nesting depth");
    }

    @Test
    void aBodyOfAnotherMediaType_is415() {
        HttpResponse<String> r = http.post("/v1/evaluate", "accounts=1", "Content-Type", "text/plain");

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(Http.json(r).get("detail").asText()).contains("application/x-ndjson");
    }

    @Test
    void jsonLinesIn_givesOneLineOut_perLine_withProblemsInPlace() {
        String body = """
                {"account": {"id": "x1", "plan": "shared-basic"}}

                {"account": {"id": "x2", "plan": 5}}
                not json
                """ + adNetworkLine() + "\n";
        HttpResponse<String> r = http.post("/v1/evaluate", body, "Content-Type", Evaluation.NDJSON);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.type(r)).startsWith(Evaluation.NDJSON);
        List<JsonNode> lines = r.body().lines().map(l -> Http.json(l)).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("summary").get("accounts").asInt()).isEqualTo(1);
        assertThat(lines.get(0).get("decisionId").asText()).hasSize(36);
        assertThat(lines.get(1).get("status").asInt()).isEqualTo(422);
        assertThat(lines.get(1).get("path").asText()).isEqualTo("$.account.plan");
        assertThat(lines.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(lines.get(1).get("detail").asText()).isEqualTo("line 3: $.account.plan: expected a string, got `5`");
        assertThat(lines.get(2).get("status").asInt()).isEqualTo(400);
        assertThat(lines.get(2).get("line").asInt()).isEqualTo(4);
        assertThat(lines.get(3).get("violations").findValuesAsText("accountId")).containsOnly("acc-ad-network");
        assertThat(lines.get(3).get("violations").findValuesAsText("id")).contains("2.10");
    }

    @Test
    void jsonLinesAnswers_nameTheirAccount_andComeInTheOrderOfTheLines() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            // every 7th line breaks the contract, so that problem lines are interleaved with answers
            body.append(
                            i % 7 == 3
                                    ? "{\"account\": {\"id\": \"n" + i + "\", \"plan\": 5}}"
                                    : "{\"account\": {\"id\": \"n" + i + "\", \"plan\": \"shared-basic\"}}")
                    .append('\n');
        }
        HttpResponse<String> r = http.post("/v1/evaluate", body.toString(), "Content-Type", Evaluation.NDJSON);

        List<JsonNode> lines = r.body().lines().map(l -> Http.json(l)).toList();
        assertThat(lines).hasSize(300);
        for (int i = 0; i < 300; i++) {
            if (i % 7 == 3) {
                assertThat(lines.get(i).get("line").asInt())
                        .as("line %d", i + 1)
                        .isEqualTo(i + 1);
                assertThat(lines.get(i).has("accountId")).isFalse();
            } else {
                assertThat(lines.get(i).get("accountId").asText())
                        .as("line %d", i + 1)
                        .isEqualTo("n" + i);
            }
        }
        assertThat(lines.stream().filter(l -> l.has("decisionId")).map(l -> l.get("decisionId")
                        .asText()))
                .doesNotHaveDuplicates()
                .hasSize(300 - 43);
    }

    @Test
    void theDecisionLog_recordsEachDecisionUnderTheDecisionIdOfTheAnswer(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("decisions.jsonl");
        try (AupServer logged = Http.serve(
                ServerOptions.defaults().withDecisionLog(file, org.auprules.decisionlog.DecisionLog.Sync.EACH_LINE))) {
            Http client = new Http(logged);
            String one = Http.json(client.post("/v1/evaluate?account=acc-ad-network", FLEET, "Content-Type", JSON))
                    .get("decisionId")
                    .asText();
            List<String> lines = client.post(
                            "/v1/evaluate",
                            adNetworkLine() + "\n{\"account\": {\"id\": \"quiet\"}}\n",
                            "Content-Type",
                            Evaluation.NDJSON)
                    .body()
                    .lines()
                    .map(l -> Http.json(l).get("decisionId").asText())
                    .toList();

            List<JsonNode> logLines =
                    Files.readAllLines(file).stream().map(Http::json).toList();
            assertThat(logLines).hasSize(3);
            assertThat(logLines.stream().map(l -> l.get("decisionId").asText()))
                    .containsExactlyInAnyOrder(one, lines.get(0), lines.get(1));
            assertThat(logLines.stream()
                            .filter(l -> l.get("decisionId").asText().equals(one))
                            .findFirst()
                            .orElseThrow()
                            .toString())
                    .contains("acc-ad-network")
                    .contains("2.10");
        }
    }

    @Test
    void anEvaluationLongerThanTheTimeout_is503EvaluationTimeout_andTheServerGoesOn() {
        org.auprules.api.AupEvaluator shipped = Http.shippedPolicy();
        org.auprules.api.AupEvaluator slow = new org.auprules.api.AupEvaluator() {
            @Override
            public org.auprules.api.EvaluationResult evaluate(org.auprules.api.facts.FactSet facts) {
                if (facts.accounts().stream().anyMatch(a -> a.id().equals("slow"))) {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return shipped.evaluate(facts);
            }

            @Override
            public org.auprules.api.PolicyInfo policy() {
                return shipped.policy();
            }

            @Override
            public org.auprules.api.policy.ClauseCatalog catalog() {
                return shipped.catalog();
            }
        };
        try (AupServer timed = AupServer.start(
                ServerOptions.defaults().withLimits(ServerOptions.DEFAULT_MAX_BODY, java.time.Duration.ofMillis(300)),
                listener -> slow,
                m -> {})) {
            timed.policyLoaded().join();
            Http client = new Http(timed);
            long start = System.nanoTime();
            HttpResponse<String> r =
                    client.post("/v1/evaluate", "{\"accounts\": [{\"id\": \"slow\"}]}", "Content-Type", JSON);
            long millis = (System.nanoTime() - start) / 1_000_000;
            HttpResponse<String> next =
                    client.post("/v1/evaluate", "{\"accounts\": [{\"id\": \"quick\"}]}", "Content-Type", JSON);

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(Http.type(r)).isEqualTo(Problem.MEDIA_TYPE);
            assertThat(Http.json(r).get("type").asText()).isEqualTo("urn:aup-rules:problem:evaluation-timeout");
            assertThat(millis)
                    .as("answered at the timeout, not after the evaluation")
                    .isLessThan(4_000);
            assertThat(next.statusCode()).isEqualTo(200);
        }
    }

    /** The sample fleet's ad network, which breaks 2.10, as one JSON Lines line. */
    static String adNetworkLine() {
        return FleetLines.of(org.auprules.json.FactsJson.read(FLEET, null)).stream()
                .filter(l -> l.contains("\"id\":\"acc-ad-network\""))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void jsonLinesWithAccount_answersThatAccountsLinesOnly() {
        String body = "{\"account\": {\"id\": \"x1\"}}\n{\"account\": {\"id\": \"x2\"}}\n";
        HttpResponse<String> r = http.post("/v1/evaluate?account=x2", body, "Content-Type", Evaluation.NDJSON);

        assertThat(r.body().lines().toList()).singleElement().satisfies(l -> assertThat(l)
                .contains("\"accounts\":1"));
    }

    @Test
    void jsonLinesBodies_haveNoOverallLimit_butEachLineHasOne() {
        String line = "{\"account\": {\"id\": \"x\", \"plan\": \"shared-basic\"}}\n";
        String many = line.repeat(64 * 1024 / line.length() + 50);
        String tooLong = "{\"account\": {\"id\": \"" + "y".repeat(70 * 1024) + "\"}}\n" + line;

        HttpResponse<String> r = http.post("/v1/evaluate", many, "Content-Type", Evaluation.NDJSON);
        HttpResponse<String> t = http.post("/v1/evaluate", tooLong, "Content-Type", Evaluation.NDJSON);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().lines())
                .hasSize(64 * 1024 / line.length() + 50)
                .allMatch(l -> l.contains("\"decisionId\""));
        assertThat(t.body().lines().toList()).hasSize(2);
        assertThat(Http.json(t.body().lines().findFirst().orElseThrow())
                        .get("status")
                        .asInt())
                .isEqualTo(413);
        assertThat(t.body().lines().toList().get(1)).contains("\"decisionId\"");
    }

    @Test
    void policy_namesTheLivePolicyAndItsCounts() {
        HttpResponse<String> r = http.get("/v1/policy");

        JsonNode p = Http.json(r);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(p.get("name").asText()).isEqualTo("Entrecloud AUP");
        assertThat(p.get("digest").asText())
                .isEqualTo(Http.shippedPolicy().policy().digest());
        assertThat(p.get("rules").asInt()).isGreaterThan(20);
        assertThat(p.get("clauses").asInt())
                .isEqualTo(Http.shippedPolicy().catalog().size());
        assertThat(p.get("liveSince").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(p.get("pack").asText()).isEqualTo("default");
    }

    @Test
    void clauses_isTheCatalog() {
        JsonNode c = Http.json(http.get("/v1/clauses"));

        assertThat(c.get("clauses").size())
                .isEqualTo(Http.shippedPolicy().catalog().size());
        assertThat(c.get("clauses").findValuesAsText("id")).contains("1.A.2", "2.12");
    }

    @Test
    void health_is200_andWithPolicyReportsTheLastReloadError() {
        HttpResponse<String> plain = http.get("/health");
        JsonNode withPolicy = Http.json(http.get("/health?policy"));

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(Http.json(plain).has("policy")).isFalse();
        assertThat(withPolicy.get("policy").get("digest").asText()).startsWith("sha256:");
        assertThat(withPolicy.get("lastReloadError").isNull()).isTrue();
    }

    @Test
    void reloadWithoutAdminTokens_is403() {
        HttpResponse<String> r = http.post("/v1/policy/reload", "");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Http.json(r).get("detail").asText()).contains("--admin-token-file");
    }

    @Test
    void unknownPathsAndMethods_are404And405ProblemDocuments() {
        HttpResponse<String> missing = http.get("/v1/nothing");
        HttpResponse<String> wrongMethod = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).DELETE());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.type(missing)).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(Http.json(missing).get("type").asText()).isEqualTo("urn:aup-rules:problem:not-found");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(Http.type(wrongMethod)).isEqualTo(Problem.MEDIA_TYPE);
    }

    @Test
    void requestsJettyRefusesBeforeRouting_areProblemDocumentsToo_neverAnHtmlPage() throws IOException {
        String badUri = raw("GET /v1/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        String hugeHeader = raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        String notHttp = raw("HELLO\r\n\r\n");

        assertThat(badUri).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json");
        assertThat(badUri.substring(badUri.indexOf("\r\n\r\n")))
                .contains("\"type\":\"urn:aup-rules:problem:bad-request\"")
                .contains("\"status\":400");
        assertThat(hugeHeader)
                .startsWith("HTTP/1.1 431 ")
                .contains("Content-Type: application/problem+json")
                .contains("\"type\":\"urn:aup-rules:problem:headers-too-large\"");
        assertThat(notHttp).startsWith("HTTP/1.1 400 ").contains("application/problem+json");
        assertThat(List.of(badUri, hugeHeader, notHttp))
                .noneMatch(r -> r.toLowerCase(java.util.Locale.ROOT).contains("<html"))
                .noneMatch(r -> r.contains("Exception") || r.contains("\tat "));
    }

    /** What the server answers to bytes written as they are, on a connection of their own. */
    private static String raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = socket.getInputStream().read(buffer)) != -1) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketException e) {
                // the server may reset a connection it refused, after its answer
            }
            return answer.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void metrics_countRequestsEvaluationsAndViolations_inThePrometheusFormat() {
        http.post("/v1/evaluate?account=acc-ad-network", FLEET, "Content-Type", JSON);
        http.get("/v1/nothing");

        HttpResponse<String> r = http.get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.type(r)).startsWith("text/plain");
        assertThat(r.body())
                .contains(
                        "http_server_requests_seconds_bucket{endpoint=\"/v1/evaluate\",method=\"POST\",status=\"200\",le=")
                .contains("http_server_requests_seconds_count{endpoint=\"unmatched\",method=\"GET\",status=\"404\"}")
                .containsPattern("aup_evaluations_total\\{format=\"json\"} [1-9]")
                .containsPattern("aup_violations_total\\{clause=\"2.10\",severity=\"[A-Z]+\"} [1-9]")
                .contains("aup_policy_info{digest=\""
                        + Http.shippedPolicy().policy().digest()
                        + "\",name=\"Entrecloud AUP\",version=\"2017-01-01\"} 1");
    }

    @Test
    void openApi_isTheFileInDocs_andListsExactlyTheServersRoutes() throws IOException {
        HttpResponse<String> r = http.get("/v1/openapi.json");
        JsonNode spec = Http.json(r);

        assertThat(r.body()).isEqualTo(Files.readString(Path.of("../docs/openapi.json")));
        assertThat(spec.get("openapi").asText()).isEqualTo("3.1.0");
        List<String> documented = new ArrayList<>();
        spec.get("paths").properties().forEach(p -> p.getValue()
                .properties()
                .forEach(m -> documented.add(m.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey())));
        assertThat(new TreeSet<>(server.routes()))
                .isEqualTo(new TreeSet<>(documented))
                .hasSizeGreaterThan(6);
    }
}
