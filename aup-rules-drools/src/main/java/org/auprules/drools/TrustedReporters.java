package org.auprules.drools;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.internal.PackSource;
import org.auprules.internal.DidYouMean;
import org.auprules.internal.DomainNames;
import org.auprules.internal.JsonLocator;
import org.auprules.internal.JsonSyntax;
import org.jspecify.annotations.Nullable;

/**
 * The reporters a policy pack trusts, from the {@code trustedReporters} section of its
 * {@code policy.json}: mailbox providers' feedback loops and known anti-abuse organisations. A
 * report from one of them is verified; a report from anyone else is not.
 *
 * <p>A report matches an entry when one of the reporter's addresses is one of the entry's
 * {@code addresses} (ignoring case); or one of its domains, or the domain of one of its addresses,
 * is one of the entry's {@code domains} or a subdomain of one ({@code fbl.example.net} matches
 * {@code example.net}); or its organisation is one of the entry's {@code organisations}, ignoring
 * case and runs of white space.
 *
 * <pre>{@code
 * TrustedReporters trusted = TrustedReporters.of(PolicyPack.defaultPack());
 * boolean verified = trusted.match(List.of("staff@hotmail.com"), List.of(), List.of()).isPresent();
 * }</pre>
 */
public final class TrustedReporters {

    /** The name of the section in {@code policy.json}. */
    public static final String SECTION = "trustedReporters";

    private static final Set<String> FIELDS = Set.of("name", "kind", "addresses", "domains", "organisations");
    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final TrustedReporters NONE = new TrustedReporters(List.of());

    /** What kind of reporter an entry is; it documents the entry and does not change matching. */
    public enum Kind {
        /** A mailbox provider's feedback loop, sending ARF reports of its users' complaints. */
        FEEDBACK_LOOP,
        /** An organisation whose business is finding and reporting abuse. */
        ANTI_ABUSE_ORGANISATION
    }

    /**
     * One trusted reporter.
     *
     * @param name          who it is, for people
     * @param kind          what kind of reporter it is
     * @param addresses     exact mailbox addresses it reports from, lower case
     * @param domains       domains it reports from, subdomains included, lower case
     * @param organisations organisation names it reports under
     */
    public record Entry(
            String name, Kind kind, List<String> addresses, List<String> domains, List<String> organisations) {

        /**
         * Copies the lists, with addresses and domains trimmed and in lower case.
         *
         * @param name          who it is, for people
         * @param kind          what kind of reporter it is
         * @param addresses     exact mailbox addresses it reports from
         * @param domains       domains it reports from, subdomains included
         * @param organisations organisation names it reports under
         */
        public Entry {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(kind, "kind must not be null");
            addresses = addresses == null
                    ? List.of()
                    : addresses.stream().map(TrustedReporters::normalizeAddress).toList();
            domains = domains == null
                    ? List.of()
                    : domains.stream().map(TrustedReporters::normalizeDomain).toList();
            organisations = organisations == null ? List.of() : List.copyOf(organisations);
        }
    }

    /**
     * The outcome of parsing: the trusted reporters when the section has no error, and every problem.
     *
     * @param reporters the trusted reporters, when there was no error
     * @param problems  every problem found, located in {@code policy.json}
     */
    public record Parsed(Optional<TrustedReporters> reporters, List<PolicyProblem> problems) {}

    private final List<Entry> entries;

