package org.auprules.api.facts;

/** What a permit on file allows. */
public enum PermitType {
    EXPORT_LICENSE, CONTROLLED_SUBSTANCE
}
