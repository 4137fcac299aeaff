package org.auprules.api;

/** The kinds of finding that are not violations but that a person should see. */
public enum NoticeKind {
    /** A DMCA notice that lacks some of the six statutory elements; {@code missing} names them. */
    DEFICIENT_DMCA_NOTICE,
    /** A report that names no account the input knows. */
    UNATTRIBUTABLE_REPORT,
    /** A VULNERABILITY or OTHER report, which proves no violation but needs reading. */
    REPORT_FOR_REVIEW
}
