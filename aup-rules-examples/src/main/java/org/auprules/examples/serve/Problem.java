package org.auprules.examples.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An error answer as an RFC 9457 problem document ({@code application/problem+json}): a type that
 * names the kind of error, its title, the HTTP status, a detail in the input's terms, and extension
 * members such as the JSON {@code path} and {@code line} of invalid facts.
 *
 * @param status  the HTTP status
 * @param type    {@code urn:aup-rules:problem:} and the kind, e.g. {@code invalid-facts}
 * @param title   the kind in a few words, the same for every problem of the type
 * @param detail  what is wrong with this request
 * @param members extension members, written after the standard ones
 */
record Problem(int status, String type, String title, String detail, ObjectNode members) {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    Problem {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(title, "title must not be null");
        Objects.requireNonNull(detail, "detail must not be null");
        members = members.deepCopy();
    }

    /** A problem without extension members; {@code kind} becomes the type's last part. */
    static Problem of(int status, String kind, String title, String detail) {
        return new Problem(status, "urn:aup-rules:problem:" + kind, title, detail, MAPPER.createObjectNode());
    }

    /** This problem with one more extension member. */
    Problem with(String name, Object value) {
        ObjectNode m = members.deepCopy();
        m.set(name, MAPPER.valueToTree(value));
        return new Problem(status, type, title, detail, m);
    }

    /** The document: {@code type}, {@code title}, {@code status}, {@code detail}, then the extensions. */
    ObjectNode toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", type);
        n.put("title", title);
        n.put("status", status);
        n.put("detail", detail);
        n.setAll(members);
        return n;
    }

    /** The document as one line of JSON. */
    String write() {
        return toJson().toString();
    }

    /** Thrown by a handler to answer with a problem document. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        Failure(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }
}
