package org.auprules.drools.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Severity;
import org.auprules.api.desk.Waiver;
import org.auprules.api.policy.Action;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.api.policy.ClauseId;
import org.auprules.api.policy.Modality;
import org.auprules.internal.DidYouMean;
import org.auprules.internal.JsonLocator;
import org.auprules.internal.JsonSyntax;
import org.jspecify.annotations.Nullable;

/**
 * Reads the abuse desk's files of a pack, both optional: {@code waivers.json} (exceptions granted)
 * and {@code escalations.json} (how repeat offences escalate). Every problem is reported at its
 * line; a file with an error yields nothing, so a half-read table never applies.
 */
public final class DeskFilesReader {

    /** The pack file of waivers. */
    public static final String WAIVERS_FILE = "waivers.json";
    /** The pack file of the escalation table. */
    public static final String ESCALATIONS_FILE = "escalations.json";

    static final List<String> WAIVER_FIELDS =
            List.of("id", "accountId", "clauses", "match", "reason", "grantedBy", "grantedAt", "expiresAt");
    static final List<String> MATCH_FIELDS = List.of("process", "path", "domain");
    static final List<String> ROW_FIELDS =
            List.of("id", "clauses", "priorViolations", "withinDays", "severity", "addActions", "description");
    static final List<String> ACTION_FIELDS = List.of("action", "modality", "authority");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * What the desk's files hold.
     *
     * @param waivers     the pack's waivers
     * @param escalations the rows of the escalation table, in file order
     * @param problems    every error and warning found
     */
    public record Parsed(List<Waiver> waivers, List<EscalationRow> escalations, List<PolicyProblem> problems) {

        /** Nothing: a pack without the desk's files. */
        public static final Parsed EMPTY = new Parsed(List.of(), List.of(), List.of());

        /**
         * Copies the lists.
         *
         * @param waivers     the pack's waivers
         * @param escalations the rows of the escalation table
         * @param problems    every problem found
         */
        public Parsed {
            waivers = List.copyOf(waivers);
            escalations = List.copyOf(escalations);
            problems = List.copyOf(problems);
        }
    }

    private final String file;
    private final String text;
    private final ClauseCatalog catalog;
    private final List<PolicyProblem> problems = new ArrayList<>();
    private @Nullable JsonLocator locator;

    private DeskFilesReader(String file, String text, ClauseCatalog catalog) {
        this.file = file;
        this.text = text;
        this.catalog = catalog;
    }

    /**
     * Reads both files of a pack whose clauses are {@code catalog}.
     *
     * @param source  the pack's files
     * @param catalog the pack's clauses
     * @return the waivers, the escalation rows and every problem
     */
    public static Parsed read(PackSource source, ClauseCatalog catalog) {
        List<Waiver> waivers = List.of();
        List<EscalationRow> rows = List.of();
        List<PolicyProblem> problems = new ArrayList<>();
        Optional<String> w = source.text(WAIVERS_FILE);
        if (w.isPresent()) {
            DeskFilesReader r = new DeskFilesReader(WAIVERS_FILE, w.get(), catalog);
            List<Waiver> read = r.waivers();
            problems.addAll(r.problems);
            waivers = r.hasErrors() ? List.of() : read;
        }
        Optional<String> e = source.text(ESCALATIONS_FILE);
        if (e.isPresent()) {
            DeskFilesReader r = new DeskFilesReader(ESCALATIONS_FILE, e.get(), catalog);
            List<EscalationRow> read = r.escalations();
            problems.addAll(r.problems);
            rows = r.hasErrors() ? List.of() : read;
        }
        return new Parsed(waivers, rows, problems);
    }