    private TrustedReporters(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Trusts nobody: every report is unverified.
     *
     * @return the empty list of trusted reporters
     */
    public static TrustedReporters none() {
        return NONE;
    }

    /**
     * Trusts exactly these entries.
     *
     * @param entries the trusted reporters, in the order {@link #match} tries them
     * @return the trusted reporters
     */
    public static TrustedReporters of(List<Entry> entries) {
        return new TrustedReporters(entries);
    }

    /**
     * The trusted reporters of a pack.
     *
     * @param pack the pack whose {@code trustedReporters} section to read
     * @return the trusted reporters; nobody when the section is absent
     * @throws InvalidPolicyException when the pack has no {@code policy.json} or its section is invalid
     */
    public static TrustedReporters of(PolicyPack pack) {
        if (pack.text(PolicyPack.POLICY_FILE).isEmpty()) {
            throw new InvalidPolicyException(
                    pack.location(),
                    List.of(PolicyProblem.error(PolicyPack.POLICY_FILE, 0, 0, "missing `policy.json`")));
        }
        Parsed parsed = parse(pack.source());
        return parsed.reporters().orElseThrow(() -> new InvalidPolicyException(pack.location(), parsed.problems()));
    }

    /**
     * Parses the {@code trustedReporters} section of a {@code policy.json} text. A document without
     * the section trusts nobody. Problems of the rest of the document are not reported here.
     *
     * @param policyJson the text of a {@code policy.json}
     * @return the trusted reporters when the section has no error, and every problem found
     */
    public static Parsed parse(String policyJson) {
        return parse(PackSource.of(
                "policy.json",
                new TreeMap<>(Map.of(PackSource.POLICY_FILE, policyJson.getBytes(StandardCharsets.UTF_8)))));
    }

    /** Parses the section of a pack's {@code policy.json}, reading the parse the pack already holds. */
    static Parsed parse(PackSource source) {
        PackSource.PolicyJson json = source.policyJson();
        if (json.error().isPresent()) {
            var loc = json.error().get().getLocation();
            return new Parsed(
                    Optional.empty(),
                    List.of(PolicyProblem.error(
                            PolicyPack.POLICY_FILE,
                            loc == null ? 0 : loc.getLineNr(),
                            loc == null ? 0 : loc.getColumnNr(),
                            "malformed JSON: "
                                    + JsonSyntax.describe(json.error().get()))));
        }
        JsonNode root = json.tree().orElse(null);
        if (root == null || !root.isObject() || !root.has(SECTION)) {
            return new Parsed(Optional.of(NONE), List.of());
        }
        return new SectionReader(source).read(root.get(SECTION));
    }

    /**
     * Every entry, in the order of the section.
     *
     * @return the trusted reporters, in the order {@link #match} tries them
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The first entry the reporter matches, if any. Any argument may hold blanks or nulls, which
     * match nothing.
     *
     * @param addresses     the reporter's mailbox addresses
     * @param domains       the reporter's domains
     * @param organisations the reporter's organisation names
     * @return the first entry matched, or empty when the reporter is not trusted
     */
    public Optional<Entry> match(
            Collection<? extends @Nullable String> addresses,
            Collection<? extends @Nullable String> domains,
            Collection<? extends @Nullable String> organisations) {
        List<String> mailboxes = clean(addresses).stream()
                .map(TrustedReporters::normalizeAddress)
                .toList();
        List<String> allDomains = new ArrayList<>(
                clean(domains).stream().map(TrustedReporters::normalizeDomain).toList());
        mailboxes.stream()
                .filter(a -> a.contains("@"))
                .map(a -> normalizeDomain(a.substring(a.lastIndexOf('@') + 1)))
                .forEach(allDomains::add);
        List<String> orgs = clean(organisations).stream()
                .map(TrustedReporters::normalizeName)
                .toList();
        for (Entry e : entries) {
            if (mailboxes.stream().anyMatch(e.addresses()::contains)
                    || allDomains.stream().anyMatch(d -> e.domains().stream().anyMatch(t -> within(d, t)))
                    || orgs.stream().anyMatch(o -> e.organisations().stream()
                            .map(TrustedReporters::normalizeName)
                            .anyMatch(o::equals))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The first entry that trusts a mail from this address signed (DKIM, RFC 6376) by this domain:
     * the address and the signing domain must both belong to the entry. For an entry's mailbox
     * list, the address must be on it and the signing domain be the address's domain or a parent of
     * it; for its domain list, the address's domain and the signing domain must both be on it or a
     * subdomain of one, and the signing domain be the address's domain or a parent of it. A signing domain of one label ({@code com}) is aligned with nothing.
     *
     * <pre>{@code
     * trusted.signedBy("feedback@arf.mail.yahoo.com", "arf.mail.yahoo.com"); // the Yahoo entry
     * trusted.signedBy("feedback@arf.mail.yahoo.com", "evil.example");       // empty: not aligned
     * }</pre>
     *
     * @param address       the mail's {@code From} address
     * @param signingDomain the {@code d=} domain of a valid signature of the mail
     * @return the first entry both belong to, or empty when the signature is not aligned with a trusted reporter
     */
    public Optional<Entry> signedBy(String address, String signingDomain) {
        String mailbox = normalizeAddress(address);
        String d = normalizeDomain(signingDomain);
        int at = mailbox.lastIndexOf('@');
        if (at < 0 || !d.contains(".")) {
            return Optional.empty();
        }
        String fromDomain = normalizeDomain(mailbox.substring(at + 1));
        if (!within(fromDomain, d)) {
            return Optional.empty();
        }
        for (Entry e : entries) {
            boolean byAddress = e.addresses().contains(mailbox);
            boolean byDomain = e.domains().stream().anyMatch(t -> within(fromDomain, t))
                    && e.domains().stream().anyMatch(t -> within(d, t));
            if (byAddress || byDomain) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code domain} is {@code parent} or a subdomain of it. */
    private static boolean within(String domain, String parent) {
        return domain.equals(parent) || domain.endsWith("." + parent);
    }

    private static List<String> clean(@Nullable Collection<? extends @Nullable String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(String::trim)
                        .toList();
    }

    /**
     * A domain in the canonical form attribution uses (IDNA ASCII, lower case, no trailing dot), so
     * that {@code Bücher.example} in the list and {@code xn--bcher-kva.example} in a report are one
     * reporter; blank is empty.
     */
    private static String normalizeDomain(String domain) {
        return Objects.requireNonNullElse(DomainNames.canonical(domain), "");
    }

    /** A mailbox with its local part in lower case and its domain in canonical form. */
    private static String normalizeAddress(String address) {
        String a = address.trim();
        int at = a.lastIndexOf('@');
        return at < 0
                ? a.toLowerCase(Locale.ROOT)
                : a.substring(0, at).toLowerCase(Locale.ROOT) + "@" + normalizeDomain(a.substring(at + 1));
    }

    private static String normalizeName(String name) {
        return name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Reads the section, collecting every problem with its line. */
    private static final class SectionReader {
        private final PackSource source;
        private final List<PolicyProblem> problems = new ArrayList<>();
        /** Built on the first problem, as only problems need lines. */
        private @Nullable JsonLocator locator;

        SectionReader(PackSource source) {
            this.source = source;
        }

        Parsed read(JsonNode section) {
            String at = "$." + SECTION;
            List<Entry> entries = new ArrayList<>();
            if (!section.isArray()) {
                error(
                        at,
                        "expected an array of trusted reporters, each with `name`, `kind` and at least one of "
                                + "`addresses`, `domains`, `organisations`");
            } else {
                for (int i = 0; i < section.size(); i++) {
                    entry(section.get(i), at + "[" + i + "]").ifPresent(entries::add);
                }
            }
            if (!problems.isEmpty()) {
                return new Parsed(Optional.empty(), List.copyOf(problems));
            }
            return new Parsed(Optional.of(new TrustedReporters(entries)), List.of());
        }

        private Optional<Entry> entry(JsonNode n, String at) {
            if (!n.isObject()) {
                error(
                        at,
                        "expected an object with `name`, `kind` and at least one of `addresses`, `domains`, "
                                + "`organisations`, got `" + n + "`");
                return Optional.empty();
            }
            int before = problems.size();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!FIELDS.contains(f)) {
                    error(
                            at + "." + f,
                            "unknown field `" + f + "`"
                                    + DidYouMean.suggest(f, FIELDS)
                                            .map(s -> "; did you mean `" + s + "`?")
                                            .orElse("; expected one of "
                                                    + String.join(", ", new java.util.TreeSet<>(FIELDS))));
                }
            }
            String name =
                    n.path("name").isTextual() && !n.path("name").textValue().isBlank()
                            ? n.path("name").textValue()
                            : null;
            if (name == null) {
                error(
                        at + ".name",
                        n.has("name")
                                ? "expected a non-empty string, got `" + n.get("name") + "`"
                                : "missing required field `name`");
            }
            Kind kind = kind(n.path("kind"), at + ".kind");
            List<String> addresses = strings(
                    n,
                    "addresses",
                    at,
                    a -> a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
                            ? null
                            : "`" + a + "` is not a mailbox address such as `staff@hotmail.com`");
            List<String> domains = strings(
                    n,
                    "domains",
                    at,
                    d -> DOMAIN.matcher(normalizeDomain(d)).matches()
                            ? null
                            : "`" + d + "` is not a domain name such as `spamhaus.org`");
            List<String> organisations = strings(n, "organisations", at, o -> null);
            if (problems.size() == before && addresses.isEmpty() && domains.isEmpty() && organisations.isEmpty()) {
                error(
                        at,
                        "trusted reporter `" + name + "` matches nobody: give at least one of `addresses`, "
                                + "`domains`, `organisations`");
            }
            // a missing name or kind was reported as a problem above
            if (problems.size() > before || name == null || kind == null) {
                return Optional.empty();
            }
            return Optional.of(new Entry(name, kind, addresses, domains, organisations));
        }

        private @Nullable Kind kind(JsonNode v, String at) {
            String names = String.join(
                    ", ", java.util.Arrays.stream(Kind.values()).map(Enum::name).toList());
            if (!v.isTextual()) {
                error(
                        at,
                        (v.isMissingNode() ? "missing required field `kind`" : "expected a string, got `" + v + "`")
                                + "; expected one of " + names);
                return null;
            }
            try {
                return Kind.valueOf(v.textValue());
            } catch (IllegalArgumentException e) {
                error(at, "unknown kind `" + v.textValue() + "`; expected one of " + names);
                return null;
            }
        }

        /** An optional array of non-empty strings, each checked by {@code check} (null when fine). */
        private List<String> strings(
                JsonNode n, String field, String at, java.util.function.Function<String, @Nullable String> check) {
            JsonNode v = n.path(field);
            List<String> values = new ArrayList<>();
            if (v.isMissingNode()) {
                return values;
            }
            if (!v.isArray()) {
                error(at + "." + field, "expected an array of strings, got `" + v + "`");
                return values;
            }
            for (int i = 0; i < v.size(); i++) {
                String path = at + "." + field + "[" + i + "]";
                JsonNode item = v.get(i);
                if (!item.isTextual() || item.textValue().isBlank()) {
                    error(path, "expected a non-empty string, got `" + item + "`");
                    continue;
                }
                String problem = check.apply(item.textValue().trim());
                if (problem != null) {
                    error(path, problem);
                } else {
                    values.add(item.textValue().trim());
                }
            }
            return values;
        }

        private void error(String path, String message) {
            if (locator == null) {
                locator = source.policyLocator();
            }
            problems.add(
                    PolicyProblem.error(PolicyPack.POLICY_FILE, locator.line(path), locator.column(path), message));
        }
    }
}
