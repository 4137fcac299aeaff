package org.auprules.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.auprules.api.MalformedInputException;
import org.jspecify.annotations.Nullable;

/**
 * The non-blank lines of a JSON Lines stream with their numbers, read as strict UTF-8, a byte order
 * mark at the start left out.
 */
final class LineSource {

    private final InputStream in;
    private final @Nullable String source;
    private final byte[] chunk = new byte[1 << 16];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[1 << 12];
    private int chunkStart;
    private int chunkEnd;
    private boolean ended;
    private int number;

    LineSource(InputStream in, @Nullable String source) {
        this.in = in;
        this.source = source;
    }

    /** {@return the next non-blank line, or null at the end} */
    @Nullable
    String next() {
        while (true) {
            int length = readLine();
            if (length < 0) {
                return null;
            }
            number++;
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            String text;
            try {
                // each line is decoded on its own, so that bytes that are not UTF-8 are found at their line
                text = decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
            } catch (CharacterCodingException e) {
                throw new MalformedInputException("not UTF-8 text (line " + number + ")", source, number, 0, e);
            }
            if (number == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (!text.isBlank()) {
                return text;
            }
        }
    }

    /** Reads the bytes up to the next line break into {@link #line}; {@return their count, or -1 at the end} */
    private int readLine() {
        int length = 0;
        while (true) {
            if (chunkStart == chunkEnd) {
                if (ended || !fill()) {
                    return length == 0 ? -1 : length;
                }
            }
            int i = chunkStart;
            while (i < chunkEnd && chunk[i] != '\n') {
                i++;
            }
            int n = i - chunkStart;
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
            }
            System.arraycopy(chunk, chunkStart, line, length, n);
            length += n;
            if (i < chunkEnd) {
                chunkStart = i + 1;
                return length;
            }
            chunkStart = chunkEnd;
        }
    }

    private boolean fill() {
        try {
            int n = in.read(chunk);
            if (n < 0) {
                ended = true;
                return false;
            }
            chunkStart = 0;
            chunkEnd = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read `" + source + "`", e);
        }
    }

    /** {@return the 1-based number of the line {@link #next()} gave last} */
    int number() {
        return number;
    }
}
