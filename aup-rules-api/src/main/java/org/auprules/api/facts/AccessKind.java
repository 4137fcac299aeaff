package org.auprules.api.facts;

/** The kind of an attempt to reach what an account may not. */
public enum AccessKind {
    /** Guessing passwords or keys, one attempt after another. */
    BRUTE_FORCE,
    /** Reaching into another customer's account or files. */
    CROSS_ACCOUNT,
    /** Gaining rights on the host beyond the account's own. */
    PRIVILEGE_ESCALATION,
    /** Exploiting a vulnerability of a service or system. */
    EXPLOIT
}
