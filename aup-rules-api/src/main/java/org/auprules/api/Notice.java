package org.auprules.api;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finding that is not a violation: a deficient DMCA notice, an unattributable report, a report
 * for a person to read.
 *
 * @param reportId  the report it is about
 * @param kind      what kind of finding
 * @param missing   for a deficient DMCA notice, the names of the missing elements; otherwise empty
 * @param accountId the account the report is about, when known
 * @param message   a sentence for the person who reads it
 */
public record Notice(String reportId, NoticeKind kind, List<String> missing, Optional<String> accountId, String message)
        implements Comparable<Notice> {

    private static final Comparator<Notice> ORDER = Comparator.comparing(
                    (Notice n) -> n.accountId().orElse(""))
            .thenComparing(Notice::reportId)
            .thenComparing(Notice::kind);

    /**
     *
     * Checks that every field is there (an unknown account is {@code Optional.empty()}) and copies the missing
     *
     * elements.
     *
     *
     *
     * @param reportId the report it is about
     *
     * @param kind what kind of finding
     *
     * @param missing for a deficient DMCA notice, the names of the missing elements; otherwise empty
     *
     * @param accountId the account the report is about, when known
     *
     * @param message a sentence for the person who reads it
     *
     * @throws NullPointerException when a field is null
     *
     */
    public Notice {
        Objects.requireNonNull(reportId, "report id must not be null");
        Objects.requireNonNull(kind, "notice kind must not be null");
        missing = List.copyOf(missing);
        Objects.requireNonNull(accountId, "account id must not be null; use Optional.empty()");
        Objects.requireNonNull(message, "message must not be null");
    }

    @Override
    public int compareTo(Notice other) {
        return ORDER.compare(this, other);
    }
}
