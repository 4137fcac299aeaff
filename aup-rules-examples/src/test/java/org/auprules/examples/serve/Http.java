package org.auprules.examples.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.auprules.api.AupEvaluator;
import org.auprules.drools.DroolsAupEvaluator;

/** A client of the server as a caller's code would be: java.net.http over the loopback interface. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The shipped pack, compiled once for every test class that does not test compiling. */
    private static volatile AupEvaluator shipped;

    static synchronized AupEvaluator shippedPolicy() {
        if (shipped == null) {
            shipped = DroolsAupEvaluator.builder().defaultPolicy().build();
        }
        return shipped;
    }

    /** A server on 127.0.0.1 and a free port, serving the shipped pack compiled once. */
    static AupServer serve(ServerOptions options) {
        AupServer server = AupServer.start(options, listener -> shippedPolicy(), m -> {});
        server.policyLoaded().join();
        return server;
    }

    private final HttpClient client;
    private final String base;

    Http(AupServer server) {
        this(
                server,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    Http(AupServer server, HttpClient client) {
        this.client = client;
        this.base = server.baseUrl();
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)),
                headers);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        return json(r.body());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    static String type(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }
}
