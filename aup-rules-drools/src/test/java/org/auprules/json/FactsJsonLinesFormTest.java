package org.auprules.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The form of the input is told from its content, and the input is handed back whole. */
class FactsJsonLinesFormTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"accounts\": [{\"id\": \"a\"}]}|DOCUMENT",
                "{\\n  \"evaluatedAt\": \"2026-11-28T12:00:00Z\",\\n  \"accounts\": []\\n}|DOCUMENT",
                "{\"emails\": [{\"id\": \"m\", \"accountId\": \"a\"}], \"accounts\": [{\"id\": \"a\"}]}|DOCUMENT",
                "{\"evaluatedAt\": \"2026-11-28T12:00:00Z\"}|DOCUMENT",
                "{}|DOCUMENT",
                "''|DOCUMENT",
                "[]|DOCUMENT",
                "not json|DOCUMENT",
                "{\"account\": {\"id\": \"a\"}}|LINES",
                "{\"account\": {\"id\": \"a\"}}\\n{\"account\": {\"id\": \"b\"}}|LINES",
                "{\"emails\": [{\"id\": \"m\", \"accountId\": \"a\"}], \"account\": {\"id\": \"a\"}}|LINES",
                "{\"evaluatedAt\": \"2026-11-28T12:00:00Z\"}\\n{\"account\": {\"id\": \"a\"}}|LINES",
                "{\"evaluatedAt\": \"2026-11-28T12:00:00Z\"}\\nnot json|LINES",
                "  \\n\\n{\"account\": {\"id\": \"a\"}}|LINES",
            })
    void form_isToldByTheFirstObjectsFields(String input, FactsJsonLines.Form expected) throws IOException {
        String text = input.replace("\\n", "\n");

        FactsJsonLines.Form.Sniffed sniffed = FactsJsonLines.Form.sniff(in(text));

        assertThat(sniffed.form()).isEqualTo(expected);
        assertThat(new String(sniffed.input().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} lines")
    @CsvSource({"1", "3000"})
    void longStream_isHandedBackWhole_afterReadingOnlyItsStart(int lines) throws IOException {
        StringBuilder sb = new StringBuilder("{\"evaluatedAt\": \"2026-11-28T12:00:00Z\"}\n");
        for (int i = 0; i < lines; i++) {
            sb.append("{\"account\": {\"id\": \"acc-").append(i).append("\"}}\n");
        }
        CountingInput counting = new CountingInput(in(sb.toString()));

        FactsJsonLines.Form.Sniffed sniffed = FactsJsonLines.Form.sniff(counting);

        assertThat(sniffed.form()).isEqualTo(FactsJsonLines.Form.LINES);
        assertThat(counting.read).isLessThanOrEqualTo(16_000);
        assertThat(new String(sniffed.input().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(sb.toString());
    }

    static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Counts the bytes read from it. */
    static final class CountingInput extends java.io.FilterInputStream {
        long read;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read += Math.max(0, n);
            return n;
        }
    }
}
