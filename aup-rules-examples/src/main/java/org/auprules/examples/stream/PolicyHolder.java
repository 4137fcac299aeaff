package org.auprules.examples.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.PolicyValidator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy one instance applies now, swapped whole when a control message announces another
 * pack. Every evaluation takes {@link #current()} once, so it runs on one policy from start to end
 * and its output carries that policy's digest. A pack that cannot be read, does not have the
 * announced digest or does not compile leaves the last good policy in place.
 */
public final class PolicyHolder {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyHolder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One policy, ready to evaluate with.
     *
     * @param evaluator the evaluator of the policy
     * @param retention how long the state keeps event facts under this policy
     */
    public record Live(DroolsAupEvaluator evaluator, Retention retention) {

        /** {@return the digest of the policy, stamped on every output it produces} */
        public String digest() {
            return evaluator.policy().digest();
        }
    }

    /**
     * What a control message did.
     *
     * @param status whether the policy changed
     * @param digest the digest in use after it
     * @param reason why it was rejected, empty otherwise
     */
    public record Outcome(Status status, String digest, String reason) {

        /** What became of a control message. */
        public enum Status {
            /** The announced pack is now live. */
            RELOADED,
            /** The announced pack was already live. */
            UNCHANGED,
            /** The announced pack was refused; the last good policy stays. */
            REJECTED
        }
    }

    private volatile Live live;
    private final Object reloading = new Object();
    private @Nullable String lastRejected;
    private volatile Outcome lastOutcome;

    /**
     * Starts with a compiled policy.
     *
     * @param policy the policy to apply until a control message says otherwise
     */
    public PolicyHolder(CompiledPolicy policy) {
        this.live = liveOf(policy);
        this.lastOutcome = new Outcome(Outcome.Status.UNCHANGED, policy.info().digest(), "");
    }

    private static Live liveOf(CompiledPolicy policy) {
        return new Live(DroolsAupEvaluator.builder().compiledPolicy(policy).build(), Retention.of(policy.document()));
    }

    /** {@return the policy in use now} */
    public Live current() {
        return live;
    }

    /** {@return what the last control message did} */
    public Outcome lastOutcome() {
        return lastOutcome;
    }

    /**
     * Applies a control message {@code {"digest": "sha256:…", "pack": "/path/to/pack"}}: reads the
     * folder, checks that its digest is the announced one, compiles it, and swaps it in. The same
     * message twice, or a digest already live, changes nothing; a message that was rejected once
     * is not tried again (a message with another digest is).
     *
     * @param message the control message's value
     * @return what it did
     */
    public Outcome apply(String message) {
        synchronized (reloading) {
            Outcome outcome = reload(message);
            lastOutcome = outcome;
            switch (outcome.status()) {
                case RELOADED -> LOG.info("aup-rules stream: policy {} is live", outcome.digest());
                case REJECTED ->
                    LOG.error(
                            "aup-rules stream: pack reload refused, policy {} stays live: {}",
                            outcome.digest(),
                            outcome.reason());
                case UNCHANGED -> {}
            }
            return outcome;
        }
    }

    private Outcome reload(String message) {
        String inUse = current().digest();
        JsonNode tree;
        try {
            tree = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            return rejected("malformed control message: " + e.getOriginalMessage());
        }
        JsonNode digest = tree == null ? null : tree.get("digest");
        JsonNode pack = tree == null ? null : tree.get("pack");
        if (digest == null || !digest.isTextual() || pack == null || !pack.isTextual()) {
            return rejected("a control message is `{\"digest\": \"sha256:…\", \"pack\": \"/path/to/pack\"}`, got `"
                    + abbreviate(message) + "`");
        }
        String announced = digest.asText();
        if (announced.equals(inUse)) {
            return new Outcome(Outcome.Status.UNCHANGED, inUse, "");
        }
        if (announced.equals(lastRejected)) {
            return new Outcome(Outcome.Status.REJECTED, inUse, "pack `" + announced + "` was refused before");
        }
        PolicyPack read;
        try {
            read = PolicyPack.fromDirectory(Path.of(pack.asText()));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return rejected(announced, "cannot read the pack folder `" + pack.asText() + "`: " + e.getMessage());
        }
        if (!read.digest().equals(announced)) {
            return rejected(
                    announced,
                    "the pack at `" + pack.asText() + "` has digest `" + read.digest() + "`, not the announced `"
                            + announced + "` (is it still being copied?)");
        }
        PolicyValidator.Validation v = PolicyValidator.validate(read);
        if (v.policy().isEmpty()) {
            return rejected(announced, "the pack at `" + pack.asText() + "` is invalid: " + errors(v.errors()));
        }
        live = liveOf(v.policy().get());
        lastRejected = null;
        return new Outcome(Outcome.Status.RELOADED, announced, "");
    }

    private Outcome rejected(String reason) {
        return new Outcome(Outcome.Status.REJECTED, current().digest(), reason);
    }

    private Outcome rejected(String digest, String reason) {
        lastRejected = Objects.requireNonNull(digest);
        return rejected(reason);
    }

    private static String errors(List<PolicyProblem> problems) {
        return problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("; "));
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
