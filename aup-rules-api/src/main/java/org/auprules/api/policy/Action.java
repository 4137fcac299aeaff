package org.auprules.api.policy;

/** Something the policy lets the company do about a violation. */
public enum Action {
    /** Terminate the account. */
    TERMINATE_ACCOUNT,
    /** Report the sender to the Federal Trade Commission. */
    REPORT_TO_FTC,
    /** Disable the offending script, site or process. */
    DISABLE_COMPONENT,
    /** Require the account holder to change what breaks the policy. */
    REQUIRE_CHANGES,
    /** Charge the account holder for the cleanup. */
    CHARGE_CLEANUP_FEE,
    /** Charge the account holder for removing the company's addresses from blacklists. */
    CHARGE_BLACKLIST_REMOVAL,
    /** Take the content down. */
    TAKEDOWN_CONTENT
}
