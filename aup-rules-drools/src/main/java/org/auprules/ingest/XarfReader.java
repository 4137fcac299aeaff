package org.auprules.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.BlacklistListing;
import org.auprules.api.facts.DmcaNotice;
import org.auprules.drools.TrustedReporters;
import org.auprules.internal.JsonLocator;
import org.auprules.internal.JsonSyntax;

/**
 * Reads X-ARF v4 reports into facts. Each report is validated against the X-ARF core schema and
 * then its type's schema; a report that fails either is rejected with every problem, each naming
 * the offending field, the schema path that rejects it and its line.
 *
 * <p>A report becomes an {@link AbuseReport} whose id is the X-ARF {@code report_id}, whose time
 * is its {@code timestamp}, whose reporter is {@code reporter.contact} and whose organisation is
 * {@code reporter.org}. It names the {@code source_identifier} (an IP address, a domain, or an email
 * address) and the reported {@code url} or {@code infringing_url}, and is attributed to the account
 * that owns one of them. The sender's address ({@code smtp_from}) is never used to attribute: anyone
 * can forge it. A report from a trusted reporter is verified only when the channel it came through
 * is declared authenticated: an X-ARF file carries no proof of who wrote it. Every other field is kept in
 * {@code details}, except evidence payloads and {@code _internal}.
 *
 * <p>A verified {@code reputation/blocklist} report of an IP address becomes a
 * {@link BlacklistListing} instead; unverified, or of a domain, it stays a report for review.
 *
 * <pre>{@code
 * XarfReader reader = XarfReader.of(facts.accounts(), TrustedReporters.of(PolicyPack.defaultPack()));
 * List<AccountFact> facts = reader.read("spam.json", Files.readAllBytes(Path.of("spam.json")));
 * }</pre>
 *
 * Thread-safe; the schemas are compiled once per JVM.
 */
final class XarfReader {

    /** Fields that became fields of the fact, so {@code details} does not repeat them. */
    private static final Set<String> MAPPED = Set.of(
            "report_id",
            "timestamp",
            "category",
            "type",
            "source_identifier",
            "reporter.org",
            "reporter.contact",
            "url",
            "infringing_url");

    private final IngestContext context;
    private final ReportIngestor.Limits limits;
    private final ObjectMapper mapper;

