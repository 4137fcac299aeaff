package org.auprules.examples.changes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.auprules.api.Violation;
import org.auprules.json.ResultJson;
import org.jspecify.annotations.Nullable;

/**
 * One change in the verdict on an account.
 *
 * <p>{@code OPENED} carries the new violation and no previous one; {@code RESOLVED} carries the
 * violation that no longer holds as {@code previous} and as {@code violation}; {@code CHANGED}
 * carries both, with different evidence, severity or certainty.
 *
 * @param kind what happened
 * @param violation the violation as it stands now (for {@code RESOLVED}, as it last stood)
 * @param previous the violation before the change, empty for {@code OPENED}
 * @param policyDigest the digest of the policy that produced the newer verdict
 * @param eventTime the event time of the change: the evaluation instant of the newer verdict
 */
public record ViolationChange(
        Kind kind, Violation violation, @Nullable Violation previous, String policyDigest, Instant eventTime) {

    /** What happened to a violation between two verdicts. */
    public enum Kind {
        /** A violation that the earlier verdict did not have. */
        OPENED,
        /** The same violation with other evidence, severity or certainty. */
        CHANGED,
        /** A violation of the earlier verdict that no longer holds. */
        RESOLVED
    }

    /**
     * Checks that every field is there, and that only an {@code OPENED} change lacks a previous violation.
     *
     * @param kind what happened
     * @param violation the violation as it stands now (for {@code RESOLVED}, as it last stood)
     * @param previous the violation before the change, empty for {@code OPENED}
     * @param policyDigest the digest of the policy that produced the newer verdict
     * @param eventTime the event time of the change: the evaluation instant of the newer verdict
     * @throws IllegalArgumentException when {@code previous} is there for OPENED, or missing for another kind
     */
    public ViolationChange {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(violation, "violation must not be null");
        Objects.requireNonNull(policyDigest, "policy digest must not be null");
        Objects.requireNonNull(eventTime, "event time must not be null");
        if ((kind == Kind.OPENED) != (previous == null)) {
            throw new IllegalArgumentException(
                    "an OPENED change has no previous violation, and every other change has one");
        }
    }

    /** {@return the violation before the change, empty for {@code OPENED}} */
    public Optional<Violation> previousViolation() {
        return Optional.ofNullable(previous);
    }

    /**
     * The change as a JSON object: {@code change}, {@code accountId}, {@code clause},
     * {@code ruleId}, {@code severity}, {@code certainty}, {@code policyDigest},
     * {@code eventTime}, the {@code violation} as in the output document and, unless OPENED,
     * the {@code previous} one.
     *
     * @return a new JSON object
     */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("change", kind.name());
        n.put("accountId", violation.accountId());
        n.put("clause", violation.clauseId());
        n.put("ruleId", violation.ruleId());
        n.put("severity", violation.severity().name());
        n.put("certainty", violation.certainty().name());
        n.put("policyDigest", policyDigest);
        n.put("eventTime", eventTime.toString());
        n.set("violation", ResultJson.violation(violation));
        if (previous != null) {
            n.set("previous", ResultJson.violation(previous));
        }
        return n;
    }
}
