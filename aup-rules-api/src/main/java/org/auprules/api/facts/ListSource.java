package org.auprules.api.facts;

/** How the addresses of a mailing list were collected. */
public enum ListSource {
    /** Each subscriber signed up and confirmed by answering a confirmation message. */
    DOUBLE_OPT_IN,
    /** Each subscriber signed up, without confirming. */
    SINGLE_OPT_IN,
    /** Copied in from another system, with whatever consent that system recorded. */
    IMPORTED,
    /** Bought from a third party. */
    PURCHASED,
    /** Rented from a third party for a mailing. */
    RENTED,
    /** Collected from web pages or other sources without the owners' consent. */
    HARVESTED,
    /** Not recorded; the default when a list names no source. */
    UNKNOWN
}
