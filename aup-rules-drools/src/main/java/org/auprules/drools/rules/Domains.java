package org.auprules.drools.rules;

import java.util.List;
import org.auprules.internal.DomainNames;
import org.jspecify.annotations.Nullable;

/**
 * Domain names compared as what they are, the way attribution reads {@code domains}: ignoring case
 * and a trailing dot, and in their ASCII (IDNA, punycode) form, so that {@code Bücher.Example.} and
 * {@code xn--bcher-kva.example} are one name; a subdomain belongs to whoever owns its parent.
 *
 * <pre>{@code
 * Domains.ownedBy("news.shop.example", List.of("shop.example"));          // true
 * Domains.ownedBy("shop.example.evil.example", List.of("shop.example"));  // false
 * Domains.ownedBy("www.bücher.example", List.of("xn--bcher-kva.example")); // true
 * Domains.canonical("Bücher.Example.");                                    // "xn--bcher-kva.example"
 * }</pre>
 */
public final class Domains {

    private Domains() {}

    /**
     * The canonical form of a domain name: ASCII (IDNA, as {@link java.net.IDN} converts it), lower
     * case, without a trailing dot; a name IDNA refuses is kept lower-cased.
     *
     * @param domain a domain name in any case, Unicode or punycode; {@code null} reads as nothing
     * @return the canonical name, or {@code null} when the name is absent or blank
     */
    public static @Nullable String canonical(@Nullable String domain) {
        return DomainNames.canonical(domain);
    }

    /**
     * Whether one name is another or a subdomain of it, both compared in canonical form.
     *
     * @param domain a domain name, or {@code null}
     * @param parent the name it may lie under, or {@code null}
     * @return whether {@code domain} equals {@code parent} or ends with {@code "." + parent}; {@code false} when either
     *     is absent
     */
    public static boolean within(@Nullable String domain, @Nullable String parent) {
        return DomainNames.within(domain, parent);
    }

    /**
     * Whether {@code domain} is one of {@code owned} or a subdomain of one of them.
     *
     * @param domain a domain name, any case, Unicode or punycode, with or without a trailing dot;
     *     {@code null} is owned by no one
     * @param owned  the account's domains
     * @return whether the account owns the domain
     */
    public static boolean ownedBy(@Nullable String domain, List<String> owned) {
        String d = DomainNames.canonical(domain);
        if (d == null) {
            return false;
        }
        for (String o : owned) {
            String own = DomainNames.canonical(o);
            if (own != null && (d.equals(own) || d.endsWith("." + own))) {
                return true;
            }
        }
        return false;
    }
}
