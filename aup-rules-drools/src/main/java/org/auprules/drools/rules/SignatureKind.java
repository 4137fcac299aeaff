package org.auprules.drools.rules;

/** What a row of {@code signatures.csv} matches against. */
public enum SignatureKind {
    /**
     * The name of a running process, or the program its command line starts (argv[0]), without
     * any directory or the kernel's {@code (deleted)} suffix: {@code xmrig}. A name that only
     * looks like the pattern (Unicode's confusable skeleton) is a suspected match.
     */
    PROCESS,
    /**
     * A process's command line: a program, option or argument ({@code option:--donate-level},
     * see {@link CommandPattern}), or text anywhere in it ({@code stratum+tcp://}).
     */
    COMMAND_LINE,
    /** The name a malware scanner gave a file: {@code Php.Webshell.C99}. */
    FILE_SIGNATURE,
    /** A package installed on a website, with or without its version: {@code Revive Adserver 5.4}. */
    SOFTWARE,
    /** A port a process listens on: one number, or a range such as {@code 6881-6889}. */
    PORT
}
