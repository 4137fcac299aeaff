package org.auprules.ingest;

import java.util.List;
import java.util.Optional;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.IpScope;
import org.auprules.drools.TrustedReporters;
import org.auprules.internal.Attribution;
import org.jspecify.annotations.Nullable;

/**
 * What readers need to know about the accounts and the pack: who owns what, whom to trust, where
 * DKIM keys come from, and whether the reports' channel is declared authenticated.
 */
final class IngestContext {

    private final Attribution attribution;
    private final TrustedReporters trusted;
    private final ReportIngestor.KeyResolver keys;
    private final boolean authenticatedChannel;

    /** A context that trusts these reporters only by DKIM, with keys from DNS. */
    IngestContext(List<Account> accounts, TrustedReporters trusted) {
        this(accounts, trusted, ReportIngestor.KeyResolver.dns(), false);
    }

    IngestContext(
            List<Account> accounts,
            TrustedReporters trusted,
            ReportIngestor.KeyResolver keys,
            boolean authenticatedChannel) {
        this.attribution = Attribution.of(accounts);
        this.trusted = trusted;
        this.keys = keys;
        this.authenticatedChannel = authenticatedChannel;
    }

    /** The account owning the first of these names an account owns; any argument may be {@code null}. */
    Optional<String> owner(@Nullable String ip, @Nullable String domain, @Nullable String url, @Nullable String email) {
        return attribution.owner(ip, domain, url, email);
    }

    /**
     * SHARED when two or more accounts own the address, written in any form or within a range of
     * their {@code ips}; DEDICATED otherwise.
     * COMPANY is never inferred: nothing in a report says an address is the company's own.
     */
    IpScope scopeOf(String ip) {
        int owners = attribution
                .claim(ip, null, null, null, null)
                .map(c -> c.owners().size())
                .orElse(0);
        return owners >= 2 ? IpScope.SHARED : IpScope.DEDICATED;
    }

    TrustedReporters trusted() {
        return trusted;
    }

    /** Where DKIM public keys come from. */
    ReportIngestor.KeyResolver keys() {
        return keys;
    }

    /** Whether the operator declared the channel the reports came through authenticated. */
    boolean authenticatedChannel() {
        return authenticatedChannel;
    }
}
