package org.auprules.drools.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Severity;
import org.auprules.api.desk.NoticeRules;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccessAttempt;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AudioStream;
import org.auprules.api.facts.BlacklistListing;
import org.auprules.api.facts.EmailMessage;
import org.auprules.api.facts.Export;
import org.auprules.api.facts.HostedFile;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.Login;
import org.auprules.api.facts.MailingList;
import org.auprules.api.facts.NetworkActivity;
import org.auprules.api.facts.OptOutRequest;
import org.auprules.api.facts.Permit;
import org.auprules.api.facts.ResourceUsage;
import org.auprules.api.facts.Website;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.internal.DidYouMean;
import org.auprules.internal.JsonLocator;
import org.auprules.internal.JsonSyntax;
import org.jspecify.annotations.Nullable;

/**
 * Reads the customer-notice files of a pack, all optional but all or none:
 * {@code notices/masking.json} (which fields of each fact type a customer may see, the deadline
 * per severity and clause, what the customer must do) and the two Mustache templates, whose syntax
 * and names {@link NoticeTemplates} checks. Every problem is reported at its line and column; a
 * file with an error yields no notice rules, and the pack does not compile.
 */
public final class NoticeFilesReader {

    /** The folder of the notice files. */
    public static final String FOLDER = "notices/";
    /** The masking, deadlines and remedies. */
    public static final String MASKING_FILE = FOLDER + "masking.json";
    /** The plain-text template. */
    public static final String TEXT_TEMPLATE = FOLDER + "notice.txt.mustache";
    /** The HTML template. */
    public static final String HTML_TEMPLATE = FOLDER + "notice.html.mustache";

    /** Each fact type as evidence names it, with its record class, whose components are its JSON fields. */
    public static final Map<String, Class<? extends Record>> FACT_TYPES = factTypes();

    static final List<String> SECTIONS = List.of("visibleFields", "deadlines", "remedies");
    static final List<String> DEADLINE_SECTIONS = List.of("bySeverity", "byClause");
    /** The key of {@code remedies} that applies when no clause or section key does. */
    public static final String DEFAULT_REMEDY = NoticeRules.DEFAULT_REMEDY;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * What the notice files hold.
     *
     * @param rules    the notice rules, when the pack has the files and they have no error
     * @param problems every problem found
     */
    public record Parsed(Optional<NoticeRules> rules, List<PolicyProblem> problems) {

        /** Nothing: a pack without notice files. */
        public static final Parsed EMPTY = new Parsed(Optional.empty(), List.of());

        /** Copies the list. */
        public Parsed {
            problems = List.copyOf(problems);
        }
    }

    private final String text;
    private final ClauseCatalog catalog;
    private final List<PolicyProblem> problems = new ArrayList<>();
    private final JsonLocator locator;

    private NoticeFilesReader(String text, ClauseCatalog catalog) {
        this.text = text;
        this.catalog = catalog;
        this.locator = JsonLocator.of(text);
    }

    /**
     * Reads the notice files of a pack whose clauses are {@code catalog}.
     *
     * @param source  the pack's files
     * @param catalog the pack's clauses
     * @return the notice rules when the pack has them, and every problem
     */
    public static Parsed read(PackSource source, ClauseCatalog catalog) {
        Optional<String> masking = source.text(MASKING_FILE);
        Optional<String> txt = source.text(TEXT_TEMPLATE);
        Optional<String> html = source.text(HTML_TEMPLATE);
        if (masking.isEmpty() && txt.isEmpty() && html.isEmpty()) {
            return Parsed.EMPTY;
        }
        List<PolicyProblem> problems = new ArrayList<>();
        for (String f : List.of(MASKING_FILE, TEXT_TEMPLATE, HTML_TEMPLATE)) {
            if (source.text(f).isEmpty()) {
                problems.add(PolicyProblem.error(
                        f,
                        0,
                        0,
                        "missing: a pack with customer notices needs " + MASKING_FILE + ", " + TEXT_TEMPLATE + " and "
                                + HTML_TEMPLATE));
            }
        }
        txt.ifPresent(t -> problems.addAll(NoticeTemplates.check(TEXT_TEMPLATE, t, source::text)));
        html.ifPresent(t -> problems.addAll(NoticeTemplates.check(HTML_TEMPLATE, t, source::text)));
        if (masking.isEmpty()) {
            return new Parsed(Optional.empty(), problems);
        }
        NoticeFilesReader r = new NoticeFilesReader(masking.get(), catalog);
        Optional<NoticeRules> rules = r.rules(txt.orElse(""), html.orElse(""));
        problems.addAll(r.problems);
        boolean errors = problems.stream().anyMatch(PolicyProblem::isError);
        return new Parsed(errors ? Optional.empty() : rules, problems);
    }

