package org.auprules.api.facts;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The normal form of coded values, so that {@code "ir"} from an export and {@code IR} in the pack's
 * embargo list are one country, and {@code "FAIL"} and {@code fail} one SPF result. Whether a code
 * exists is checked where facts are validated, with the fact's JSON path.
 */
final class Codes {

    private Codes() {}

    /** An ISO 3166-1 alpha-2 code in upper case, without surrounding blanks. */
    static @Nullable String country(@Nullable String code) {
        return code == null ? null : code.strip().toUpperCase(Locale.ROOT);
    }

    /** An authentication result (RFC 8601: {@code pass}, {@code fail}, …) in lower case, without surrounding blanks. */
    static @Nullable String result(@Nullable String result) {
        return result == null ? null : result.strip().toLowerCase(Locale.ROOT);
    }
}
