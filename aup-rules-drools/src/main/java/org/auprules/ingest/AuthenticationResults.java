package org.auprules.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.auprules.internal.FactValues;
import org.jspecify.annotations.Nullable;

/**
 * The SPF, DKIM and DMARC results of {@code Authentication-Results} fields (RFC 8601), the first
 * field that states a method winning. A message signed more than once passes DKIM when any
 * signature passes.
 *
 * @param spf   the SPF result, e.g. {@code pass} or {@code fail}, or {@code null}
 * @param dkim  the DKIM result, or {@code null}
 * @param dmarc the DMARC result, or {@code null}
 */
record AuthenticationResults(
        @Nullable String spf,
        @Nullable String dkim,
        @Nullable String dmarc) {

    private static final Pattern RESULT = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9-]*)\\s*=\\s*([A-Za-z]+)");
    private static final Pattern COMMENT = Pattern.compile("\\([^()]*\\)");

    /** Reads fields in order of authority: the first field to state a method's result wins. */
    static AuthenticationResults of(List<String> fields) {
        String spf = null;
        String dkim = null;
        String dmarc = null;
        for (String field : fields) {
            String f = field;
            // Comments may nest one level in practice: strip innermost first, twice.
            f = COMMENT.matcher(COMMENT.matcher(f).replaceAll(" ")).replaceAll(" ");
            // a limit of -1 keeps trailing empty parts; they match no result and are skipped like the others
            String[] parts = f.split(";", -1);
            String fieldSpf = null;
            String fieldDkim = null;
            String fieldDmarc = null;
            // parts[0] is the authserv-id of the host that wrote the field.
            for (int i = 1; i < parts.length; i++) {
                Matcher m = RESULT.matcher(parts[i]);
                if (!m.find()) {
                    continue;
                }
                String method = m.group(1).toLowerCase(Locale.ROOT);
                String result = m.group(2).toLowerCase(Locale.ROOT);
                switch (method) {
                    // a result RFC 8601 does not register means nothing a rule can read: it is no result
                    case "spf" ->
                        fieldSpf = fieldSpf == null && FactValues.SPF_RESULTS.contains(result) ? result : fieldSpf;
                    case "dkim" ->
                        fieldDkim =
                                FactValues.DKIM_RESULTS.contains(result) && (fieldDkim == null || result.equals("pass"))
                                        ? result
                                        : fieldDkim;
                    case "dmarc" -> fieldDmarc = fieldDmarc == null ? result : fieldDmarc;
                    default -> {}
                }
            }
            spf = spf == null ? fieldSpf : spf;
            dkim = dkim == null ? fieldDkim : dkim;
            dmarc = dmarc == null ? fieldDmarc : dmarc;
        }
        return new AuthenticationResults(spf, dkim, dmarc);
    }

    /**
     * Whether the From domain is the sender's, by DMARC: {@code pass} means it is aligned with an
     * authenticated domain, {@code fail} that it is not; anything else says nothing.
     */
    Optional<Boolean> fromDomainAligned() {
        if ("pass".equals(dmarc)) {
            return Optional.of(true);
        }
        return "fail".equals(dmarc) ? Optional.of(false) : Optional.empty();
    }
}
