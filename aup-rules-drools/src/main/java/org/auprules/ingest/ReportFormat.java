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

    /**
     * The usual file name extension, with its dot.
     *
     * @return {@code .json} or {@code .eml}
     */
    public String extension() {
        return extension;
    }

    /**
     * The format a file name's extension names, ignoring case.
     *
     * @param name a file name, e.g. {@code 2024-05-01.EML}
     * @return the format, or empty when the extension is neither {@code .json} nor {@code .eml}
     */
    public static Optional<ReportFormat> ofFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> lower.endsWith(f.extension)).findFirst();
    }
}
