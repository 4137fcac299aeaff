package org.auprules.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The line and column of every value in a JSON text, by JSON path ({@code $.processes[3].cpuPercent}).
 * Built only when an error must be located, so that valid input is parsed once.
 */
public final class JsonLocator {

    private final Map<String, int[]> positions;

    private JsonLocator(Map<String, int[]> positions) {
        this.positions = positions;
    }

    /** One open object or array while scanning. */
    private static final class Frame {
        final String path;
        final boolean array;
        int nextIndex;
        /** The name of the field being read, once the object has one. */
        @Nullable
        String field;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }

        String childPath() {
            return array ? path + "[" + nextIndex + "]" : path + "." + field;
        }
    }

    /**
     * Where a text stops being JSON that {@code factory}'s parsers accept: the location of {@code e},
     * or, for an error that carries none (a nesting depth past the parser's limit), where a parser made
     * by the same factory stops; {@code null} only when neither knows.
     */
    public static @Nullable JsonLocation failure(JsonProcessingException e, JsonFactory factory, String json) {
        if (e.getLocation() != null) {
            return e.getLocation();
        }
        JsonParser p = null;
        try {
            p = factory.createParser(json);
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t.isScalarValue()) {
                    p.getText();
                }
            }
            return null;
        } catch (IOException again) {
            return p == null ? null : p.currentLocation();
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // a parser over a string has nothing to release
                }
            }
        }
    }

    /** Scans {@code json}; a text that is not well-formed yields the positions read before the fault. */
    public static JsonLocator of(String json) {
        Map<String, int[]> positions = new HashMap<>();
        Deque<Frame> frames = new ArrayDeque<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    frames.peek().field = p.currentName();
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    frames.pop();
                    advance(frames);
                    continue;
                }
                String path = frames.isEmpty() ? "$" : frames.peek().childPath();
                JsonLocation at = p.currentTokenLocation();
                positions.putIfAbsent(path, new int[] {at.getLineNr(), at.getColumnNr()});
                if (t.isStructStart()) {
                    frames.push(new Frame(path, t == JsonToken.START_ARRAY));
                } else {
                    advance(frames);
                }
            }
        } catch (IOException e) {
            // keep what was read: the caller reports the syntax error itself
        }
        return new JsonLocator(positions);
    }

    private static void advance(Deque<Frame> frames) {
        if (!frames.isEmpty() && frames.peek().array) {
            frames.peek().nextIndex++;
        }
    }

    /** The 1-based line of the value at {@code path}, or of its nearest located ancestor; 0 when unknown. */
    public int line(String path) {
        int[] pos = find(path);
        return pos == null ? 0 : pos[0];
    }

    /** The 1-based column of the value at {@code path}, or of its nearest located ancestor; 0 when unknown. */
    public int column(String path) {
        int[] pos = find(path);
        return pos == null ? 0 : pos[1];
    }

    private int @Nullable [] find(String path) {
        String p = path;
        while (true) {
            int[] pos = positions.get(p);
            if (pos != null) {
                return pos;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return positions.get("$");
            }
            p = p.substring(0, cut);
        }
    }
}
