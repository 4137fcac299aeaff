package org.auprules.internal;

import java.net.IDN;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Domain names in canonical form: ASCII (IDNA, punycode, by {@link java.net.IDN}: IDNA 2003 with
 * unassigned code points allowed), lower case, without a trailing dot. Attribution and the rules'
 * {@code Domains} both compare names this way.
 *
 * <pre>{@code
 * DomainNames.canonical("Bücher.Example.");                   // "xn--bcher-kva.example"
 * DomainNames.within("login.bücher.example", "xn--bcher-kva.example"); // true
 * }</pre>
 */
public final class DomainNames {

    private DomainNames() {}

    /**
     * The canonical form of a domain name. A name that IDNA cannot convert (an empty label, a label
     * over 63 characters) is kept lower-cased, so it still equals itself.
     *
     * @param domain a domain name in any case, Unicode or punycode; {@code null} reads as nothing
     * @return the canonical name, or {@code null} when the name is absent or blank
     */
    public static @Nullable String canonical(@Nullable String domain) {
        if (domain == null) {
            return null;
        }
        String d = domain.strip();
        // the full stops IDNA treats as label separators, at the end of the name
        while (d.endsWith(".") || d.endsWith("\u3002") || d.endsWith("\uff0e") || d.endsWith("\uff61")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty()) {
            return null;
        }
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // not a name IDNA accepts: compared as written, ignoring case
        }
        return d.toLowerCase(Locale.ROOT);
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
        String d = canonical(domain);
        String p = canonical(parent);
        return d != null && p != null && (d.equals(p) || d.endsWith("." + p));
    }
}
