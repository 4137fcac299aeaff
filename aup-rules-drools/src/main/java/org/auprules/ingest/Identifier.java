package org.auprules.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a report names as the source of the abuse, sorted into the one kind it is: an IP address,
 * an email address, a URL, or else a domain. Fields that do not apply are {@code null}.
 *
 * @param ip     an IPv4 or IPv6 address
 * @param domain a host or domain name, lower case
 * @param email  an email address
 * @param url    a URL
 */
record Identifier(
        @Nullable String ip,
        @Nullable String domain,
        @Nullable String email,
        @Nullable String url) {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Sorts one identifier; a blank or missing one names nothing. */
    static Identifier of(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return new Identifier(null, null, null, null);
        }
        String v = value.trim();
        if (isIp(v)) {
            return new Identifier(v, null, null, null);
        }
        if (v.contains("://")) {
            return new Identifier(null, null, null, v);
        }
        if (v.contains("@")) {
            String address = v.regionMatches(true, 0, "mailto:", 0, 7) ? v.substring(7) : v;
            return new Identifier(null, null, address.replace("<", "").replace(">", ""), null);
        }
        String d = v.toLowerCase(Locale.ROOT);
        return new Identifier(null, d.endsWith(".") ? d.substring(0, d.length() - 1) : d, null, null);
    }

    /**
     * Whether a text is an IP address literal. IPv6 is checked by the JDK inside brackets, where it
     * parses literals only and never asks DNS.
     */
    static boolean isIp(String v) {
        if (IPV4.matcher(v).matches()) {
            return true;
        }
        if (!v.contains(":") || !IPV6_CHARS.matcher(v).matches()) {
            return false;
        }
        try {
            InetAddress.getByName("[" + v + "]");
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
