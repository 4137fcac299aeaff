package org.auprules.api.facts;

/** Who else an IP address serves: the account alone, other customers too, or the company itself. */
public enum IpScope {
    /** The address serves this account alone; the default. */
    DEDICATED,
    /** The address serves other customers too. */
    SHARED,
    /** The address belongs to the company's own infrastructure. */
    COMPANY
}
