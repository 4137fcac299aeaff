package org.auprules.api.facts;

import java.time.Instant;

/**
 * A licence or permit an account holder has put on file.
 *
 * @param id         optional id
 * @param accountId  the account (required)
 * @param type       what it permits
 * @param reference  the issuing authority's reference
 * @param covers     what it covers, e.g. the ECCN of an export licence
 * @param validUntil when it expires; {@code null} when it does not
 */
public record Permit(String id, String accountId, PermitType type, String reference, String covers,
                     Instant validUntil) implements AccountFact {

    /** Whether the permit is still valid at the given time. */
    public boolean validAt(Instant when) {
        return validUntil == null || when == null || validUntil.isAfter(when);
    }

    @Override
    public String evidenceType() {
        return "permit";
    }

    @Override
    public Permit withId(String newId) {
        return new Permit(newId, accountId, type, reference, covers, validUntil);
    }
}
