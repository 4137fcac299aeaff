package org.auprules.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens on and off, the admin token, HTTPS with a test certificate, and 503 before a policy is live. */
class ServeSecurityTest {

    private static final String CLIENT = "client-token-0123456789abcdef";
    private static final String ADMIN = "admin-token-0123456789abcdef";

    @TempDir
    Path dir;

    private ServerOptions withTokens() throws IOException {
        Path clients = Files.writeString(
                dir.resolve("tokens"), "# rotated 2026-12\nold-token-0123456789abcdef\n" + CLIENT + "\n");
        Path admins = Files.writeString(dir.resolve("admin-tokens"), ADMIN + "\n");
        return ServerOptions.defaults().withTokens(BearerTokens.read(clients), BearerTokens.read(admins));
    }

    @Test
    void withTokens_everyEndpointButHealthAsksForOne() throws IOException {
        try (AupServer server = Http.serve(withTokens())) {
            Http http = new Http(server);
            String body = "{\"accounts\": [{\"id\": \"a\"}]}";

            HttpResponse<String> none = http.post("/v1/evaluate", body, "Content-Type", "application/json");
            HttpResponse<String> wrong = http.post(
                    "/v1/evaluate",
                    body,
                    "Content-Type",
                    "application/json",
                    "Authorization",
                    "Bearer nope-0123456789abcdef");
            HttpResponse<String> right = http.post(
                    "/v1/evaluate", body, "Content-Type", "application/json", "Authorization", "Bearer " + CLIENT);
            HttpResponse<String> admin = http.get("/v1/policy", "Authorization", "Bearer " + ADMIN);

            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"aup-rules\"");
            assertThat(Http.type(none)).isEqualTo(Problem.MEDIA_TYPE);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .contains("invalid_token");
            assertThat(wrong.body()).doesNotContain("nope-0123456789abcdef");
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(admin.statusCode()).isEqualTo(200);
            assertThat(http.get("/health").statusCode()).isEqualTo(200);
            for (String path : new String[] {"/metrics", "/v1/clauses", "/v1/openapi.json", "/v1/policy"}) {
                assertThat(http.get(path).statusCode()).as(path).isEqualTo(401);
                assertThat(http.get(path, "Authorization", "Bearer " + CLIENT).statusCode())
                        .as(path)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void reload_needsTheAdminToken_aClientTokenIs403() throws IOException {
        try (AupServer server = Http.serve(withTokens())) {
            Http http = new Http(server);

            assertThat(http.post("/v1/policy/reload", "").statusCode()).isEqualTo(401);
            assertThat(http.post("/v1/policy/reload", "", "Authorization", "Bearer " + CLIENT)
                            .statusCode())
                    .isEqualTo(403);
            HttpResponse<String> ok = http.post("/v1/policy/reload", "", "Authorization", "Bearer " + ADMIN);
            assertThat(ok.statusCode()).isEqualTo(200);
            // the shipped pack never changes
            assertThat(Http.json(ok).get("status").asText()).isEqualTo("unchanged");
            assertThat(Http.json(ok).get("live").asBoolean()).isFalse();
        }
    }

    @Test
    void tokenFiles_areCheckedAtStart_withoutEchoingATokenBack() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing yet\n\n");
        Path shortOne = Files.writeString(dir.resolve("short"), "secret-7\n");

        assertThatThrownBy(() -> BearerTokens.read(empty)).hasMessageContaining("holds no token");
        assertThatThrownBy(() -> BearerTokens.read(shortOne))
                .hasMessageContaining("at least 16 characters")
                .hasMessageNotContaining("secret-7");
        assertThatThrownBy(() -> BearerTokens.read(dir.resolve("missing"))).hasMessageContaining("no such file");
    }

    @Test
    void tls_servesHttpsWithThePemCertificate_andAClientThatDoesNotTrustItFails() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair keys = g.generateKeyPair();
        X509Certificate cert = selfSigned(keys);
        Path certFile = dir.resolve("cert.pem");
        Path keyFile = dir.resolve("key.pem");
        try (JcaPEMWriter w =
                new JcaPEMWriter(new FileWriter(certFile.toFile(), java.nio.charset.StandardCharsets.US_ASCII))) {
            w.writeObject(cert);
        }
        try (JcaPEMWriter w =
                new JcaPEMWriter(new FileWriter(keyFile.toFile(), java.nio.charset.StandardCharsets.US_ASCII))) {
            w.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null));
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("test", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);

        try (AupServer server = Http.serve(ServerOptions.defaults().withTls(certFile, keyFile))) {
            assertThat(server.baseUrl()).startsWith("https://127.0.0.1:");
            Http trusting =
                    new Http(server, HttpClient.newBuilder().sslContext(ssl).build());
            HttpResponse<String> r = trusting.get("/health");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.sslSession()).isPresent();
            Http untrusting = new Http(
                    server,
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(5))
                            .build());
            assertThatThrownBy(() -> untrusting.get("/health"))
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aKeyInAnotherPemForm_isRefusedWithTheCommandThatConvertsIt() throws IOException {
        Path cert = Files.writeString(
                dir.resolve("c.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(
                dir.resolve("k.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemTls.contextFactory(cert, key)).hasMessageContaining("PEM certificate");
    }

    @Test
    void beforeThePolicyIsLive_healthAndEvaluateAre503_thenServe() throws Exception {
        CountDownLatch compiled = new CountDownLatch(1);
        try (AupServer server = AupServer.start(
                ServerOptions.defaults(),
                listener -> {
                    try {
                        compiled.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Http.shippedPolicy();
                },
                m -> {})) {
            Http http = new Http(server);

            HttpResponse<String> health = http.get("/health");
            HttpResponse<String> evaluate =
                    http.post("/v1/evaluate", "{\"accounts\": []}", "Content-Type", "application/json");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(Http.json(health).get("type").asText()).isEqualTo("urn:aup-rules:problem:no-live-policy");
            assertThat(evaluate.statusCode()).isEqualTo(503);
            assertThat(http.get("/v1/policy").statusCode()).isEqualTo(503);

            compiled.countDown();
            server.policyLoaded().get(30, TimeUnit.SECONDS);
            assertThat(http.get("/health").statusCode()).isEqualTo(200);
            assertThat(http.post("/v1/evaluate", "{\"accounts\": []}", "Content-Type", "application/json")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(1))),
                name,
                keys.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
        }));
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
