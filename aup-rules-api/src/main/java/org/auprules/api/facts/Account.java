package org.auprules.api.facts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A customer account of the hosting company.
 *
 * @param id           the account id (required)
 * @param plan         the hosting plan, whose limits override the pack's default thresholds
 * @param country      ISO 3166-1 alpha-2 country of the account holder
 * @param status       the account status as the host records it, e.g. {@code ACTIVE}
 * @param createdAt    when the account was opened
 * @param owner        the account holder's name
 * @param contactEmail the account holder's contact address
 * @param ips          the IP addresses the account owns, used to attribute reports and listings
 * @param domains      the domain names the account owns, used to attribute reports
 */
public record Account(String id, String plan, String country, String status, Instant createdAt,
                      String owner, String contactEmail, List<String> ips, List<String> domains)
        implements Fact {

    public Account {
        Objects.requireNonNull(id, "account id must not be null");
        ips = ips == null ? List.of() : List.copyOf(ips);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    /** An account with just an id and a plan, for tests and examples. */
    public static Account of(String id, String plan) {
        return new Account(id, plan, null, "ACTIVE", null, null, null, List.of(), List.of());
    }

    @Override
    public String evidenceType() {
        return "account";
    }

    @Override
    public Account withId(String newId) {
        return new Account(newId, plan, country, status, createdAt, owner, contactEmail, ips, domains);
    }
}
