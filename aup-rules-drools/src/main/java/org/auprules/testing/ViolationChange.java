package org.auprules.testing;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.auprules.api.Violation;

/**
 * How one violation differs between a base and a head policy evaluated on the same facts.
 *
 * @param type      whether it appeared, disappeared or changed
 * @param accountId the account
 * @param clause    the clause id
 * @param ruleId    the rule id
 * @param base      the violation under the base policy; empty when it appeared
 * @param head      the violation under the head policy; empty when it disappeared
 * @param aspects   what changed, for {@link Type#CHANGED}; empty otherwise
 */
public record ViolationChange(Type type, String accountId, String clause, String ruleId, Optional<Violation> base,
                              Optional<Violation> head, Set<Aspect> aspects) {

    /** What happened to a violation. */
    public enum Type {
        /** Only the head policy finds it. */
        APPEARED,
        /** Only the base policy finds it. */
        DISAPPEARED,
        /** Both find it, with a different severity, certainty or evidence. */
        CHANGED
    }

    /** What changed about a violation both policies find. */
    public enum Aspect { SEVERITY, CERTAINTY, EVIDENCE }

    public ViolationChange {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(accountId, "account id must not be null");
        Objects.requireNonNull(clause, "clause must not be null");
        Objects.requireNonNull(ruleId, "rule id must not be null");
        Objects.requireNonNull(base, "base must not be null; use Optional.empty()");
        Objects.requireNonNull(head, "head must not be null; use Optional.empty()");
        aspects = aspects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(aspects));
    }

    static ViolationChange appeared(Violation head) {
        return new ViolationChange(Type.APPEARED, head.accountId(), head.clauseId(), head.ruleId(), Optional.empty(),
                Optional.of(head), Set.of());
    }

    static ViolationChange disappeared(Violation base) {
        return new ViolationChange(Type.DISAPPEARED, base.accountId(), base.clauseId(), base.ruleId(),
                Optional.of(base), Optional.empty(), Set.of());
    }

    /** The change between two findings of one rule for one account, or empty when they agree. */
    static Optional<ViolationChange> between(Violation base, Violation head) {
        Set<Aspect> aspects = EnumSet.noneOf(Aspect.class);
        if (base.severity() != head.severity()) {
            aspects.add(Aspect.SEVERITY);
        }
        if (base.certainty() != head.certainty()) {
            aspects.add(Aspect.CERTAINTY);
        }
        if (!base.evidence().equals(head.evidence())) {
            aspects.add(Aspect.EVIDENCE);
        }
        return aspects.isEmpty() ? Optional.empty() : Optional.of(new ViolationChange(Type.CHANGED, base.accountId(),
                base.clauseId(), base.ruleId(), Optional.of(base), Optional.of(head), aspects));
    }
}
