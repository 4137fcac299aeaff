package org.auprules.api.policy;

import java.util.Objects;

/**
 * An action the policy authorizes, with its modality and the clause whose text grants it.
 *
 * @param action    what may or will be done
 * @param modality  {@code WILL} or {@code MAY}, as the text says
 * @param authority the id of the clause that grants it, e.g. {@code 1.A.4}
 */
public record AuthorizedAction(Action action, Modality modality, ClauseId authority) {

    /**
     *
     * Checks that the action, the modality and the authority are there.
     *
     *
     *
     * @param action what may or will be done
     *
     * @param modality {@code WILL} or {@code MAY}, as the text says
     *
     * @param authority the id of the clause that grants it, e.g. {@code 1.A.4}
     *
     * @throws NullPointerException when one of them is null
     *
     */
    public AuthorizedAction {
        Objects.requireNonNull(action, "action must not be null");
        Objects.requireNonNull(modality, "modality must not be null");
        Objects.requireNonNull(authority, "authority must not be null");
    }
}
