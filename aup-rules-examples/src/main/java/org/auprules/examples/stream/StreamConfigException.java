package org.auprules.examples.stream;

/** A settings file of {@code aup-rules stream} that cannot be used; the message names every problem. */
public final class StreamConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message every problem, one per line, each with the file and the line
     */
    public StreamConfigException(String message) {
        super(message);
    }
}
