package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.auprules.ingest.ReportIngestor;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --reports-authenticated} and {@code --dkim-keys FILE}, shared by {@code ingest} and
 * {@code evaluate --reports}: how a report is proved to come from a trusted reporter.
 */
final class ReportVerificationOptions {

    static final String AUTHENTICATED = "--reports-authenticated";
    static final String DKIM_KEYS = "--dkim-keys";

    @Option(
            names = AUTHENTICATED,
            description = "Declare that the reports came through a channel only their reporter can deliver to (a "
                    + "feedback-loop mailbox whose mail passed DKIM at your mail server, an API with credentials), so "
                    + "a report from a trusted reporter is verified without a signature. Off by default: then an ARF "
                    + "report is verified only by a valid DKIM signature aligned with a trusted reporter, and an X-ARF "
                    + "report never.")
    boolean authenticated;

    @Option(
            names = DKIM_KEYS,
            paramLabel = "FILE",
            description = "Check DKIM signatures with the public keys in FILE, one a line as "
                    + "'selector._domainkey.domain TXT-record-value', instead of looking them up in DNS.")
    @Nullable
    Path keyFile;

    /**
     * The builder with these options applied. A key file that cannot be read or has a malformed line
     * ends the command with exit code 2.
     */
    ReportIngestor.Builder apply(ReportIngestor.Builder builder, PrintWriter err) {
        builder.authenticatedChannel(authenticated);
        Path file = keyFile;
        if (file != null) {
            try {
                builder.keyResolver(ReportIngestor.KeyResolver.keyFile(file));
            } catch (UncheckedIOException | IllegalArgumentException e) {
                err.println("aup-rules: " + e.getMessage());
                throw new ExitException(ExitException.INVALID_INPUT);
            }
        }
        return builder;
    }

    /** Whether any of these options was given, for commands where they need {@code --reports}. */
    boolean given() {
        return authenticated || keyFile != null;
    }
}
