package org.auprules.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decoding of report files. */
final class Text {

    private Text() {}

    /**
     * The file as UTF-8 text, without a byte order mark.
     *
     * @throws InvalidReportException when the bytes are not UTF-8
     */
    static String utf8(String source, byte[] content) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidReportException(source, "not UTF-8 text: X-ARF reports are JSON in UTF-8");
        }
    }

    /** The text, cut to 60 characters with {@code ...} when longer, for quoting user input in a message. */
    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
