package org.auprules.api.policy;

/** Something the policy lets the company do about a violation. */
public enum Action {
    TERMINATE_ACCOUNT, REPORT_TO_FTC, DISABLE_COMPONENT, REQUIRE_CHANGES, CHARGE_CLEANUP_FEE,
    CHARGE_BLACKLIST_REMOVAL, TAKEDOWN_CONTENT
}
