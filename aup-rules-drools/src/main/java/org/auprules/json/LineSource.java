package org.auprules.json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.auprules.api.MalformedInputException;
import org.jspecify.annotations.Nullable;

/**
 * The non-blank lines of a JSON Lines stream with their numbers, read as strict UTF-8, a byte order
 * mark at the start left out.
 */
final class LineSource {

    private final BufferedReader reader;
    private final @Nullable String source;
    private int number;

    LineSource(InputStream in, @Nullable String source) {
        this.reader = new BufferedReader(
                new InputStreamReader(
                        in,
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)),
                1 << 16);
        this.source = source;
    }

    /** {@return the next non-blank line, or null at the end} */
    @Nullable
    String next() {
        while (true) {
            String text;
            try {
                text = reader.readLine();
            } catch (CharacterCodingException e) {
                throw new MalformedInputException(
                        "not UTF-8 text (line " + (number + 1) + ")", source, number + 1, 0, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read `" + source + "`", e);
            }
            if (text == null) {
                return null;
            }
            number++;
            if (number == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (!text.isBlank()) {
                return text;
            }
        }
    }

    /** {@return the 1-based number of the line {@link #next()} gave last} */
    int number() {
        return number;
    }
}
