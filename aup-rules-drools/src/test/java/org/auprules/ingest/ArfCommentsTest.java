package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.EmailMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 5965 allows comments and folding white space around feedback field values; a report that
 * uses them says what the same report without them says, and a comment is never read as a value.
 */
class ArfCommentsTest {

    private static final String SAMPLE = Resources.ARF_SAMPLES + "002.eml";
    private static final String COMMENTED = "org/auprules/ingest/arf-variants/002-comments.eml";

    private static List<AccountFact> read(String name, byte[] mail) {
        return ArfReaderTest.DESK.read(name, mail);
    }

    private static <T> T only(List<AccountFact> facts, Class<T> type) {
        List<T> matching =
                facts.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    /** The real sample 002 with one feedback field replaced. */
    private static byte[] sampleWith(String field, String value) {
        String mail = new String(Resources.bytes(SAMPLE), StandardCharsets.US_ASCII);
        String replaced = mail.replaceFirst("(?m)^" + field + ": .*$", field + ": " + value.replace("\\", "\\\\"));
        assertThat(replaced).as("sample 002 has a `" + field + "` field").isNotEqualTo(mail);
        return replaced.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theRealSample002_withCommentsAndFoldingEverywhere_becomesTheSameFacts() {
        AbuseReport plain = only(read("002.eml", Resources.bytes(SAMPLE)), AbuseReport.class);
        List<AccountFact> facts = read("002-comments.eml", Resources.bytes(COMMENTED));
        AbuseReport commented = only(facts, AbuseReport.class);

        assertThat(commented.accountId()).contains("acc-sample");
        assertThat(commented)
                .extracting(
                        AbuseReport::accountId,
                        AbuseReport::type,
                        AbuseReport::source,
                        AbuseReport::ip,
                        AbuseReport::domain,
                        AbuseReport::url,
                        AbuseReport::receivedAt,
                        AbuseReport::verified)
                .containsExactly(
                        plain.accountId(),
                        plain.type(),
                        plain.source(),
                        plain.ip(),
                        plain.domain(),
                        plain.url(),
                        plain.receivedAt(),
                        plain.verified());
        assertThat(commented.ip()).isEqualTo("192.0.2.1");
        assertThat(commented.domain()).isEqualTo("example.net");
        assertThat(commented.url()).isEqualTo("http://example.net/earn_money.html");
        assertThat(commented.details())
                .containsEntry("Original-Mail-From", "<somespammer@example.net>")
                .containsEntry("Reporting-MTA", "dns; mail.example.com")
                .containsEntry("User-Agent", "SomeGenerator/1.0 (comments here belong to the product)");
        assertThat(only(facts, EmailMessage.class).spf()).isEqualTo("fail");
    }

    @ParameterizedTest(name = "Source-IP: {0} is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "192.0.2.1 (was 203.0.113.20)|192.0.2.1|acc-sample",
                "(relayed for 192.0.2.1) 203.0.113.20|203.0.113.20|acc-blast",
                "203.0.113.20(blast.example)|203.0.113.20|acc-blast",
                "203.0.113.20 (a \\) in a comment)|203.0.113.20|acc-blast"
            })
    void anAddressInAComment_isNeverTheAddressReported(String value, String ip, String account) {
        AbuseReport r = only(read("002.eml", sampleWith("Source-IP", value)), AbuseReport.class);

        assertThat(r.ip()).isEqualTo(ip);
        assertThat(r.accountId()).contains(account);
    }

    @Test
    void aCommentThatHidesNothing_changesNoVerdict() {
        AbuseReport plain = only(read("002.eml", Resources.bytes(SAMPLE)), AbuseReport.class);
        AbuseReport commented =
                only(read("002.eml", sampleWith("Reported-Domain", "example.net (nothing to see)")), AbuseReport.class);

        assertThat(commented.accountId()).isEqualTo(plain.accountId()).contains("acc-sample");
        assertThat(commented.domain()).isEqualTo(plain.domain());
    }

    @Test
    void aUriMayHoldParentheses_onlyTheCommentsAroundItGo() {
        AbuseReport r = only(
                read("002.eml", sampleWith("Reported-Uri", "(landing) http://example.net/a(b).html (twice)")),
                AbuseReport.class);

        assertThat(r.url()).isEqualTo("http://example.net/a(b).html");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Source-IP|192.0.2.1 (mailserver.example.net|feedback part: `Source-IP: 192.0.2.1 (mailserver.example.net`: a comment is not closed: `(` without `)`",
                "Feedback-Type|abuse)|feedback part: `Feedback-Type: abuse)`: `)` at character 6 closes no comment",
                "Arrival-Date|Thu, 8 Mar 2005 14:00:00 EDT (EDT (nested)|feedback part: `Arrival-Date: Thu, 8 Mar 2005 14:00:00 EDT (EDT (nested)`: a comment is not closed: `(` without `)`"
            })
    void anUnbalancedComment_isAClearError(String field, String value, String message) {
        assertThatThrownBy(() -> read("002.eml", sampleWith(field, value)))
                .isInstanceOf(InvalidReportException.class)
                .hasMessage(message);
    }

    @Test
    void cfws_stripsNestedAndEscapedComments_butNotQuotedText() {
        assertThat(Cfws.strip("148.163.85.135 (mail.example)")).isEqualTo("148.163.85.135");
        assertThat(Cfws.strip("abuse (a (nested) comment)")).isEqualTo("abuse");
        assertThat(Cfws.strip("mx; spf=pass (a \\( b) smtp.mailfrom=\"x (y)\"@a.example"))
                .isEqualTo("mx; spf=pass smtp.mailfrom=\"x (y)\"@a.example");
        assertThat(Cfws.strip("  Thu, 8 Mar 2005\t14:00:00 EDT  ")).isEqualTo("Thu, 8 Mar 2005 14:00:00 EDT");
        assertThat(Cfws.stripAround("http://a.example/(x) (seen)")).isEqualTo("http://a.example/(x)");
    }
}
