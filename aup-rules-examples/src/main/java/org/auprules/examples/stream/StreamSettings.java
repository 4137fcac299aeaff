package org.auprules.examples.stream;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;
import org.jspecify.annotations.Nullable;

/**
 * The settings of {@code aup-rules stream}, read from a properties file: Kafka Streams' own
 * settings ({@code bootstrap.servers}, {@code application.id} and any other), and ours under
 * {@code aup.}: the five topics, the pack folder, the grace period and the kind of state store.
 * {@code processing.guarantee} is {@code exactly_once_v2} unless the file says otherwise.
 *
 * @param kafka the properties Kafka Streams gets
 * @param topics the topic names
 * @param pack the pack folder, or {@code null} for the built-in Entrecloud pack
 * @param grace how long a fact is kept after it leaves the longest window
 * @param store where state stores live
 */
public record StreamSettings(
        Properties kafka, Topics topics, @Nullable Path pack, Duration grace, StoreKind store) {

    /** The default grace period. */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(5);

    /**
     * The topics the application reads and writes.
     *
     * @param facts fact events keyed by account id
     * @param accounts account records keyed by account id, compacted; partitioned like {@code facts}
     * @param violations OPENED, CHANGED and RESOLVED events keyed by account id
     * @param deadLetters records that were not valid, with the reason
     * @param control pack announcements, read by every instance
     */
    public record Topics(String facts, String accounts, String violations, String deadLetters, String control) {

        /** {@return the default topic names: aup-facts, aup-accounts, aup-violations, aup-dead-letters, aup-control} */
        public static Topics defaults() {
            return new Topics("aup-facts", "aup-accounts", "aup-violations", "aup-dead-letters", "aup-control");
        }
    }

    /** Where state stores live. */
    public enum StoreKind {
        /** In the heap, restored from the changelog topics on start: no native library needed. */
        IN_MEMORY,
        /** In RocksDB on local disk; needs rocksdbjni on the class path (docs/scale-out.md). */
        ROCKSDB
    }

    private static final Map<String, String> OURS = ours();
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private static Map<String, String> ours() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("aup.topic.facts", "aup-facts");
        m.put("aup.topic.accounts", "aup-accounts");
        m.put("aup.topic.violations", "aup-violations");
        m.put("aup.topic.dead-letters", "aup-dead-letters");
        m.put("aup.topic.control", "aup-control");
        m.put("aup.pack", "");
        m.put("aup.grace", DEFAULT_GRACE.toString());
        m.put("aup.state.store", "in-memory");
        return Map.copyOf(m);
    }

    /**
     * Reads a settings file.
     *
     * @param file the properties file
     * @return the settings
     * @throws StreamConfigException naming the file, and the line of a bad setting, with every problem found
     */
    public static StreamSettings load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new StreamConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new StreamConfigException(file + ": cannot read it: " + e.getMessage());
        }
        Properties p = new Properties();
        try (Reader r = new java.io.StringReader(text)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new StreamConfigException(file + ": not a properties file: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (String required : List.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, StreamsConfig.APPLICATION_ID_CONFIG)) {
            if (p.getProperty(required, "").isBlank()) {
                problems.add(file + ": missing required setting `" + required + "`");
            }
        }
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("aup.") && !OURS.containsKey(name)) {
                problems.add(at(file, text, name) + "unknown setting `" + name + "`; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(OURS.keySet())));
            }
        }
        Topics topics = new Topics(
                topic(p, file, text, "aup.topic.facts", problems),
                topic(p, file, text, "aup.topic.accounts", problems),
                topic(p, file, text, "aup.topic.violations", problems),
                topic(p, file, text, "aup.topic.dead-letters", problems),
                topic(p, file, text, "aup.topic.control", problems));
        Set<String> seen = new HashSet<>();
        for (String t : List.of(
                topics.facts(), topics.accounts(), topics.violations(), topics.deadLetters(), topics.control())) {
            if (!seen.add(t)) {
                problems.add(file + ": topic `" + t + "` is named for two purposes; every aup.topic.* needs its own");
            }
        }
        Path pack = null;
        String packSetting = p.getProperty("aup.pack", "").trim();
        if (!packSetting.isEmpty()) {
            Path base = file.toAbsolutePath().getParent();
            pack = (base == null ? Path.of("") : base).resolve(packSetting).normalize();
            if (!Files.isDirectory(pack)) {
                problems.add(at(file, text, "aup.pack") + "`" + packSetting
                        + "` is not a folder (a pack folder with policy.json and rules/)");
            }
        }
        Duration grace = DEFAULT_GRACE;
        String graceSetting = p.getProperty("aup.grace", "").trim();
        if (!graceSetting.isEmpty()) {
            try {
                grace = Duration.parse(graceSetting);
                if (grace.isNegative()) {
                    problems.add(at(file, text, "aup.grace") + "`" + graceSetting + "` is negative");
                }
            } catch (DateTimeParseException e) {
                problems.add(at(file, text, "aup.grace") + "`" + graceSetting
                        + "` is not an ISO-8601 duration such as `PT5M` or `PT1H`");
            }
        }
        StoreKind store = StoreKind.IN_MEMORY;
        String storeSetting = p.getProperty("aup.state.store", "in-memory").trim();
        switch (storeSetting) {
            case "in-memory" -> store = StoreKind.IN_MEMORY;
            case "rocksdb" -> store = StoreKind.ROCKSDB;
            default ->
                problems.add(at(file, text, "aup.state.store") + "unknown value `" + storeSetting
                        + "`; expected one of in-memory, rocksdb");
        }
        if (!problems.isEmpty()) {
            throw new StreamConfigException(String.join("\n", problems));
        }
        Properties kafka = defaults();
        for (String name : p.stringPropertyNames()) {
            if (!name.startsWith("aup.")) {
                kafka.setProperty(name, p.getProperty(name).trim());
            }
        }
        return new StreamSettings(kafka, topics, pack, grace, store);
    }

    /**
     * The Kafka Streams settings every instance starts from, before the file's.
     *
     * @return {@code processing.guarantee=exactly_once_v2}
     */
    public static Properties defaults() {
        Properties p = new Properties();
        p.setProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return p;
    }

    private static String topic(Properties p, Path file, String text, String name, List<String> problems) {
        String value = p.getProperty(name, OURS.get(name)).trim();
        if (!TOPIC.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            problems.add(at(file, text, name) + "`" + value
                    + "` is not a Kafka topic name (letters, digits, `.`, `_` and `-`, at most 249)");
        }
        return value;
    }

    /** {@code file:line: } of the line that sets {@code name}, or {@code file: } when none is found. */
    private static String at(Path file, String text, String name) {
        String[] lines = text.split("\r?\n", -1);
        Pattern key = Pattern.compile("^\\s*" + Pattern.quote(name) + "\\s*[=:\\s]");
        for (int i = 0; i < lines.length; i++) {
            if (key.matcher(lines[i] + " ").find()) {
                return file + ":" + (i + 1) + ": ";
            }
        }
        return file + ": ";
    }
}
