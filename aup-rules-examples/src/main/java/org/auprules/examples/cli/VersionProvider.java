package org.auprules.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.auprules.drools.PolicyPack;
import picocli.CommandLine;

/**
 * {@code aup-rules --version}: the tool's version, written into {@code build.properties} by the
 * build, and the default pack's name, version and digest, read from the pack the jar carries.
 */
final class VersionProvider implements CommandLine.IVersionProvider {

    private static final String BUILD_PROPERTIES = "build.properties";

    @Override
    public String[] getVersion() {
        PolicyPack pack = PolicyPack.defaultPack();
        String name = "?";
        String version = "?";
        try {
            JsonNode policy = new ObjectMapper()
                    .readTree(pack.text(PolicyPack.POLICY_FILE).orElse("{}"));
            name = policy.path("name").asText("?");
            version = policy.path("version").asText("?");
        } catch (IOException e) {
            // the shipped policy.json is valid JSON; the digest below still says which pack it is
        }
        return new String[] {
            "aup-rules " + toolVersion(), "default policy pack: " + name + " " + version + "  (" + pack.digest() + ")"
        };
    }

    /** The version the build wrote, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String toolVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("`" + BUILD_PROPERTIES + "` is missing from the classpath: "
                        + "the jar was not built by Maven");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            if (v.isEmpty() || v.startsWith("${")) {
                throw new IllegalStateException("`" + BUILD_PROPERTIES + "` was not filtered by the build");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
