package org.auprules.ingest;

/**
 * How large and how deeply nested a report file may be. A file past any limit is rejected on its
 * own, with an {@link IngestResult.IngestError} naming the limit, before it can exhaust the stack
 * or the heap; the other files of the run are still ingested. The defaults are far above what
 * mailbox providers and X-ARF reporters send, and are what {@link ReportIngestor} uses unless
 * given others.
 *
 * <pre>{@code
 * IngestLimits limits = IngestLimits.defaults().withMaxFileBytes(64L << 20);
 * }</pre>
 *
 * @param maxFileBytes        the largest file, in bytes, checked before it is read; default 32 MiB
 * @param maxMimeDepth        how deeply an ARF mail's multiparts and enclosed messages may nest; default 16
 * @param maxMimeParts        how many MIME parts an ARF mail may hold, at every depth; default 500
 * @param maxPartBytes        the largest MIME part, in bytes, as sent (before decoding); default 16 MiB
 * @param maxHeaderBytes      the largest header block (of the mail, of a part, the feedback fields, the
 *                            original message's headers), in bytes; default 256 KiB
 * @param maxJsonDepth        how deeply an X-ARF report's objects and arrays may nest; default 64
 * @param maxJsonStringLength the longest X-ARF string or field name, in characters; default 8 Mi, above the
 *                            5 MB base64 evidence payloads X-ARF allows
 * @param maxJsonTokens       how many JSON tokens (values, names, brackets) an X-ARF report may hold; default 100,000
 */
public record IngestLimits(
        long maxFileBytes,
        int maxMimeDepth,
        int maxMimeParts,
        long maxPartBytes,
        int maxHeaderBytes,
        int maxJsonDepth,
        int maxJsonStringLength,
        long maxJsonTokens) {

    private static final IngestLimits DEFAULTS =
            new IngestLimits(32L << 20, 16, 500, 16L << 20, 256 << 10, 64, 8 << 20, 100_000);

    /**
     * Checks every limit is positive.
     *
     * @param maxFileBytes        the largest file, in bytes
     * @param maxMimeDepth        how deeply MIME parts may nest
     * @param maxMimeParts        how many MIME parts a mail may hold
     * @param maxPartBytes        the largest MIME part, in bytes
     * @param maxHeaderBytes      the largest header block, in bytes
     * @param maxJsonDepth        how deeply JSON may nest
     * @param maxJsonStringLength the longest JSON string, in characters
     * @param maxJsonTokens       how many JSON tokens a report may hold
     * @throws IllegalArgumentException when a limit is zero or negative
     */
    public IngestLimits {
        positive("maxFileBytes", maxFileBytes);
        positive("maxMimeDepth", maxMimeDepth);
        positive("maxMimeParts", maxMimeParts);
        positive("maxPartBytes", maxPartBytes);
        positive("maxHeaderBytes", maxHeaderBytes);
        positive("maxJsonDepth", maxJsonDepth);
        positive("maxJsonStringLength", maxJsonStringLength);
        positive("maxJsonTokens", maxJsonTokens);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("`" + name + "` must be positive, got " + value);
        }
    }

    /**
     * The default limits, listed on this class.
     *
     * @return the limits {@link ReportIngestor} uses unless given others
     */
    public static IngestLimits defaults() {
        return DEFAULTS;
    }

    /**
     * These limits with another largest file.
     *
     * @param bytes the largest file, in bytes
     * @return a copy with that limit
     */
    public IngestLimits withMaxFileBytes(long bytes) {
        return new IngestLimits(
                bytes,
                maxMimeDepth,
                maxMimeParts,
                maxPartBytes,
                maxHeaderBytes,
                maxJsonDepth,
                maxJsonStringLength,
                maxJsonTokens);
    }

    /**
     * These limits with another MIME nesting depth.
     *
     * @param depth how deeply MIME parts may nest
     * @return a copy with that limit
     */
    public IngestLimits withMaxMimeDepth(int depth) {
        return new IngestLimits(
                maxFileBytes,
                depth,
                maxMimeParts,
                maxPartBytes,
                maxHeaderBytes,
                maxJsonDepth,
                maxJsonStringLength,
                maxJsonTokens);
    }

    /**
     * These limits with another MIME part count.
     *
     * @param parts how many MIME parts a mail may hold
     * @return a copy with that limit
     */
    public IngestLimits withMaxMimeParts(int parts) {
        return new IngestLimits(
                maxFileBytes,
                maxMimeDepth,
                parts,
                maxPartBytes,
                maxHeaderBytes,
                maxJsonDepth,
                maxJsonStringLength,
                maxJsonTokens);
    }

    /**
     * These limits with another largest MIME part.
     *
     * @param bytes the largest MIME part, in bytes
     * @return a copy with that limit
     */
    public IngestLimits withMaxPartBytes(long bytes) {
        return new IngestLimits(
                maxFileBytes,
                maxMimeDepth,
                maxMimeParts,
                bytes,
                maxHeaderBytes,
                maxJsonDepth,
                maxJsonStringLength,
                maxJsonTokens);
    }

    /**
     * These limits with another largest header block.
     *
     * @param bytes the largest header block, in bytes
     * @return a copy with that limit
     */
    public IngestLimits withMaxHeaderBytes(int bytes) {
        return new IngestLimits(
                maxFileBytes,
                maxMimeDepth,
                maxMimeParts,
                maxPartBytes,
                bytes,
                maxJsonDepth,
                maxJsonStringLength,
                maxJsonTokens);
    }

    /**
     * These limits with another JSON nesting depth.
     *
     * @param depth how deeply JSON may nest
     * @return a copy with that limit
     */
    public IngestLimits withMaxJsonDepth(int depth) {
        return new IngestLimits(
                maxFileBytes,
                maxMimeDepth,
                maxMimeParts,
                maxPartBytes,
                maxHeaderBytes,
                depth,
                maxJsonStringLength,
                maxJsonTokens);
    }

    /**
     * These limits with another longest JSON string.
     *
     * @param length the longest JSON string, in characters
     * @return a copy with that limit
     */
    public IngestLimits withMaxJsonStringLength(int length) {
        return new IngestLimits(
                maxFileBytes,
                maxMimeDepth,
                maxMimeParts,
                maxPartBytes,
                maxHeaderBytes,
                maxJsonDepth,
                length,
                maxJsonTokens);
    }

    /**
     * These limits with another JSON token count.
     *
     * @param tokens how many JSON tokens a report may hold
     * @return a copy with that limit
     */
    public IngestLimits withMaxJsonTokens(long tokens) {
        return new IngestLimits(
                maxFileBytes,
                maxMimeDepth,
                maxMimeParts,
                maxPartBytes,
                maxHeaderBytes,
                maxJsonDepth,
                maxJsonStringLength,
                tokens);
    }
}
