package org.auprules.internal;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.auprules.api.facts.Account;
import org.jspecify.annotations.Nullable;

/**
 * Finds the account that owns an IP address, a domain, a URL or an email address, from the
 * accounts' {@code ips} and {@code domains}. A subdomain belongs to the account that owns its
 * parent domain.
 *
 * <pre>{@code
 * Optional<String> owner = Attribution.of(accounts).owner("203.0.113.7", null, null, null);
 * }</pre>
 */
public final class Attribution {

    private final Map<String, String> byIp = new HashMap<>();
    private final Map<String, String> byDomain = new HashMap<>();

    private Attribution(List<Account> accounts) {
        for (Account a : accounts) {
            a.ips().forEach(ip -> byIp.putIfAbsent(ip.trim(), a.id()));
            a.domains().forEach(d -> byDomain.putIfAbsent(normalize(d), a.id()));
        }
    }

    /** An attribution over these accounts; the first account to claim an address keeps it. */
    public static Attribution of(List<Account> accounts) {
        return new Attribution(accounts);
    }

    /** The account owning the first of these names that any account owns. Any argument may be {@code null}. */
    public Optional<String> owner(
            @Nullable String ip, @Nullable String domain, @Nullable String url, @Nullable String email) {
        if (ip != null && byIp.containsKey(ip.trim())) {
            return Optional.of(byIp.get(ip.trim()));
        }
        return ownerOfDomain(domain).or(() -> ownerOfDomain(hostOf(url))).or(() -> ownerOfDomain(domainOf(email)));
    }

    /** The account owning a domain or one of its parents. */
    public Optional<String> ownerOfDomain(@Nullable String domain) {
        if (domain == null || domain.isBlank()) {
            return Optional.empty();
        }
        String d = normalize(domain);
        while (true) {
            String owner = byDomain.get(d);
            if (owner != null) {
                return Optional.of(owner);
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            d = d.substring(dot + 1);
        }
    }

    private static String normalize(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static @Nullable String hostOf(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            String u = url.contains("://") ? url : "http://" + url;
            return URI.create(u.trim().replace(" ", "%20")).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable String domainOf(@Nullable String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).replace(">", "");
    }
}
