package org.auprules.api.facts;

/** What a permit on file allows. */
public enum PermitType {
    /** A licence to export controlled items, naming the ECCN it covers. */
    EXPORT_LICENSE,
    /** A permit to sell controlled substances. */
    CONTROLLED_SUBSTANCE
}
