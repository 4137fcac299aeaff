package org.auprules.examples.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's own errors, the ones that happen before a request reaches a route (a URI that cannot be
 * decoded, headers above Jetty's limit, a request Jetty cannot parse), as problem documents
 * instead of Jetty's HTML page; the cause is never shown.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(
            Request request,
            Response response,
            int code,
            @Nullable String message,
            @Nullable Throwable cause,
            Callback callback) {
        byte[] body = problem(code, message).write().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    static Problem problem(int status, @Nullable String message) {
        String title = HttpStatus.getMessage(status);
        String kind =
                switch (status) {
                    case 400 -> "bad-request";
                    case 404 -> "not-found";
                    case 405 -> "method-not-allowed";
                    case 413 -> "body-too-large";
                    case 414 -> "uri-too-long";
                    case 431 -> "headers-too-large";
                    default -> title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
                };
        String detail = message == null || message.isBlank() || message.equals(title)
                ? "the server could not read the request: " + title.toLowerCase(Locale.ROOT)
                : "the server could not read the request: " + message;
        return Problem.of(status, kind, title, detail);
    }
}
