package org.auprules.drools.rules;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether a domain name belongs to an account, the way {@code Attribution} reads {@code domains}:
 * a subdomain belongs to whoever owns its parent.
 *
 * <pre>{@code
 * Domains.ownedBy("news.shop.example", List.of("shop.example"));       // true
 * Domains.ownedBy("shop.example.evil.example", List.of("shop.example")); // false
 * }</pre>
 */
public final class Domains {

    private Domains() {}

    /**
     * Whether {@code domain} is one of {@code owned} or a subdomain of one of them.
     *
     * @param domain a domain name, any case, with or without a trailing dot; {@code null} is owned by no one
     * @param owned  the account's domains
     * @return whether the account owns the domain
     */
    public static boolean ownedBy(@Nullable String domain, List<String> owned) {
        if (domain == null || domain.isBlank()) {
            return false;
        }
        String d = normalize(domain);
        for (String o : owned) {
            String own = normalize(o);
            if (!own.isEmpty() && (d.equals(own) || d.endsWith("." + own))) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
