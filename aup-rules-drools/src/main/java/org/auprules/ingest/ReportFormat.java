package org.auprules.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The abuse report formats the ingestor reads. */
public enum ReportFormat {
    /** X-ARF v4: one JSON report per file, usually {@code *.json}. */
    XARF(".json"),
    /** ARF (RFC 5965): one feedback-report mail per file, usually {@code *.eml}. */
    ARF(".eml");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    /** The usual file name extension, with its dot. */
    public String extension() {
        return extension;
    }

    /** The format a file name's extension names, ignoring case. */
    public static Optional<ReportFormat> ofFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> lower.endsWith(f.extension)).findFirst();
    }
}
