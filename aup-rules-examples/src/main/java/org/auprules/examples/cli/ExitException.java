package org.auprules.examples.cli;

/** Ends a command with an exit code, after it has printed what went wrong. */
final class ExitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Success. */
    static final int OK = 0;
    /** A violation at or above --fail-on, or a failing test. */
    static final int FINDINGS = 1;
    /** Unreadable or invalid input. */
    static final int INVALID_INPUT = 2;
    /** An invalid policy pack. */
    static final int INVALID_POLICY = 3;

    private final int code;

    ExitException(int code) {
        super(null, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }
}
