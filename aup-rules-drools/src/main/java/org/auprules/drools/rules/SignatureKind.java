package org.auprules.drools.rules;

/** What a row of {@code signatures.csv} matches against. */
public enum SignatureKind {
    /** The name of a running process, without any directory: {@code xmrig}. */
    PROCESS,
    /** Text anywhere in a process's command line: {@code stratum+tcp://}. */
    COMMAND_LINE,
    /** The name a malware scanner gave a file: {@code Php.Webshell.C99}. */
    FILE_SIGNATURE,
    /** A package installed on a website, with or without its version: {@code Revive Adserver 5.4}. */
    SOFTWARE,
    /** A port a process listens on: one number, or a range such as {@code 6881-6889}. */
    PORT
}