    private Optional<NoticeRules> rules(String txt, String html) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            problems.add(PolicyProblem.error(
                    MASKING_FILE,
                    loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr(),
                    "malformed JSON: " + JsonSyntax.describe(e)));
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            problems.add(PolicyProblem.error(
                    MASKING_FILE, 1, 1, "expected an object with `visibleFields`, `deadlines` and `remedies`"));
            return Optional.empty();
        }
        unknownKeys(root, "$", SECTIONS, "section");
        Map<String, List<String>> visible = visibleFields(object(root, "visibleFields", "$"));
        Map<Severity, Duration> bySeverity = new TreeMap<>();
        Map<String, Duration> byClause = new LinkedHashMap<>();
        JsonNode deadlines = object(root, "deadlines", "$");
        if (deadlines != null) {
            unknownKeys(deadlines, "$.deadlines", DEADLINE_SECTIONS, "section");
            bySeverity = bySeverity(object(deadlines, "bySeverity", "$.deadlines"));
            JsonNode clauses = deadlines.get("byClause");
            if (clauses != null) {
                if (!clauses.isObject()) {
                    error("$.deadlines.byClause", "expected an object of clause ids to durations");
                } else {
                    clauses.properties().forEach(e -> {
                        String at = "$.deadlines.byClause." + e.getKey();
                        clause(e.getKey(), at);
                        duration(e.getValue(), at).ifPresent(d -> byClause.put(e.getKey(), d));
                    });
                }
            }
        }
        Map<String, String> remedies = new LinkedHashMap<>();
        JsonNode rem = object(root, "remedies", "$");
        if (rem != null) {
            rem.properties().forEach(e -> {
                String at = "$.remedies." + e.getKey();
                if (!e.getKey().equals(DEFAULT_REMEDY)) {
                    clause(e.getKey(), at);
                }
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    error(at, "expected a non-empty string: what the customer must do");
                } else {
                    remedies.put(e.getKey(), e.getValue().asText());
                }
            });
            if (!rem.has(DEFAULT_REMEDY)) {
                error("$.remedies", "missing `" + DEFAULT_REMEDY + "`: the remedy for clauses no other key covers");
            }
        }
        return Optional.of(new NoticeRules(visible, bySeverity, byClause, remedies, txt, html));
    }

    private Map<String, List<String>> visibleFields(@Nullable JsonNode node) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        node.properties().forEach(e -> {
            String type = e.getKey();
            String at = "$.visibleFields." + type;
            Class<? extends Record> record = FACT_TYPES.get(type);
            if (record == null) {
                error(
                        at,
                        "unknown fact type `" + type + "`"
                                + DidYouMean.suggest(type, FACT_TYPES.keySet())
                                        .map(s -> "; did you mean `" + s + "`?")
                                        .orElse("; expected one of " + String.join(", ", FACT_TYPES.keySet())));
                return;
            }
            if (!e.getValue().isArray()) {
                error(at, "expected an array of field names, such as [\"name\"]");
                return;
            }
            List<String> fields = fields(record);
            List<String> listed = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                JsonNode f = e.getValue().get(i);
                String path = at + "[" + i + "]";
                if (!f.isTextual()) {
                    error(path, "expected a field name, got `" + f + "`");
                } else if (!fields.contains(f.asText())) {
                    error(
                            path,
                            "unknown field `" + f.asText() + "` of fact type `" + type + "`"
                                    + DidYouMean.suggest(f.asText(), fields)
                                            .map(s -> "; did you mean `" + s + "`?")
                                            .orElse("; expected one of " + String.join(", ", fields)));
                } else {
                    listed.add(f.asText());
                }
            }
            out.put(type, List.copyOf(listed));
        });
        return out;
    }

    private Map<Severity, Duration> bySeverity(@Nullable JsonNode node) {
        Map<Severity, Duration> out = new TreeMap<>();
        if (node == null) {
            return out;
        }
        List<String> names =
                Arrays.stream(Severity.values()).map(Severity::name).toList();
        node.properties().forEach(e -> {
            String at = "$.deadlines.bySeverity." + e.getKey();
            if (!names.contains(e.getKey())) {
                error(
                        at,
                        "unknown severity `" + e.getKey() + "`"
                                + DidYouMean.suggest(e.getKey(), names)
                                        .map(s -> "; did you mean `" + s + "`?")
                                        .orElse("; expected one of " + String.join(", ", names)));
                return;
            }
            duration(e.getValue(), at).ifPresent(d -> out.put(Severity.valueOf(e.getKey()), d));
        });
        for (String s : names) {
            if (!node.has(s)) {
                error("$.deadlines.bySeverity", "missing severity `" + s + "`: every severity needs a deadline");
            }
        }
        return out;
    }

    private Optional<Duration> duration(JsonNode v, String at) {
        if (v.isTextual()) {
            try {
                Duration d = Duration.parse(v.asText());
                if (!d.isNegative()) {
                    return Optional.of(d);
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        error(at, "expected an ISO-8601 duration such as `P3D` or `PT24H`, got `" + v + "`");
        return Optional.empty();
    }

    private void clause(String id, String at) {
        DeskFilesReader.unknownClause(id, catalog).ifPresent(m -> error(at, m));
    }

    private @Nullable JsonNode object(JsonNode parent, String field, String at) {
        JsonNode v = parent.get(field);
        if (v == null || !v.isObject()) {
            error(v == null ? at : at + "." + field, "expected an object `" + field + "`");
            return null;
        }
        return v;
    }

    private void unknownKeys(JsonNode n, String at, List<String> known, String what) {
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                error(
                        at + "." + f,
                        "unknown " + what + " `" + f + "`"
                                + DidYouMean.suggest(f, known)
                                        .map(s -> "; did you mean `" + s + "`?")
                                        .orElse("; expected one of " + String.join(", ", known)));
            }
        });
    }

    private void error(String path, String message) {
        problems.add(
                PolicyProblem.error(MASKING_FILE, locator.line(path), locator.column(path), path + ": " + message));
    }

    /** {@return the JSON field names of a fact type: its record's components, in declaration order} */
    public static List<String> fields(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .toList();
    }

    private static Map<String, Class<? extends Record>> factTypes() {
        Map<String, Class<? extends Record>> m = new LinkedHashMap<>();
        m.put("account", Account.class);
        m.put("email", EmailMessage.class);
        m.put("mailingList", MailingList.class);
        m.put("optOutRequest", OptOutRequest.class);
        m.put("blacklistListing", BlacklistListing.class);
        m.put("file", HostedFile.class);
        m.put("process", HostedProcess.class);
        m.put("website", Website.class);
        m.put("audioStream", AudioStream.class);
        m.put("networkActivity", NetworkActivity.class);
        m.put("accessAttempt", AccessAttempt.class);
        m.put("resourceUsage", ResourceUsage.class);
        m.put("export", Export.class);
        m.put("login", Login.class);
        m.put("permit", Permit.class);
        m.put("report", AbuseReport.class);
        return java.util.Collections.unmodifiableMap(m);
    }
}
