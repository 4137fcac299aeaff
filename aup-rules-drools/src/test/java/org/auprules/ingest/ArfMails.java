package org.auprules.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Feedback report mails built for tests, in the shape mailbox providers send them: a report from
 * Yahoo's feedback loop about a sale newsletter sent from 203.0.113.20.
 */
final class ArfMails {

    static final String OUTER = """
            From: Yahoo! Feedback Loop <feedback@arf.mail.yahoo.com>
            Date: Mon, 16 Nov 2026 09:00:00 +0000
            Subject: Email Feedback Report for IP 203.0.113.20
            To: abuse@host.example
            Message-ID: <fbl-1@arf.mail.yahoo.com>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=feedback-report; boundary="b1"
            """;

    static final String FEEDBACK = """
            Feedback-Type: abuse
            User-Agent: Yahoo!-Mail-Feedback/2.0
            Version: 1
            Original-Mail-From: <bounce@blast.example>
            Original-Rcpt-To: <bob@mail.example>
            Arrival-Date: Mon, 16 Nov 2026 08:00:00 +0000
            Source-IP: 203.0.113.20
            Reported-Domain: blast.example
            """;

    static final String ORIGINAL = """
            Received: from mta.blast.example (mta.blast.example [203.0.113.20])
                by mx.mail.example with ESMTP id 123; Mon, 16 Nov 2026 07:59:58 +0000
            From: Blast Deals <deals@blast.example>
            To: bob@mail.example
            Subject: Winter sale: 50% off everything
            Date: Mon, 16 Nov 2026 07:59:00 +0000
            Message-ID: <m1@blast.example>
            MIME-Version: 1.0
            Content-Type: text/plain

            Our best prices of the year.
            """;

    private ArfMails() {}

    /** The standard report with these feedback fields and this original message. */
    static String mail(String feedback, String original) {
        return mail(OUTER, feedback, "message/rfc822", original);
    }

    static String mail(String outer, String feedback, String originalType, String original) {
        return outer + "\n"
                + "--b1\nContent-Type: text/plain; charset=us-ascii\n\nThis is an email abuse report.\n\n"
                + "--b1\nContent-Type: message/feedback-report\n\n" + feedback + "\n"
                + "--b1\nContent-Type: " + originalType + "\nContent-Disposition: inline\n\n" + original
                + "--b1--\n";
    }

    /** The standard report with another Feedback-Type. */
    static String ofType(String feedbackType) {
        return mail(FEEDBACK.replace("Feedback-Type: abuse", "Feedback-Type: " + feedbackType), ORIGINAL);
    }

    static byte[] bytes(String mail) {
        return mail.getBytes(StandardCharsets.UTF_8);
    }
}
