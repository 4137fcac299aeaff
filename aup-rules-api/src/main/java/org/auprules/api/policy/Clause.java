package org.auprules.api.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One clause of the policy, quoted verbatim.
 *
 * @param id       its id, a public contract: violations cite it
 * @param heading  the title of the section or part it belongs to
 * @param text     its text, exactly as the policy document has it
 * @param kind     prohibition, enforcement or heading
 * @param category the part of the policy it belongs to; empty for the preamble
 * @param actions  what a violation of this clause lets the company do, each with its authority
 */
public record Clause(
        ClauseId id,
        String heading,
        String text,
        Kind kind,
        Optional<Category> category,
        List<AuthorizedAction> actions) {

    /**
     *
     * Checks that every field is there (the preamble's category is {@code Optional.empty()}) and copies the actions.
     *
     *
     *
     * @param id its id, a public contract: violations cite it
     *
     * @param heading the title of the section or part it belongs to
     *
     * @param text its text, exactly as the policy document has it
     *
     * @param kind prohibition, enforcement or heading
     *
     * @param category the part of the policy it belongs to; empty for the preamble
     *
     * @param actions what a violation of this clause lets the company do, each with its authority
     *
     * @throws NullPointerException when a field is null
     *
     */
    public Clause {
        Objects.requireNonNull(id, "clause id must not be null");
        Objects.requireNonNull(heading, "clause heading must not be null");
        Objects.requireNonNull(text, "clause text must not be null");
        Objects.requireNonNull(kind, "clause kind must not be null");
        Objects.requireNonNull(category, "clause category must not be null; use Optional.empty()");
        actions = List.copyOf(actions);
    }
}
