package org.auprules.ingest;

import java.util.Map;
import java.util.TreeMap;
import org.auprules.drools.TrustedReporters;

/**
 * Whether a report is verified, and why, in words a person reads in the report's
 * {@code details.verification}.
 *
 * @param verified whether the report is proved to come from a trusted reporter
 * @param reason   why it is, or why not, starting with {@code verified: } or {@code unverified: }
 */
record Verification(boolean verified, String reason) {

    /** The key of {@link org.auprules.api.facts.AbuseReport#details()} that holds the reason. */
    static final String DETAIL = "verification";

    /** Verified, proved by {@code how}. */
    static Verification proved(String how, TrustedReporters.Entry reporter) {
        return new Verification(true, "verified: " + how + " (trusted reporter `" + reporter.name() + "`)");
    }

    /** Not verified, for this reason. */
    static Verification unproved(String why) {
        return new Verification(false, "unverified: " + why);
    }

    /** Verified because the operator declared the channel the report came through authenticated. */
    static Verification channel(TrustedReporters.Entry reporter) {
        return proved("authenticated channel", reporter);
    }

    /** Not verified: the reporter is nobody the pack trusts. */
    static Verification untrusted(String who) {
        return unproved("reporter " + who + " is not a trusted reporter");
    }

    /**
     * The details with the reason under {@link #DETAIL}. A field of that name in the report itself is
     * the sender's words, not the ingestor's; it is kept as {@code report.verification}.
     */
    Map<String, String> into(Map<String, String> details) {
        Map<String, String> out = new TreeMap<>(details);
        String claimed = out.remove(DETAIL);
        if (claimed != null) {
            out.put("report." + DETAIL, claimed);
        }
        out.put(DETAIL, reason);
        return out;
    }
}
