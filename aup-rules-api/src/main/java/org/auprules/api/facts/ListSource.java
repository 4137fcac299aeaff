package org.auprules.api.facts;

/** How the addresses of a mailing list were collected. */
public enum ListSource {
    DOUBLE_OPT_IN, SINGLE_OPT_IN, IMPORTED, PURCHASED, RENTED, HARVESTED, UNKNOWN
}
