package org.auprules.api.facts;

/** Who else an IP address serves: the account alone, other customers too, or the company itself. */
public enum IpScope {
    DEDICATED, SHARED, COMPANY
}
