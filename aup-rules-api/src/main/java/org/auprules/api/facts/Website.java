package org.auprules.api.facts;

import java.util.List;
import java.util.Objects;

/**
 * A website hosted by an account.
 *
 * @param id                the site id (required)
 * @param accountId         the owning account (required)
 * @param domain            its domain name
 * @param categories        what the classifier says the site is
 * @param installedSoftware software packages found installed, with versions, e.g. {@code Revive Adserver 5.4}
 */
public record Website(String id, String accountId, String domain, List<ContentCategory> categories,
                      List<String> installedSoftware) implements AccountFact {

    public Website {
        Objects.requireNonNull(id, "website id must not be null");
        categories = categories == null ? List.of() : List.copyOf(categories);
        installedSoftware = installedSoftware == null ? List.of() : List.copyOf(installedSoftware);
    }

    @Override
    public String evidenceType() {
        return "website";
    }

    @Override
    public Website withId(String newId) {
        return new Website(newId, accountId, domain, categories, installedSoftware);
    }
}
