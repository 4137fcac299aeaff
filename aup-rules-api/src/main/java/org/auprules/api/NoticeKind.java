package org.auprules.api;

/** The kinds of finding that are not violations but that a person should see. */
public enum NoticeKind {
    /** A DMCA notice that lacks some of the six statutory elements; {@code missing} names them. */
    DEFICIENT_DMCA_NOTICE,
    /** A report that names no account the input knows. */
    UNATTRIBUTABLE_REPORT,
    /**
     * A report that proves no violation but needs reading: a VULNERABILITY or OTHER report, or one
     * about an address or name that several accounts share when no account's own facts show it used.
     */
    REPORT_FOR_REVIEW,
    /**
     * An account whose {@code plan} the pack does not name: it is judged by the pack's default
     * thresholds, and the message names the plan, with a did-you-mean when one of the pack's plans
     * is close. The notice is about no report, so its {@code reportId} is empty.
     */
    UNKNOWN_PLAN
}
