package org.auprules.drools.rules;

import java.util.List;
import java.util.Objects;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.DmcaNotice;

/**
 * Derived: a DMCA report and the elements of 17 U.S.C. 512(c)(3)(A) its notice lacks. A report
 * that carries no {@code dmca} object at all lacks all six.
 *
 * @param report  the DMCA report
 * @param missing the JSON names of the missing elements, in statutory order; empty when complete
 */
public record DmcaCheck(AbuseReport report, List<String> missing) {

    /** Every element, in statutory order: what a notice without a {@code dmca} object lacks. */
    public static final List<String> ELEMENTS = new DmcaNotice(false, false, false, false, false, false).missing();

    /**
     * Checks that there is a report and copies the missing elements.
     *
     * @param report  the DMCA report
     * @param missing the JSON names of the missing elements, in statutory order; empty when complete
     */
    public DmcaCheck {
        Objects.requireNonNull(report, "report must not be null");
        missing = List.copyOf(missing);
    }

    /**
     * Checks the notice of a report, as the derivation rule does:
     * {@code insertLogical(DmcaCheck.of($r))}.
     *
     * @param report a DMCA report
     * @return what its notice lacks; all of {@link #ELEMENTS} when it carries no {@code dmca} object
     */
    public static DmcaCheck of(AbuseReport report) {
        return new DmcaCheck(
                report, report.dmca() == null ? ELEMENTS : report.dmca().missing());
    }

    /**
     * Whether the notice has all six elements, as rules test it:
     * {@code DmcaCheck( complete == true, report.verified == true )}.
     *
     * @return whether nothing is missing
     */
    public boolean complete() {
        return missing.isEmpty();
    }
}
