package org.auprules.api.facts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An abuse report received about an account. An unverified report proves nothing by itself.
 *
 * @param id                    the report id (required)
 * @param accountId             the account it is about; when absent, the account that owns
 *                              {@code ip}, {@code domain}, {@code url} or {@code email}
 * @param type                  what it reports
 * @param receivedAt            when it arrived
 * @param reporter              who sent it (an address or a name)
 * @param verified              whether the host verified it, or it came from a trusted reporter
 * @param dmca                  the elements of a DMCA notice, for type {@code DMCA}
 * @param counterNoticeReceived whether the account holder filed a DMCA counter-notice
 * @param ip                    the IP address the report names, if any
 * @param domain                the domain the report names, if any
 * @param url                   the URL the report names, if any
 * @param email                 the email address the report names, if any
 * @param organisation          the reporter's organisation, if known
 * @param source                where the report came from, e.g. {@code xarf:copyright/p2p} or {@code arf:abuse}
 * @param details               further fields of the original report, kept as evidence
 */
public record AbuseReport(String id, String accountId, ReportType type, Instant receivedAt, String reporter,
                          boolean verified, DmcaNotice dmca, boolean counterNoticeReceived, String ip,
                          String domain, String url, String email, String organisation, String source,
                          Map<String, String> details) implements AccountFact {

    public AbuseReport {
        Objects.requireNonNull(id, "report id must not be null");
        Objects.requireNonNull(type, "report type must not be null");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** A report with the fields of the FACTS.md example and nothing else. */
    public static AbuseReport of(String id, String accountId, ReportType type, Instant receivedAt, String reporter,
                                 boolean verified) {
        return new AbuseReport(id, accountId, type, receivedAt, reporter, verified, null, false, null, null, null,
                null, null, null, Map.of());
    }

    @Override
    public String evidenceType() {
        return "report";
    }

    @Override
    public AbuseReport withId(String newId) {
        return new AbuseReport(newId, accountId, type, receivedAt, reporter, verified, dmca, counterNoticeReceived,
                ip, domain, url, email, organisation, source, details);
    }

    /** A copy attributed to the given account. */
    public AbuseReport withAccountId(String newAccountId) {
        return new AbuseReport(id, newAccountId, type, receivedAt, reporter, verified, dmca, counterNoticeReceived,
                ip, domain, url, email, organisation, source, details);
    }
}
