package org.auprules.api.facts;

/** What an abuse report says the account did. */
public enum ReportType {
    /** Unsolicited email. */
    SPAM,
    /** A copyright notice under the DMCA; its six elements are in {@link AbuseReport#dmca()}. */
    DMCA,
    /** A site or message that takes credentials or payment details under false pretences. */
    PHISHING,
    /** Malicious software served or spread. */
    MALWARE,
    /** Part of a botnet, or its command-and-control. */
    BOTNET,
    /** A denial-of-service attack sent from the account. */
    DDOS,
    /** Data harvested from the reporter's site. */
    SCRAPING,
    /** Port or vulnerability scans of the reporter's addresses. */
    SCANNING,
    /** Repeated login attempts against the reporter's services. */
    BRUTE_FORCE,
    /** An intrusion, or an attempt at one. */
    HACKING,
    /** Other fraud. */
    FRAUD,
    /** Passing oneself off as another person or company. */
    IMPERSONATION,
    /** Content that is unlawful. */
    ILLEGAL_CONTENT,
    /** Child sexual abuse material. */
    CSAM,
    /** A request or notice from a law-enforcement agency. */
    LAW_ENFORCEMENT,
    /** Disruption of or damage to other hosts or networks. */
    DISRUPTION,
    /** A vulnerable service on the account, which proves no violation but needs reading. */
    VULNERABILITY,
    /** Anything else, which proves no violation but needs reading. */
    OTHER
}
