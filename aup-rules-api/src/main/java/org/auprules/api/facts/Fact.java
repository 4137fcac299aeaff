package org.auprules.api.facts;

import org.jspecify.annotations.Nullable;

/**
 * A fact about a customer account that rules can match and violations can cite as evidence.
 *
 * <p>Every fact may carry an {@code id}. Accounts, emails, mailing lists, files, processes,
 * websites and reports must; other facts without one are named by their place in the input
 * ({@code resourceUsage[2]}) when they are evaluated, so evidence can always point at them.
 */
public interface Fact {

    /** {@return the fact's id, or {@code null} for a fact that is named by its place in the input} */
    @Nullable
    String id();

    /**
     * The name of this kind of fact in the JSON contract and in evidence, e.g. {@code "process"}.
     *
     * @return the evidence type, never {@code null}
     */
    String evidenceType();

    /**
     * A copy of this fact with the given id, used to name facts that came without one.
     *
     * @param id the new id
     * @return a copy that differs only in its id
     */
    Fact withId(String id);
}