    private XarfReader(IngestContext context, ReportIngestor.Limits limits) {
        this.context = context;
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxJsonDepth())
                .maxStringLength(limits.maxJsonStringLength())
                .maxNameLength(limits.maxJsonStringLength())
                .maxDocumentLength(limits.maxFileBytes())
                .maxTokenCount(limits.maxJsonTokens())
                .build();
        this.mapper = JsonMapper.builder(
                        JsonFactory.builder().streamReadConstraints(constraints).build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * A reader that attributes reports to these accounts and verifies those of these reporters.
     *
     * @param accounts the accounts, with the {@code ips} and {@code domains} they own
     * @param trusted  the reporters whose reports are verified
     */
    public static XarfReader of(List<Account> accounts, TrustedReporters trusted) {
        return new XarfReader(new IngestContext(accounts, trusted), ReportIngestor.Limits.defaults());
    }

    static XarfReader of(IngestContext context, ReportIngestor.Limits limits) {
        return new XarfReader(context, limits);
    }

    /**
     * Reads one X-ARF report: one JSON object, UTF-8.
     *
     * @param source  the file name, for messages
     * @param content the file's bytes
     * @return the report's facts: one report, or one blacklist listing
     * @throws InvalidReportException when the file is not an X-ARF v4 report that passes its schemas
     */
    public List<AccountFact> read(String source, byte[] content) {
        return read(source, Text.utf8(source, content));
    }

    /** Reads one X-ARF report from its JSON text. */
    public List<AccountFact> read(String source, String json) {
        JsonNode root;
        try (JsonParser parser = mapper.createParser(json)) {
            try {
                root = mapper.readTree(parser);
            } catch (StreamConstraintsException e) {
                // Jackson leaves the location out of these; the parser still knows where it stopped.
                int line = parser.currentLocation().getLineNr();
                throw new InvalidReportException(source, line, List.of(limitPassed(e, line)));
            }
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            int line = loc == null ? 0 : loc.getLineNr();
            String why = JsonSyntax.describe(e);
            throw new InvalidReportException(
                    source,
                    line,
                    List.of("malformed JSON: " + why
                            + (loc != null ? " (line " + line + ", column " + loc.getColumnNr() + ")" : "")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read JSON from a string", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidReportException(source, "empty file: expected one X-ARF v4 report, a JSON object");
        }
        if (!root.isObject()) {
            throw new InvalidReportException(
                    source,
                    1,
                    List.of("expected one X-ARF v4 report, a JSON object, got "
                            + (root.isArray() ? "an array" : "`" + abbreviate(root.toString()) + "`")));
        }
        XarfSchemas schemas = XarfSchemas.get();
        validate(source, json, schemas.core(), root);
        String category = root.get("category").textValue();
        String typeName = root.get("type").textValue();
        XarfType type = XarfType.find(category, typeName).orElseThrow(() -> {
            int line = JsonLocator.of(json).line("$.type");
            return new InvalidReportException(
                    source,
                    line,
                    List.of("`$.type`: unknown X-ARF type `" + typeName
                            + "` in category `" + category + "`; expected one of "
                            + String.join(", ", XarfType.typesOf(category))
                            + " (schema `xarf-v4-master.json#/allOf/1/anyOf`, line " + line
                            + ")"));
        });
        validate(source, json, schemas.type(type), root);
        return List.of(toFact(source, json, type, root));
    }

    /** Which of {@link ReportIngestor.Limits} a report passed, from Jackson's words, which name the constraint. */
    private String limitPassed(StreamConstraintsException e, int line) {
        String why = e.getOriginalMessage();
        String at = line > 0 ? " (line " + line + ")" : "";
        if (why.contains("getMaxNestingDepth")) {
            return "JSON nested more than " + limits.maxJsonDepth() + " levels deep" + at
                    + "; the limit is maxJsonDepth = " + limits.maxJsonDepth();
        }
        if (why.contains("getMaxStringLength") || why.contains("getMaxNameLength")) {
            return "JSON string longer than " + limits.maxJsonStringLength() + " characters" + at
                    + "; the limit is maxJsonStringLength = " + limits.maxJsonStringLength();
        }
        if (why.contains("getMaxTokenCount")) {
            return "JSON has more than " + limits.maxJsonTokens() + " tokens" + at + "; the limit is maxJsonTokens = "
                    + limits.maxJsonTokens();
        }
        if (why.contains("getMaxDocumentLength")) {
            return "file is longer than " + limits.maxFileBytes() + " characters" + at
                    + "; the limit is maxFileBytes = " + limits.maxFileBytes();
        }
        if (why.contains("getMaxNumberLength")) {
            return "JSON number longer than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits" + at
                    + "; no X-ARF field holds such a number";
        }
        return "JSON past a parser limit" + at + ": " + why;
    }

    private static void validate(String source, String json, JsonSchema schema, JsonNode root) {
        Set<ValidationMessage> messages = schema.validate(root);
        if (messages.isEmpty()) {
            return;
        }
        JsonLocator locator = JsonLocator.of(json);
        // A set of lines, because one fault can reach the same keyword by two evaluation paths.
        TreeSet<Problem> problems = new TreeSet<>();
        for (ValidationMessage m : messages) {
            String field = m.getInstanceLocation().toString();
            String what;
            if ("required".equals(m.getType()) && m.getProperty() != null) {
                field = field + "." + m.getProperty();
                what = "missing required field `" + m.getProperty() + "`";
            } else {
                what = describe(m);
            }
            int line = locator.line(field);
            String schemaPath = m.getSchemaLocation().toString().replace(XarfSchemas.ID_PREFIX, "");
            problems.add(new Problem(
                    line,
                    "`" + field + "`: " + what + " (schema `" + schemaPath + "`" + (line > 0 ? ", line " + line : "")
                            + ")"));
        }
        throw new InvalidReportException(
                source,
                problems.first().line(),
                problems.stream().map(Problem::text).toList());
    }

    /** The validator's words, except where a plainer sentence with the offending value reads better. */
    private static String describe(ValidationMessage m) {
        JsonNode value = m.getInstanceNode();
        JsonNode keyword = m.getSchemaNode();
        if ("format".equals(m.getType()) && value != null && keyword != null && keyword.isTextual()) {
            return "`" + abbreviate(value.asText()) + "` is not a valid " + keyword.textValue();
        }
        if ("enum".equals(m.getType()) && value != null && keyword != null && keyword.isArray()) {
            List<String> allowed = new ArrayList<>();
            keyword.forEach(k -> allowed.add(k.asText()));
            return "`" + abbreviate(value.asText()) + "` is not one of " + String.join(", ", allowed);
        }
        return m.getError();
    }

    /** A validation problem, ordered by line, then text. */
    private record Problem(int line, String text) implements Comparable<Problem> {
        @Override
        public int compareTo(Problem o) {
            return line != o.line ? Integer.compare(line, o.line) : text.compareTo(o.text);
        }
    }

    private AccountFact toFact(String source, String json, XarfType type, JsonNode r) {
        String id = r.get("report_id").textValue();
        Instant at = instant(source, json, r.get("timestamp").textValue());
        JsonNode reporter = r.get("reporter");
        String contact = reporter.get("contact").textValue();
        String organisation = reporter.get("org").textValue();
        String reporterDomain = reporter.get("domain").textValue();
        Verification verification = verify(contact, reporterDomain, organisation);
        boolean verified = verification.verified();
        Identifier named = Identifier.of(r.get("source_identifier").textValue());
        String url = text(r, "url").or(() -> text(r, "infringing_url")).orElse(named.url());
        String owner =
                context.owner(named.ip(), named.domain(), url, named.email()).orElse(null);
        if (type == XarfType.REPUTATION_BLOCKLIST && verified && named.ip() != null) {
            return new BlacklistListing(
                    id, owner, named.ip(), reporterDomain.toLowerCase(Locale.ROOT), at, context.scopeOf(named.ip()));
        }
        DmcaNotice dmca = type.copyright() ? XarfDmca.notice(type, r) : null;
        return new AbuseReport(
                id,
                owner,
                type.reportType,
                at,
                contact,
                verified,
                dmca,
                false,
                named.ip(),
                named.domain(),
                url,
                named.email(),
                organisation,
                type.source(),
                verification.into(details(r)));
    }

    /**
     * An X-ARF file carries no proof of who wrote it: a trusted reporter's report is verified only
     * when the operator declared the channel it came through authenticated.
     */
    private Verification verify(String contact, String domain, String organisation) {
        var claimed = context.trusted().match(List.of(contact), List.of(domain), List.of(organisation));
        if (claimed.isEmpty()) {
            return Verification.untrusted("`" + Text.abbreviate(contact) + "` (" + Text.abbreviate(organisation) + ", "
                    + Text.abbreviate(domain) + ")");
        }
        if (context.authenticatedChannel()) {
            return Verification.channel(claimed.get());
        }
        return Verification.unproved(
                "it claims to come from trusted reporter `" + claimed.get().name()
                        + "`, but an X-ARF report carries no signature that proves who sent it, and its channel is not "
                        + "declared authenticated");
    }

    private static Instant instant(String source, String json, String timestamp) {
        try {
            // RFC 3339 allows a lower-case `t` and `z`, which java.time does not read.
            return OffsetDateTime.parse(timestamp.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            int line = JsonLocator.of(json).line("$.timestamp");
            throw new InvalidReportException(
                    source,
                    line,
                    List.of("`$.timestamp`: `" + timestamp
                            + "` is not an RFC 3339 date-time such as `2025-01-11T09:21:23Z` (line " + line + ")"));
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.textValue().isBlank()
                ? Optional.of(v.textValue().trim())
                : Optional.empty();
    }

    /**
     * Every field the fact does not already carry, flattened: nested fields as {@code a.b}, arrays
     * of values joined with {@code ", "}, arrays of objects as {@code a[0].b}. Evidence payloads
     * (base64, up to 5 MB each) and {@code _internal} (never meant to travel) are left out.
     */
    static Map<String, String> details(JsonNode root) {
        Map<String, String> details = new TreeMap<>();
        flatten("", root, details);
        MAPPED.forEach(details::remove);
        return details;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (var e : node.properties()) {
                String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                if (key.equals("_internal")
                        || (key.startsWith("evidence[") && e.getKey().equals("payload"))) {
                    continue;
                }
                flatten(key, e.getValue(), into);
            }
        } else if (node.isArray()) {
            boolean scalars = true;
            for (JsonNode item : node) {
                scalars &= item.isValueNode();
            }
            if (scalars) {
                List<String> values = new ArrayList<>();
                node.forEach(v -> values.add(v.asText()));
                into.put(prefix, String.join(", ", values));
            } else {
                for (int i = 0; i < node.size(); i++) {
                    flatten(prefix + "[" + i + "]", node.get(i), into);
                }
            }
        } else if (!node.isNull()) {
            into.put(prefix, node.asText());
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
