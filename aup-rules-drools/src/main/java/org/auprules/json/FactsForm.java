package org.auprules.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * The two forms of the input of docs/contract.md, told apart by their content: the whole document,
 * one JSON object with {@code accounts}, and JSON Lines, one object with an {@code account} per
 * line after an optional header. Only the start of the input is read to decide, so standard input
 * works as well as a file.
 *
 * <pre>{@code
 * FactsForm.Sniffed sniffed = FactsForm.sniff(System.in);
 * if (sniffed.form() == FactsForm.LINES) { … read sniffed.input() line by line … }
 * }</pre>
 */
public enum FactsForm {
    /** One JSON object with every account and every list of facts. */
    DOCUMENT,
    /** One account and its facts per line, after an optional header line. */
    LINES;

    /**
     * The form of an input, and the input to read it from, from its first byte again.
     *
     * @param form  the form
     * @param input the whole input, the bytes read to decide included
     */
    public record Sniffed(FactsForm form, InputStream input) {}

    /**
     * Reads as much of {@code in} as it takes to tell its form: the first object's top-level field
     * names up to {@code account} (lines) or {@code accounts} (a document); a first object with
     * neither is a header when another value follows it, and a document when it is all. Input that
     * is empty, not an object or not JSON is a document, for {@link FactsJson} to report.
     *
     * @param in the input; read further by the returned stream, which closes it
     * @return the form and the input from its start
     * @throws IOException when {@code in} cannot be read
     */
    public static Sniffed sniff(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        InputStream tee = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    seen.write(b);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    seen.write(buf, off, n);
                }
                return n;
            }

            @Override
            public void close() {
                // the caller reads on from the returned stream
            }
        };
        FactsForm form = decide(tee);
        return new Sniffed(form, new SequenceInputStream(new ByteArrayInputStream(seen.toByteArray()), in));
    }

    private static FactsForm decide(InputStream tee) throws IOException {
        try (JsonParser p = FactsJson.mapper().getFactory().createParser(tee)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return DOCUMENT;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                if (name.equals(FactsJsonLines.ACCOUNT)) {
                    return LINES;
                }
                if (name.equals("accounts")) {
                    return DOCUMENT;
                }
                p.nextToken();
                p.skipChildren();
            }
            return afterFirstObject(p);
        } catch (JsonProcessingException e) {
            return DOCUMENT;
        }
    }

    /** A first object that has neither field is a header when anything follows it, even text that is not JSON. */
    private static FactsForm afterFirstObject(JsonParser p) throws IOException {
        try {
            return p.nextToken() == null ? DOCUMENT : LINES;
        } catch (JsonProcessingException e) {
            return LINES;
        }
    }
}
