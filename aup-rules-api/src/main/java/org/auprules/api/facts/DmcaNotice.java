package org.auprules.api.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * The six elements of a DMCA notice under 17 U.S.C. 512(c)(3)(A), each present or not.
 *
 * @param signature                      a physical or electronic signature
 * @param workIdentified                 the copyrighted work is identified
 * @param materialIdentified             the infringing material and its location are identified
 * @param contactInformation             the complainant's contact information
 * @param goodFaithStatement             a statement of good-faith belief
 * @param accuracyUnderPenaltyOfPerjury  a statement of accuracy, under penalty of perjury
 */
public record DmcaNotice(boolean signature, boolean workIdentified, boolean materialIdentified,
                         boolean contactInformation, boolean goodFaithStatement,
                         boolean accuracyUnderPenaltyOfPerjury) {

    /** Whether all six elements are present. */
    public boolean complete() {
        return missing().isEmpty();
    }

    /** The JSON names of the elements that are absent, in statutory order. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!signature) {
            missing.add("signature");
        }
        if (!workIdentified) {
            missing.add("workIdentified");
        }
        if (!materialIdentified) {
            missing.add("materialIdentified");
        }
        if (!contactInformation) {
            missing.add("contactInformation");
        }
        if (!goodFaithStatement) {
            missing.add("goodFaithStatement");
        }
        if (!accuracyUnderPenaltyOfPerjury) {
            missing.add("accuracyUnderPenaltyOfPerjury");
        }
        return List.copyOf(missing);
    }
}
