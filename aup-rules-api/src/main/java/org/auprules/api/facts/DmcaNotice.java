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
public record DmcaNotice(
        boolean signature,
        boolean workIdentified,
        boolean materialIdentified,
        boolean contactInformation,
        boolean goodFaithStatement,
        boolean accuracyUnderPenaltyOfPerjury) {

    /** {@return a builder with no field set yet, to write a notice field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this notice's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return whether all six elements are present} */
    public boolean complete() {
        return missing().isEmpty();
    }

    /** {@return the JSON names of the elements that are absent, in statutory order} */
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

    /**
     * Accumulates a {@link DmcaNotice} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private boolean signature;
        private boolean workIdentified;
        private boolean materialIdentified;
        private boolean contactInformation;
        private boolean goodFaithStatement;
        private boolean accuracyUnderPenaltyOfPerjury;

        private Builder() {}

        private Builder(DmcaNotice original) {
            signature = original.signature();
            workIdentified = original.workIdentified();
            materialIdentified = original.materialIdentified();
            contactInformation = original.contactInformation();
            goodFaithStatement = original.goodFaithStatement();
            accuracyUnderPenaltyOfPerjury = original.accuracyUnderPenaltyOfPerjury();
        }

        /**
         * Sets whether the notice carries a physical or electronic signature.
         *
         * @param signature a physical or electronic signature
         * @return this builder
         */
        public Builder signature(boolean signature) {
            this.signature = signature;
            return this;
        }

        /**
         * Sets whether the notice identifies the copyrighted work.
         *
         * @param workIdentified the copyrighted work is identified
         * @return this builder
         */
        public Builder workIdentified(boolean workIdentified) {
            this.workIdentified = workIdentified;
            return this;
        }

        /**
         * Sets whether the notice identifies the infringing material and its location.
         *
         * @param materialIdentified the infringing material and its location are identified
         * @return this builder
         */
        public Builder materialIdentified(boolean materialIdentified) {
            this.materialIdentified = materialIdentified;
            return this;
        }

        /**
         * Sets whether the notice gives the complainant's contact information.
         *
         * @param contactInformation the complainant's contact information
         * @return this builder
         */
        public Builder contactInformation(boolean contactInformation) {
            this.contactInformation = contactInformation;
            return this;
        }

        /**
         * Sets whether the notice states a good-faith belief.
         *
         * @param goodFaithStatement a statement of good-faith belief
         * @return this builder
         */
        public Builder goodFaithStatement(boolean goodFaithStatement) {
            this.goodFaithStatement = goodFaithStatement;
            return this;
        }

        /**
         * Sets whether the notice states its accuracy under penalty of perjury.
         *
         * @param accuracyUnderPenaltyOfPerjury a statement of accuracy, under penalty of perjury
         * @return this builder
         */
        public Builder accuracyUnderPenaltyOfPerjury(boolean accuracyUnderPenaltyOfPerjury) {
            this.accuracyUnderPenaltyOfPerjury = accuracyUnderPenaltyOfPerjury;
            return this;
        }

        /**
         * Builds the notice through the canonical constructor.
         *
         * @return a new notice with the fields set so far
         */
        public DmcaNotice build() {
            return new DmcaNotice(
                    signature,
                    workIdentified,
                    materialIdentified,
                    contactInformation,
                    goodFaithStatement,
                    accuracyUnderPenaltyOfPerjury);
        }
    }
}
