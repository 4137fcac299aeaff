package org.auprules.examples.serve;

import org.auprules.api.InvalidFactsException;
import org.auprules.api.InvalidInputException;

/** The problem documents the server answers with, one factory per kind of error. */
final class Problems {

    private Problems() {}

    static Problem malformedJson(InvalidInputException e) {
        Problem p = Problem.of(400, "malformed-json", "Malformed JSON", String.valueOf(e.getMessage()));
        if (e.line() > 0) {
            p = p.with("line", e.line()).with("column", e.column());
        }
        return p;
    }

    /** 422 with the JSON path, line and column the CLI prints. */
    static Problem invalidFacts(InvalidFactsException e) {
        InvalidFactsException.Problem where = e.problem();
        Problem p = Problem.of(422, "invalid-facts", "Facts break the contract", String.valueOf(e.getMessage()))
                .with("path", where.path());
        if (where.line() > 0) {
            p = p.with("line", where.line()).with("column", where.column());
        }
        return p;
    }

    static Problem tooLarge(long limit) {
        return Problem.of(
                        413,
                        "body-too-large",
                        "Request body too large",
                        "the body is larger than the limit of " + limit + " bytes for a JSON document; "
                                + "send the accounts as JSON Lines (Content-Type: application/x-ndjson), which has no "
                                + "overall limit, or raise --max-body")
                .with("limit", limit);
    }

    static Problem noPolicy() {
        return Problem.of(503, "no-live-policy", "No live policy", "the policy pack is still compiling; retry shortly");
    }

    /** 401; {@code file} is the option whose tokens the endpoint takes. */
    static Problem unauthorized(boolean tokenGiven, String file) {
        return Problem.of(
                401,
                "unauthorized",
                "Authentication required",
                tokenGiven
                        ? "the bearer token is not valid here"
                        : "send `Authorization: Bearer TOKEN` with a token of the server's " + file);
    }

    static Problem forbidden(String detail) {
        return Problem.of(403, "forbidden", "Not allowed", detail);
    }

    static Problem notFound(String method, String path) {
        return Problem.of(
                404,
                "not-found",
                "No such endpoint",
                method + " " + path + " is not an endpoint; see GET /v1/openapi.json");
    }

    static Problem methodNotAllowed(String method, String path) {
        return Problem.of(405, "method-not-allowed", "Method not allowed", method + " is not allowed on " + path);
    }

    static Problem unsupportedMediaType(String type) {
        return Problem.of(
                415,
                "unsupported-media-type",
                "Unsupported media type",
                "Content-Type `" + type + "` is not read here; send application/json (one facts document) or "
                        + "application/x-ndjson (one account's facts a line)");
    }

    static Problem timeout(long millis) {
        return Problem.of(
                        503,
                        "evaluation-timeout",
                        "Evaluation timed out",
                        "the evaluation took longer than the server's limit of " + millis + " ms (--eval-timeout); "
                                + "send fewer accounts per request, or JSON Lines")
                .with("limitMillis", millis);
    }

    static Problem evaluationFailed(String detail) {
        return Problem.of(500, "evaluation-failed", "A rule of the policy failed", detail);
    }

    static Problem internal() {
        return Problem.of(500, "internal-error", "Internal error", "the server failed; its log says why");
    }
}
