package org.auprules.api.facts;

import java.time.Instant;

/**
 * A transfer of software or data out of the service to another country.
 *
 * @param id                 optional id
 * @param accountId          the exporting account (required)
 * @param destinationCountry ISO 3166-1 alpha-2 destination, or XC, XD, XL for sanctioned regions
 * @param item               what was transferred
 * @param eccn               its Export Control Classification Number, {@code EAR99} when not controlled
 * @param at                 when
 */
public record Export(String id, String accountId, String destinationCountry, String item, String eccn, Instant at)
        implements AccountFact {

    /** Whether the item is controlled: it has an ECCN other than EAR99. */
    public boolean controlled() {
        return eccn != null && !eccn.isBlank() && !"EAR99".equalsIgnoreCase(eccn.trim());
    }

    @Override
    public String evidenceType() {
        return "export";
    }

    @Override
    public Export withId(String newId) {
        return new Export(newId, accountId, destinationCountry, item, eccn, at);
    }
}
