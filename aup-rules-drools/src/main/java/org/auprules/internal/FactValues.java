package org.auprules.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.facts.FactSet;
import org.jspecify.annotations.Nullable;

/**
 * Checks the coded values of facts: country codes, SPF and DKIM results, sending addresses. A rule
 * compares such a value with a list (the embargo, {@code spf == "fail"}), so one it cannot read would
 * match nothing and turn silently into "no violation"; here it is an input error at its JSON path.
 * The records have already put the codes in their normal case ({@code "ir"} is {@code IR}).
 *
 * <pre>{@code
 * FactValues.check(facts);  // $.exports[0].destinationCountry: `IRN` is not a country code: …
 * }</pre>
 */
public final class FactValues {

    /** ISO 3166-1 alpha-2, the regions the sanctions lists name (XC, XD, XL), and XK, which registries use for Kosovo. */
    public static final Set<String> COUNTRIES = Stream.concat(
                    Arrays.stream(java.util.Locale.getISOCountries()), Stream.of("XC", "XD", "XL", "XK"))
            .collect(Collectors.toCollection(TreeSet::new));

    /** SPF results of RFC 8601, section 2.7.2. */
    public static final List<String> SPF_RESULTS =
            List.of("pass", "fail", "softfail", "neutral", "none", "temperror", "permerror");

    /** DKIM results of RFC 8601, section 2.7.1. */
    public static final List<String> DKIM_RESULTS =
            List.of("pass", "fail", "policy", "neutral", "none", "temperror", "permerror");

    private FactValues() {}

    /**
     * Checks every coded value of the facts.
     *
     * @param facts the facts, as read
     * @throws InvalidFactsException at the JSON path of the first value that is not a code of its kind
     */
    public static void check(FactSet facts) {
        // a path is spelled out only for an error: building one for every value cost more than the check
        for (int i = 0; i < facts.accounts().size(); i++) {
            String code = facts.accounts().get(i).country();
            if (!isCountry(code)) {
                country(code, "$.accounts[" + i + "].country");
            }
        }
        for (int i = 0; i < facts.logins().size(); i++) {
            String code = facts.logins().get(i).country();
            if (!isCountry(code)) {
                country(code, "$.logins[" + i + "].country");
            }
        }
        for (int i = 0; i < facts.exports().size(); i++) {
            String code = facts.exports().get(i).destinationCountry();
            if (!isCountry(code)) {
                country(code, "$.exports[" + i + "].destinationCountry");
            }
        }
        for (int i = 0; i < facts.emails().size(); i++) {
            var m = facts.emails().get(i);
            if (m.spf() != null && !SPF_RESULTS.contains(m.spf())) {
                result(m.spf(), SPF_RESULTS, "$.emails[" + i + "].spf", "SPF");
            }
            if (m.dkim() != null && !DKIM_RESULTS.contains(m.dkim())) {
                result(m.dkim(), DKIM_RESULTS, "$.emails[" + i + "].dkim", "DKIM");
            }
            String ip = m.sendingIp();
            if (ip != null && !isPlainIpv4(ip) && AddressRange.canonicalAddress(ip) == null) {
                throw new InvalidFactsException(
                        "$.emails[" + i + "].sendingIp",
                        "`" + ip + "` is not an IP address: write one address, e.g. `203.0.113.7` or `2001:db8::7`");
            }
        }
    }

    /** The country codes again, for look-ups: a hash set answers in constant time where the sorted set compares. */
    private static final Set<String> COUNTRY_LOOKUP = Set.copyOf(COUNTRIES);

    private static boolean isCountry(@Nullable String code) {
        return code == null || COUNTRY_LOOKUP.contains(code);
    }

    /**
     * Whether the text is four decimal numbers from 0 to 255 without leading zeros, separated by
     * dots ({@code 203.0.113.7}): an IPv4 address in its canonical spelling, which needs no parser.
     * Any other text, an address or not, is left to {@link AddressRange}.
     *
     * @param text an address as written
     * @return whether it is an IPv4 address as {@link AddressRange} would spell it
     */
    public static boolean isPlainIpv4(String text) {
        int parts = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 4 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
            if (i == n) {
                return false;
            }
        }
        return parts == 4;
    }

    private static void country(@Nullable String code, String path) {
        if (code != null && !COUNTRIES.contains(code)) {
            String hint = code.length() == 2 ? "; `" + code + "` is not assigned" : alpha2(code);
            throw new InvalidFactsException(
                    path,
                    "`" + code
                            + "` is not a country code: expected an ISO 3166-1 alpha-2 code such as `IR`, or `XC`, `XD`, `XL`"
                            + hint);
        }
    }

    /** The alpha-2 code of an alpha-3 one ({@code IRN} is {@code IR}), as a hint; empty for anything else. */
    private static String alpha2(String code) {
        return COUNTRIES.stream()
                .filter(c -> {
                    try {
                        return new java.util.Locale("", c).getISO3Country().equals(code);
                    } catch (java.util.MissingResourceException e) {
                        return false;
                    }
                })
                .findFirst()
                .map(c -> "; `" + code + "` is alpha-3: write `" + c + "`")
                .orElse("");
    }

    private static void result(@Nullable String result, List<String> known, String path, String method) {
        if (result != null && !known.contains(result)) {
            throw new InvalidFactsException(
                    path,
                    "unknown " + method + " result `" + result + "`; expected one of " + String.join(", ", known)
                            + DidYouMean.suggest(result, known)
                                    .map(s -> " (did you mean `" + s + "`?)")
                                    .orElse(""));
        }
    }
}
