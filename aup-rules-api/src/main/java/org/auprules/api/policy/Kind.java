package org.auprules.api.policy;

/** What a clause of the policy does. */
public enum Kind {
    /** A rule a customer can break; violations cite it. */
    PROHIBITION,
    /** What the company may or will do; cited as the authority for an action. */
    ENFORCEMENT,
    /** The introduction of a section: neither broken nor cited, but its text may authorize actions. */
    HEADING
}
