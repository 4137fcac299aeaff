package org.auprules.examples.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.auprules.api.EvaluationResult;
import org.auprules.api.PolicyInfo;
import org.auprules.api.Violation;

/**
 * What {@code GET /metrics} reports, in the Prometheus text format: every request with its latency
 * histogram by endpoint, method and status; evaluations and accounts by input format; violations by
 * clause and severity; reloads by outcome; and the live policy as an info metric.
 */
final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge policyInfo;

    ServerMetrics() {
        policyInfo = MultiGauge.builder("aup.policy.info")
                .description("The live policy: name, version and digest as labels, value 1")
                .register(registry);
    }

    /** One finished request; {@code endpoint} is the route's path, or {@code unmatched}. */
    void request(String endpoint, String method, int status, Duration took) {
        Timer.builder("http.server.requests")
                .description("HTTP requests, by endpoint, method and status")
                .tags("endpoint", endpoint, "method", method, "status", Integer.toString(status))
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(took);
    }

    /** One evaluation ({@code json}: a document; {@code ndjson}: one line) and what it found. */
    void evaluation(String format, EvaluationResult result) {
        Counter.builder("aup.evaluations")
                .description("Evaluations, by input format (json: one document, ndjson: one line)")
                .tag("format", format)
                .register(registry)
                .increment();
        Counter.builder("aup.evaluated.accounts")
                .description("Accounts evaluated, by input format")
                .tag("format", format)
                .register(registry)
                .increment(result.summary().accounts());
        for (Violation v : result.violations()) {
            Counter.builder("aup.violations")
                    .description("Violations found, by clause and severity")
                    .tags("clause", v.clauseId(), "severity", v.severity().name())
                    .register(registry)
                    .increment();
        }
    }

    /** One reload: {@code reloaded}, {@code rejected} or {@code unchanged}. */
    void reload(String outcome) {
        Counter.builder("aup.policy.reloads")
                .description("Policy reloads, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** The policy now live. */
    void live(PolicyInfo policy) {
        policyInfo.register(
                List.of(MultiGauge.Row.of(
                        Tags.of("name", policy.name(), "version", policy.version(), "digest", policy.digest()), 1)),
                true);
    }

    /** The text of {@code GET /metrics}. */
    String scrape() {
        return registry.scrape();
    }
}
