package org.auprules.api.facts;

/** What an abuse report says the account did. */
public enum ReportType {
    SPAM, DMCA, PHISHING, MALWARE, BOTNET, DDOS, SCRAPING, SCANNING, BRUTE_FORCE, HACKING, FRAUD,
    IMPERSONATION, ILLEGAL_CONTENT, CSAM, LAW_ENFORCEMENT, DISRUPTION, VULNERABILITY, OTHER
}