    /**
     * The problems of waivers given with the facts rather than in the pack: clauses that do not
     * exist, each with a did-you-mean, at the waiver's JSON path ({@code $.waivers[0].clauses[1]}).
     *
     * @param waivers the input's waivers
     * @param catalog the policy's clauses
     * @return one message per unknown clause, with its JSON path
     */
    public static List<String[]> unknownClauses(List<Waiver> waivers, ClauseCatalog catalog) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < waivers.size(); i++) {
            List<String> clauses = waivers.get(i).clauses();
            for (int c = 0; c < clauses.size(); c++) {
                int wi = i;
                int ci = c;
                unknownClause(clauses.get(c), catalog)
                        .ifPresent(m -> out.add(new String[] {"$.waivers[" + wi + "].clauses[" + ci + "]", m}));
            }
        }
        return out;
    }

    /** Why a clause id names no clause or section of the catalog, with a did-you-mean; empty when it does. */
    static Optional<String> unknownClause(String id, ClauseCatalog catalog) {
        Set<String> ids = new TreeSet<>();
        for (Clause c : catalog.all()) {
            ids.add(c.id().value());
        }
        for (String known : ids) {
            if (Waiver.within(known, id)) {
                return Optional.empty();
            }
        }
        Set<String> sections = new TreeSet<>(ids);
        for (String known : ids) {
            for (int dot = known.indexOf('.'); dot > 0; dot = known.indexOf('.', dot + 1)) {
                sections.add(known.substring(0, dot));
            }
        }
        return Optional.of("unknown clause `" + id + "`"
                + DidYouMean.suggest(id, sections)
                        .map(s -> "; did you mean `" + s + "`?")
                        .orElse("")
                + " (see `aup-rules clauses` for the ids)");
    }

    private boolean hasErrors() {
        return problems.stream().anyMatch(PolicyProblem::isError);
    }

    private JsonLocator locator() {
        if (locator == null) {
            locator = JsonLocator.of(text);
        }
        return locator;
    }

    private void error(String path, String message) {
        problems.add(PolicyProblem.error(file, locator().line(path), locator().column(path), path + ": " + message));
    }

    private @Nullable JsonNode list(String section, String example) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            problems.add(PolicyProblem.error(
                    file,
                    loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr(),
                    "malformed JSON: " + JsonSyntax.describe(e)));
            return null;
        }
        if (root == null || !root.isObject() || !root.path(section).isArray()) {
            problems.add(PolicyProblem.error(
                    file, 1, 1, "expected an object with an array `" + section + "`, such as " + example));
            return null;
        }
        root.fieldNames().forEachRemaining(f -> {
            if (!f.equals(section)) {
                error("$." + f, "unknown section `" + f + "`; expected only `" + section + "`");
            }
        });
        return root.get(section);
    }

    private void fields(JsonNode n, String at, List<String> known) {
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                error(
                        at + "." + f,
                        "unknown field `" + f + "`"
                                + DidYouMean.suggest(f, known)
                                        .map(s -> "; did you mean `" + s + "`?")
                                        .orElse("; expected one of " + String.join(", ", known)));
            }
        });
    }

    private @Nullable String text(JsonNode n, String field, String at, boolean required) {
        JsonNode v = n.get(field);
        if (v == null) {
            if (required) {
                error(at, "missing required field `" + field + "`");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            error(at + "." + field, "expected a non-empty string, got `" + v + "`");
            return null;
        }
        return v.asText();
    }

    private @Nullable Instant instant(JsonNode n, String field, String at) {
        String t = text(n, field, at, false);
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            error(at + "." + field, "expected an ISO-8601 instant such as `2026-11-28T12:00:00Z`, got `" + t + "`");
            return null;
        }
    }

    private List<String> clauses(JsonNode n, String at) {
        List<String> out = new ArrayList<>();
        JsonNode v = n.get("clauses");
        if (v == null || !v.isArray() || v.isEmpty()) {
            error(
                    v == null ? at : at + ".clauses",
                    "expected `clauses`, a non-empty array of clause ids such as [\"2.15\"]");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            String path = at + ".clauses[" + i + "]";
            if (!v.get(i).isTextual()) {
                error(path, "expected a clause id, got `" + v.get(i) + "`");
                continue;
            }
            String id = v.get(i).asText();
            unknownClause(id, catalog).ifPresentOrElse(m -> error(path, m), () -> out.add(id));
        }
        return out;
    }

    private int whole(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        if (v == null) {
            error(at, "missing required field `" + field + "`");
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
            error(at + "." + field, "expected a whole number of at least 1, got `" + v + "`");
            return 0;
        }
        return v.asInt();
    }

    private static <E extends Enum<E>> @Nullable E enumOf(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value.toUpperCase(Locale.ROOT))) {
                return e;
            }
        }
        return null;
    }

    private <E extends Enum<E>> @Nullable E enumField(
            Class<E> type, JsonNode n, String field, String at, boolean required) {
        String t = text(n, field, at, required);
        if (t == null) {
            return null;
        }
        E e = enumOf(type, t);
        if (e == null) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name());
            }
            error(
                    at + "." + field,
                    "unknown value `" + t + "`"
                            + DidYouMean.suggest(t, names)
                                    .map(s -> "; did you mean `" + s + "`?")
                                    .orElse("; expected one of " + String.join(", ", names)));
        }
        return e;
    }

    private List<Waiver> waivers() {
        List<Waiver> out = new ArrayList<>();
        JsonNode items = list(
                "waivers",
                "{\"waivers\": [{\"id\": \"w-1\", \"accountId\": \"acc-1\", \"clauses\": [\"2.15\"], "
                        + "\"expiresAt\": \"2027-01-01T00:00:00Z\"}]}");
        if (items == null) {
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "$.waivers[" + i + "]";
            JsonNode n = items.get(i);
            if (!n.isObject()) {
                error(at, "expected a waiver object, got `" + n + "`");
                continue;
            }
            fields(n, at, WAIVER_FIELDS);
            String id = text(n, "id", at, true);
            if (id != null && !ids.add(id)) {
                error(at + ".id", "duplicate waiver id `" + id + "`");
            }
            String account = text(n, "accountId", at, true);
            List<String> clauses = clauses(n, at);
            Waiver.Match match = null;
            JsonNode m = n.get("match");
            if (m != null) {
                if (!m.isObject() || m.isEmpty()) {
                    error(at + ".match", "expected an object with `process`, `path` or `domain`, got `" + m + "`");
                } else {
                    fields(m, at + ".match", MATCH_FIELDS);
                    match = new Waiver.Match(
                            text(m, "process", at + ".match", false),
                            text(m, "path", at + ".match", false),
                            text(m, "domain", at + ".match", false));
                }
            }
            String reason = text(n, "reason", at, false);
            String grantedBy = text(n, "grantedBy", at, false);
            Instant grantedAt = instant(n, "grantedAt", at);
            Instant expiresAt = instant(n, "expiresAt", at);
            if (grantedAt != null && expiresAt != null && !expiresAt.isAfter(grantedAt)) {
                error(at + ".expiresAt", "expires at " + expiresAt + ", not after it was granted (" + grantedAt + ")");
            }
            if (id != null && account != null && !clauses.isEmpty()) {
                out.add(new Waiver(id, account, clauses, match, reason, grantedBy, grantedAt, expiresAt));
            }
        }
        return out;
    }

    private List<EscalationRow> escalations() {
        List<EscalationRow> out = new ArrayList<>();
        JsonNode items = list(
                "escalations",
                "{\"escalations\": [{\"id\": \"spam-repeat\", \"clauses\": [\"1.A\"], \"priorViolations\": 1, "
                        + "\"withinDays\": 90, \"addActions\": [{\"action\": \"REPORT_TO_FTC\", "
                        + "\"modality\": \"RECOMMENDED\", \"authority\": \"1.A.4\"}]}]}");
        if (items == null) {
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "$.escalations[" + i + "]";
            JsonNode n = items.get(i);
            if (!n.isObject()) {
                error(at, "expected an escalation row object, got `" + n + "`");
                continue;
            }
            fields(n, at, ROW_FIELDS);
            String id = text(n, "id", at, true);
            if (id != null && !ids.add(id)) {
                error(at + ".id", "duplicate escalation id `" + id + "`");
            }
            List<String> clauses = clauses(n, at);
            int prior = whole(n, "priorViolations", at);
            int days = whole(n, "withinDays", at);
            Severity severity = enumField(Severity.class, n, "severity", at, false);
            List<AuthorizedAction> actions = new ArrayList<>();
            JsonNode a = n.get("addActions");
            if (a != null && !a.isArray()) {
                error(at + ".addActions", "expected an array of actions, got `" + a + "`");
            } else if (a != null) {
                for (int k = 0; k < a.size(); k++) {
                    String aat = at + ".addActions[" + k + "]";
                    JsonNode an = a.get(k);
                    if (!an.isObject()) {
                        error(aat, "expected an action object with `action`, `modality` and `authority`");
                        continue;
                    }
                    fields(an, aat, ACTION_FIELDS);
                    Action action = enumField(Action.class, an, "action", aat, true);
                    Modality modality = enumField(Modality.class, an, "modality", aat, true);
                    String authority = text(an, "authority", aat, true);
                    if (authority != null && catalog.find(authority).isEmpty()) {
                        error(
                                aat + ".authority",
                                "unknown clause `" + authority + "`"
                                        + DidYouMean.suggest(
                                                        authority,
                                                        catalog.all().stream()
                                                                .map(c -> c.id().value())
                                                                .toList())
                                                .map(s -> "; did you mean `" + s + "`?")
                                                .orElse(""));
                        authority = null;
                    }
                    if (action != null && modality != null && authority != null) {
                        actions.add(new AuthorizedAction(action, modality, ClauseId.of(authority)));
                    }
                }
            }
            if (severity == null && (a == null || a.isEmpty()) && !n.has("severity")) {
                error(at, "escalates nothing: give a `severity`, `addActions`, or both");
            }
            String description = text(n, "description", at, false);
            if (id != null && !clauses.isEmpty() && prior > 0 && days > 0) {
                out.add(new EscalationRow(
                        id,
                        clauses,
                        prior,
                        days,
                        Optional.ofNullable(severity),
                        actions,
                        description == null ? "" : description,
                        locator().line(at)));
            }
        }
        return out;
    }
}
