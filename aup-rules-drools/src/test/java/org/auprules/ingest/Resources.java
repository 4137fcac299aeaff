package org.auprules.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.FactSet;
import org.auprules.json.FactsJson;

/** Sample reports and schemas on the test classpath, and small builders for tests. */
final class Resources {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The X-ARF project's sample reports, copied from ../shared/samples with their licence. */
    static final String XARF_SAMPLES = "org/auprules/ingest/xarf-v4/";
    /** The mail-auth project's ARF samples, copied with their licences. */
    static final String ARF_SAMPLES = "org/auprules/ingest/arf/";

    private Resources() {}

    static byte[] bytes(String resource) {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource `" + resource + "`");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    static ObjectNode json(String resource) {
        try {
            return (ObjectNode) JSON.readTree(text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The X-ARF schema of a type, as shipped in the main resources. */
    static JsonNode schema(String file) {
        try {
            return JSON.readTree(text(XarfSchemas.RESOURCE + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Account> accounts(String factsJson) {
        return FactsJson.read(factsJson, null).accounts();
    }

    static FactSet facts(String factsJson) {
        return FactsJson.read(factsJson, null);
    }
}
