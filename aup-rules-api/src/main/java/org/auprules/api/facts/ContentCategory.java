package org.auprules.api.facts;

/** What the host's classifier says a site or file is about. */
public enum ContentCategory {
    /** Content that is unlawful where it is hosted or served. */
    ILLEGAL,
    /** Content that promotes or sells illegal drugs. */
    ILLEGAL_DRUGS,
    /** Content that promotes or sells weapons unlawfully. */
    WEAPONS,
    /** Content that promotes or sells other contraband. */
    CONTRABAND,
    /** Child sexual abuse material. */
    CSAM,
    /** Hacking tools, tutorials or services. */
    HACKING,
    /** Viruses, trojans and other malicious software. */
    MALWARE,
    /** Botnet software or command-and-control. */
    BOTNET,
    /** Software that harvests data from other sites. */
    SCRAPING,
    /** Online gambling. */
    GAMBLING,
    /** Lotteries and sweepstakes. */
    LOTTERY,
    /** Foreign-exchange trading schemes. */
    FOREX,
    /** High-yield and other investment schemes. */
    INVESTMENT_SCHEME,
    /** Ponzi and pyramid schemes. */
    PONZI,
    /** Payday loans. */
    PAYDAY_LOAN,
    /** Pages that imitate another site to take credentials or payment details. */
    PHISHING,
    /** Other fraudulent content. */
    FRAUD,
    /** Banner-ad rotation and ad-exchange software. */
    AD_ROTATION,
    /** Copyrighted works offered without the right holder's permission. */
    PIRATED_CONTENT,
    /** SMS gateways that send bulk text messages. */
    SMS_GATEWAY,
    /** The sale of controlled substances, which a permit on file may allow. */
    CONTROLLED_SUBSTANCE_SALE,
    /** File-hosting and file-sharing services for the public. */
    FILE_HOSTING,
    /** The sale of email address lists. */
    EMAIL_LIST_SALE,
    /** Content that passes itself off as another person or company. */
    IMPERSONATION
}
