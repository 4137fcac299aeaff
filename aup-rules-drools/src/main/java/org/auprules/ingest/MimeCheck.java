package org.auprules.ingest;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Enumeration;

/**
 * Walks an ARF mail's MIME tree once, before anything else reads it, and rejects it when it is
 * nested too deeply, has too many parts, a part too large or a header block too large. The walk
 * itself never goes deeper than the depth limit, so no mail can exhaust the stack. Parts are
 * numbered as IMAP numbers them: {@code 3} is the third part of the report, {@code 3.1} the first
 * part of the message it encloses.
 */
final class MimeCheck {

    private final String source;
    private final ReportIngestor.Limits limits;
    private int parts;

    private MimeCheck(String source, ReportIngestor.Limits limits) {
        this.source = source;
        this.limits = limits;
    }

    /**
     * Checks the whole tree of a parsed mail.
     *
     * @throws InvalidReportException naming the first limit it passes
     */
    static void check(String source, MimeMessage mail, ReportIngestor.Limits limits) throws MessagingException {
        new MimeCheck(source, limits).node(mail, "", 0);
    }

    /** The size of a header block, as the error for one too large says it. */
    static void headerBlock(String source, long bytes, String what, ReportIngestor.Limits limits) {
        if (bytes > limits.maxHeaderBytes()) {
            throw new InvalidReportException(
                    source,
                    "header block of " + what + " is " + bytes + " bytes, more than the limit of "
                            + limits.maxHeaderBytes() + " bytes (maxHeaderBytes)");
        }
    }

    private void node(Part part, String path, int depth) throws MessagingException {
        Object content;
        try {
            if (!part.isMimeType("multipart/*") && !part.isMimeType("message/rfc822")) {
                return;
            }
            content = part.getContent();
        } catch (IOException | MessagingException e) {
            // A part that cannot be opened holds nothing to walk; whoever reads it says why.
            return;
        }
        if (content instanceof Multipart mp) {
            int count;
            try {
                count = mp.getCount();
            } catch (MessagingException e) {
                return;
            }
            for (int i = 0; i < count; i++) {
                String childPath = path.isEmpty() ? String.valueOf(i + 1) : path + "." + (i + 1);
                BodyPart child = mp.getBodyPart(i);
                enter(childPath, depth + 1);
                if (child instanceof MimeBodyPart mbp) {
                    headerBlock(source, headerBytes(mbp.getAllHeaderLines()), "MIME part " + childPath, limits);
                }
                int size = child.getSize();
                if (size > limits.maxPartBytes()) {
                    throw new InvalidReportException(
                            source,
                            "MIME part " + childPath + " is " + size + " bytes, more than the limit of "
                                    + limits.maxPartBytes() + " bytes (maxPartBytes)");
                }
                node(child, childPath, depth + 1);
            }
        } else if (content instanceof MimeMessage enclosed) {
            headerBlock(
                    source,
                    headerBytes(enclosed.getAllHeaderLines()),
                    "the message in MIME part " + (path.isEmpty() ? "1" : path),
                    limits);
            if (enclosed.isMimeType("message/rfc822")) {
                // Its body is itself a message: the next level down.
                String bodyPath = path + ".1";
                enter(bodyPath, depth + 1);
                node(enclosed, bodyPath, depth + 1);
            } else {
                node(enclosed, path, depth);
            }
        }
    }

    private void enter(String path, int depth) {
        if (depth > limits.maxMimeDepth()) {
            throw new InvalidReportException(
                    source,
                    "MIME parts nested more than " + limits.maxMimeDepth() + " levels deep (part " + path
                            + "); the limit is maxMimeDepth = " + limits.maxMimeDepth());
        }
        if (++parts > limits.maxMimeParts()) {
            throw new InvalidReportException(
                    source,
                    "more than " + limits.maxMimeParts() + " MIME parts; the limit is maxMimeParts = "
                            + limits.maxMimeParts());
        }
    }

    private static long headerBytes(Enumeration<String> lines) {
        long n = 0;
        while (lines.hasMoreElements()) {
            n += lines.nextElement().length() + 2;
        }
        return n;
    }
}
