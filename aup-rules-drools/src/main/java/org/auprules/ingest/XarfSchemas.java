package org.auprules.ingest;

import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.InputStreamSource;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The X-ARF v4 JSON schemas shipped in the jar, compiled once and shared: they are immutable and
 * thread-safe. Schemas load from this jar only, never from the network.
 */
final class XarfSchemas {

    /** The {@code $id} prefix of every X-ARF v4 schema. */
    static final String ID_PREFIX = "https://xarf.org/schemas/v4/";
    /** Where the schemas live on the classpath, and their licence beside them. */
    static final String RESOURCE = "org/auprules/ingest/xarf-v4/schemas/";

    /**
     * An RFC 5321 mailbox by syntax alone. The validator's own {@code email} format also demands a
     * registered top-level domain, which rejects the reserved {@code .example} names the X-ARF
     * project's samples use.
     */
    private static final Pattern MAILBOX = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
            + "(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private static final XarfSchemas INSTANCE = new XarfSchemas();

    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private XarfSchemas() {
        JsonMetaSchema meta = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                // X-ARF marks recommended fields with this annotation; it constrains nothing.
                .keyword(new AnnotationKeyword("x-recommended"))
                .format(new MailboxFormat())
                .build();
        ClassLoader loader = XarfSchemas.class.getClassLoader();
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, b -> b.metaSchema(meta)
                .schemaLoaders(l -> l.values(list -> list.add(0, iri -> {
                    String s = iri.toString();
                    if (!s.startsWith(ID_PREFIX)) {
                        return null;
                    }
                    String resource = RESOURCE + s.substring(ID_PREFIX.length());
                    return (InputStreamSource) () -> {
                        InputStream in = loader.getResourceAsStream(resource);
                        if (in == null) {
                            throw new FileNotFoundException("no X-ARF schema `" + resource + "` in the jar");
                        }
                        return in;
                    };
                }))));
        // 2020-12 treats formats as annotations unless asked; X-ARF relies on uuid, date-time, ipv4 …
        config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
    }

    static XarfSchemas get() {
        return INSTANCE;
    }

    /** The core schema, {@code xarf-core.json}. */
    JsonSchema core() {
        return schema("xarf-core.json");
    }

    /** The schema of one type, e.g. {@code types/messaging-spam.json}; it includes the core schema. */
    JsonSchema type(XarfType type) {
        return schema("types/" + type.schemaFile);
    }

    private JsonSchema schema(String file) {
        return schemas.computeIfAbsent(file, f -> {
            JsonSchema s = factory.getSchema(SchemaLocation.of(ID_PREFIX + f), config);
            s.initializeValidators();
            return s;
        });
    }

    /** The {@code email} format as RFC 5321 syntax, with no list of top-level domains. */
    private static final class MailboxFormat implements Format {
        @Override
        public String getName() {
            return "email";
        }

        @Override
        public String getMessageKey() {
            return "format.email";
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            return MAILBOX.matcher(value).matches();
        }
    }
}
