package org.auprules.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.auprules.api.facts.ReportType;

/**
 * Every category and type the X-ARF v4 schemas define, with its schema file and the report type it
 * becomes. {@code reputation/blocklist} becomes a blacklist listing rather than a report type; its
 * {@link #reportType} is what it becomes when it cannot be a listing.
 */
enum XarfType {
    MESSAGING_SPAM("messaging", "spam", "messaging-spam.json", ReportType.SPAM),
    MESSAGING_BULK_MESSAGING("messaging", "bulk_messaging", "messaging-bulk-messaging.json", ReportType.SPAM),

    CONNECTION_DDOS("connection", "ddos", "connection-ddos.json", ReportType.DDOS),
    CONNECTION_PORT_SCAN("connection", "port_scan", "connection-port-scan.json", ReportType.SCANNING),
    CONNECTION_RECONNAISSANCE("connection", "reconnaissance", "connection-reconnaissance.json", ReportType.SCANNING),
    CONNECTION_VULNERABILITY_SCAN(
            "connection", "vulnerability_scan", "connection-vulnerability-scan.json", ReportType.SCANNING),
    CONNECTION_LOGIN_ATTACK("connection", "login_attack", "connection-login-attack.json", ReportType.BRUTE_FORCE),
    CONNECTION_SCRAPING("connection", "scraping", "connection-scraping.json", ReportType.SCRAPING),
    CONNECTION_SQL_INJECTION("connection", "sql_injection", "connection-sql-injection.json", ReportType.HACKING),
    CONNECTION_INFECTED_HOST("connection", "infected_host", "connection-infected-host.json", ReportType.MALWARE),

    INFRASTRUCTURE_BOTNET("infrastructure", "botnet", "infrastructure-botnet.json", ReportType.BOTNET),
    INFRASTRUCTURE_COMPROMISED_SERVER(
            "infrastructure", "compromised_server", "infrastructure-compromised-server.json", ReportType.MALWARE),

    CONTENT_PHISHING("content", "phishing", "content-phishing.json", ReportType.PHISHING),
    CONTENT_FRAUD("content", "fraud", "content-fraud.json", ReportType.FRAUD),
    CONTENT_MALWARE("content", "malware", "content-malware.json", ReportType.MALWARE),
    CONTENT_CSAM("content", "csam", "content-csam.json", ReportType.CSAM),
    CONTENT_CSEM("content", "csem", "content-csem.json", ReportType.CSAM),
    CONTENT_BRAND_INFRINGEMENT(
            "content", "brand_infringement", "content-brand_infringement.json", ReportType.IMPERSONATION),
    // Not named by issue 6: a webshell or remote compromise of a hosted site is an infection, like
    // infrastructure/compromised_server; exposed data is a weakness a person must read about; a
    // suspicious registration is an indicator, not evidence of abuse.
    CONTENT_REMOTE_COMPROMISE("content", "remote_compromise", "content-remote_compromise.json", ReportType.MALWARE),
    CONTENT_EXPOSED_DATA("content", "exposed_data", "content-exposed-data.json", ReportType.VULNERABILITY),
    CONTENT_SUSPICIOUS_REGISTRATION(
            "content", "suspicious_registration", "content-suspicious_registration.json", ReportType.OTHER),

    COPYRIGHT_COPYRIGHT("copyright", "copyright", "copyright-copyright.json", ReportType.DMCA),
    COPYRIGHT_P2P("copyright", "p2p", "copyright-p2p.json", ReportType.DMCA),
    COPYRIGHT_CYBERLOCKER("copyright", "cyberlocker", "copyright-cyberlocker.json", ReportType.DMCA),
    COPYRIGHT_UGC_PLATFORM("copyright", "ugc_platform", "copyright-ugc-platform.json", ReportType.DMCA),
    COPYRIGHT_LINK_SITE("copyright", "link_site", "copyright-link-site.json", ReportType.DMCA),
    COPYRIGHT_USENET("copyright", "usenet", "copyright-usenet.json", ReportType.DMCA),

    REPUTATION_BLOCKLIST("reputation", "blocklist", "reputation-blocklist.json", ReportType.OTHER),
    // Threat intelligence names indicators of compromise for a person to weigh, not an abuse.
    REPUTATION_THREAT_INTELLIGENCE(
            "reputation", "threat_intelligence", "reputation-threat-intelligence.json", ReportType.OTHER),

    VULNERABILITY_CVE("vulnerability", "cve", "vulnerability-cve.json", ReportType.VULNERABILITY),
    VULNERABILITY_OPEN_SERVICE(
            "vulnerability", "open_service", "vulnerability-open-service.json", ReportType.VULNERABILITY),
    VULNERABILITY_MISCONFIGURATION(
            "vulnerability", "misconfiguration", "vulnerability-misconfiguration.json", ReportType.VULNERABILITY);

    final String category;
    final String type;
    final String schemaFile;
    final ReportType reportType;

    XarfType(String category, String type, String schemaFile, ReportType reportType) {
        this.category = category;
        this.type = type;
        this.schemaFile = schemaFile;
        this.reportType = reportType;
    }

    /** The type with this category and type name. */
    static Optional<XarfType> find(String category, String type) {
        return Arrays.stream(values())
                .filter(t -> t.category.equals(category) && t.type.equals(type))
                .findFirst();
    }

    /** The type names of a category, in declaration order. */
    static List<String> typesOf(String category) {
        return Arrays.stream(values())
                .filter(t -> t.category.equals(category))
                .map(t -> t.type)
                .toList();
    }

    /** The fact's source, e.g. {@code xarf:copyright/p2p}. */
    String source() {
        return "xarf:" + category + "/" + type;
    }

    /** Whether this is a copyright notice, whose fields fill a DMCA notice. */
    boolean copyright() {
        return category.equals("copyright");
    }
}
