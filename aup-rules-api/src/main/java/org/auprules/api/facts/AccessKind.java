package org.auprules.api.facts;

/** The kind of an attempt to reach what an account may not. */
public enum AccessKind {
    BRUTE_FORCE, CROSS_ACCOUNT, PRIVILEGE_ESCALATION, EXPLOIT
}
