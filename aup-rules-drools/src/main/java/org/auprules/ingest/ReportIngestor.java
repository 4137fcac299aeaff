package org.auprules.ingest;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.OptOutRequest;
import org.auprules.drools.TrustedReporters;
import org.auprules.ingest.IngestResult.IngestError;
import org.jspecify.annotations.Nullable;

/**
 * Turns abuse report files into facts and merges them into a facts document, ready to evaluate.
 * Each file is read on its own: an invalid one is reported in {@link IngestResult#errors()} and the
 * others still go through. Reports are attributed to the accounts of the document, and kept
 * unattributed (for the evaluator to report as notices) when no account owns what they name.
 *
 * <p>A report is verified only by proof that a trusted reporter sent it: an ARF mail by a valid
 * DKIM signature (RFC 6376) aligned with the trusted reporter's domain, its keys found by a
 * {@link KeyResolver} (DNS unless told otherwise); any report when the embedder declares the
 * channel the reports came through authenticated ({@link Builder#authenticatedChannel(boolean)},
 * off by default). What a report says about its own sender proves nothing. Each report's
 * {@code details.verification} says why it is verified or not; a signature that fails never makes
 * a file invalid.
 *
 * <pre>{@code
 * ReportIngestor ingestor = ReportIngestor.builder()
 *         .facts(FactsJson.read(Path.of("accounts.json")))
 *         .trustedReporters(TrustedReporters.of(PolicyPack.defaultPack()))
 *         .keyResolver(ReportIngestor.KeyResolver.keyFile(Path.of("dkim-keys.txt")))
 *         .build();
 * IngestResult result = ingestor.ingest(ReportFormat.XARF, List.of(Path.of("report.json")));
 * }</pre>
 *
 * Thread-safe.
 */
public final class ReportIngestor {

    private final FactSet base;
    private final Limits limits;
    private final XarfReader xarf;
    private final ArfReader arf;
    /** Told the name of each file read, for progress counters; see {@link Builder#onFileRead}. */
    private final @Nullable Consumer<String> fileListener;

    private ReportIngestor(
            FactSet base,
            TrustedReporters trusted,
            Limits limits,
            KeyResolver keys,
            boolean authenticatedChannel,
            @Nullable Consumer<String> fileListener) {
        this.base = base;
        this.fileListener = fileListener;
        this.limits = limits;
        IngestContext context = new IngestContext(base.accounts(), trusted, keys, authenticatedChannel);
        this.xarf = XarfReader.of(context, limits);
        this.arf = ArfReader.of(context, limits);
    }

    /**
     * A builder; give it the facts to merge into with {@link Builder#facts(FactSet)}.
     *
     * @return a builder that trusts no reporter until told otherwise
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads files of one format; a file that cannot be read, or is larger than
     * {@link Limits#maxFileBytes()}, is an error like an invalid one and is not read into memory.
     *
     * @param format the format of every file, whatever their extensions
     * @param files  the files, e.g. from {@link ReportFile#expand(java.util.Collection, java.util.Collection)}
     * @return the merged facts, how many files were ingested, and the unreadable files then the invalid ones
     */
    public IngestResult ingest(ReportFormat format, List<Path> files) {
        Objects.requireNonNull(format, "format must not be null");
        List<ReportFile> read = new ArrayList<>();
        List<IngestError> unreadable = new ArrayList<>();
        for (Path p : files) {
            try {
                read.add(ReportFile.read(p, format, limits.maxFileBytes()));
            } catch (UncheckedIOException e) {
                unreadable.add(new IngestError(p.toString(), List.of(e.getMessage())));
                if (fileListener != null) {
                    fileListener.accept(p.toString());
                }
            }
        }
        IngestResult result = ingest(read);
        List<IngestError> errors = new ArrayList<>(unreadable);
        errors.addAll(result.errors());
        return new IngestResult(result.facts(), result.ingested(), errors);
    }

    /**
     * Reads report files, each in its own format, and merges their facts in file order. A file whose
     * fact ids clash with the document or an earlier file is rejected whole, and so is one past any
     * of the {@link Limits}: no file, however built, stops the others.
     *
     * @param files the report files, already read
     * @return the merged facts, how many files were ingested, and the invalid files in order
     */
    public IngestResult ingest(List<ReportFile> files) {
        Set<String> usedIds = new HashSet<>();
        base.accountFacts().filter(f -> f.id() != null).forEach(f -> usedIds.add(idKey(f)));
        Map<String, String> firstFileOf = new HashMap<>();
        List<AccountFact> ingested = new ArrayList<>();
        List<IngestError> errors = new ArrayList<>();
        int count = 0;
        for (ReportFile file : files) {
            try {
                List<AccountFact> facts = read(file);
                List<String> clashes = clashes(facts, usedIds, firstFileOf);
                if (!clashes.isEmpty()) {
                    errors.add(new IngestError(file.name(), clashes));
                    continue;
                }
                for (AccountFact f : facts) {
                    usedIds.add(idKey(f));
                    firstFileOf.put(idKey(f), file.name());
                }
                ingested.addAll(facts);
                count++;
            } catch (InvalidReportException e) {
                errors.add(IngestError.of(file.name(), e));
            } finally {
                if (fileListener != null) {
                    fileListener.accept(file.name());
                }
            }
        }
        FactSet.Builder merged = base.toBuilder();
        withLatestMailing(ingested).forEach(merged::add);
        return new IngestResult(merged.build(), count, errors);
    }

    /**
     * One file's facts. The limits keep parsers off deep recursion and huge allocations; should a
     * parser still fail in a way no limit foresaw, that file is an error and the others go on.
     */
    private List<AccountFact> read(ReportFile file) {
        if (file.content().length > limits.maxFileBytes()) {
            throw new InvalidReportException(
                    file.name(), ReportFile.tooLarge(file.content().length, limits.maxFileBytes()));
        }
        try {
            return file.format() == ReportFormat.XARF
                    ? xarf.read(file.name(), file.content())
                    : arf.read(file.name(), file.content());
        } catch (InvalidReportException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidReportException(
                    file.name(),
                    "cannot read this " + (file.format() == ReportFormat.XARF ? "X-ARF" : "ARF")
                            + " file: its parser failed with " + e.getClass().getSimpleName()
                            + ", which no limit caught; please report it with the file");
        }
    }

    /** The ids of these facts that the document or an earlier file already uses, as problems. */
    private static List<String> clashes(List<AccountFact> facts, Set<String> usedIds, Map<String, String> firstFileOf) {
        List<String> problems = new ArrayList<>();
        for (AccountFact f : facts) {
            String key = idKey(f);
            if (f.id() != null && usedIds.contains(key)) {
                String where = firstFileOf.containsKey(key) ? "`" + firstFileOf.get(key) + "`" : "the facts document";
                problems.add("duplicate " + f.evidenceType() + " id `" + f.id() + "`: " + where
                        + " already has it; a report is ingested once");
            }
        }
        return problems;
    }

    /** Ids are unique within one kind of fact, as FactsNormalizer requires of each list. */
    private static String idKey(AccountFact f) {
        return f.evidenceType() + "\u0000" + f.id();
    }

    /**
     * Opt-out requests get, as {@code lastMailedAt}, the latest arrival of any ingested, verified
     * ARF complaint about mail from the same account to the same recipient: a complaint that arrives
     * after the opt-out deadline proves the opt-out was not honoured. An unverified one proves nothing.
     */
    private static List<AccountFact> withLatestMailing(List<AccountFact> facts) {
        Map<String, Instant> latest = new HashMap<>();
        for (AccountFact f : facts) {
            if (f instanceof AbuseReport r
                    && r.verified()
                    && r.accountId() != null
                    && r.receivedAt() != null
                    && r.source() != null
                    && r.source().startsWith("arf:")) {
                for (String recipient :
                        r.details().getOrDefault("Original-Rcpt-To", "").split(",", -1)) {
                    for (String address : OriginalMessage.addresses(recipient)) {
                        latest.merge(key(r.accountId(), address), r.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
            }
        }
        List<AccountFact> out = new ArrayList<>(facts.size());
        for (AccountFact f : facts) {
            // an opt-out without a recipient names nobody a complaint could be about
            if (f instanceof OptOutRequest o && o.recipient() != null) {
                Instant later = latest.get(key(o.accountId(), o.recipient()));
                if (later != null && (o.lastMailedAt() == null || later.isAfter(o.lastMailedAt()))) {
                    f = new OptOutRequest(o.id(), o.accountId(), o.recipient(), o.requestedAt(), later);
                }
            }
            out.add(f);
        }
        return out;
    }

    private static String key(String accountId, String address) {
        return accountId + "\u0000" + address.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * How large and how deeply nested a report file may be. A file past any limit is rejected on its
     * own, with an {@link IngestResult.IngestError} naming the limit, before it can exhaust the stack
     * or the heap; the other files of the run are still ingested. The defaults are far above what
     * mailbox providers and X-ARF reporters send, and are what {@link ReportIngestor} uses unless
     * given others.
     *
     * <pre>{@code
     * ReportIngestor.Limits limits = ReportIngestor.Limits.defaults().withMaxFileBytes(64L << 20);
     * }</pre>
     *
     * @param maxFileBytes        the largest file, in bytes, checked before it is read; default 32 MiB
     * @param maxMimeDepth        how deeply an ARF mail's multiparts and enclosed messages may nest; default 16
     * @param maxMimeParts        how many MIME parts an ARF mail may hold, at every depth; default 500
     * @param maxPartBytes        the largest MIME part, in bytes, as sent (before decoding); default 16 MiB
     * @param maxHeaderBytes      the largest header block (of the mail, of a part, the feedback fields, the
     *                            original message's headers), in bytes; default 256 KiB
     * @param maxJsonDepth        how deeply an X-ARF report's objects and arrays may nest; default 64
     * @param maxJsonStringLength the longest X-ARF string or field name, in characters; default 8 Mi, above the
     *                            5 MB base64 evidence payloads X-ARF allows
     * @param maxJsonTokens       how many JSON tokens (values, names, brackets) an X-ARF report may hold; default 100,000
     */
    public record Limits(
            long maxFileBytes,
            int maxMimeDepth,
            int maxMimeParts,
            long maxPartBytes,
            int maxHeaderBytes,
            int maxJsonDepth,
            int maxJsonStringLength,
            long maxJsonTokens) {

        private static final Limits DEFAULTS =
                new Limits(32L << 20, 16, 500, 16L << 20, 256 << 10, 64, 8 << 20, 100_000);

        /**
         * Checks every limit is positive.
         *
         * @param maxFileBytes        the largest file, in bytes
         * @param maxMimeDepth        how deeply MIME parts may nest
         * @param maxMimeParts        how many MIME parts a mail may hold
         * @param maxPartBytes        the largest MIME part, in bytes
         * @param maxHeaderBytes      the largest header block, in bytes
         * @param maxJsonDepth        how deeply JSON may nest
         * @param maxJsonStringLength the longest JSON string, in characters
         * @param maxJsonTokens       how many JSON tokens a report may hold
         * @throws IllegalArgumentException when a limit is zero or negative
         */
        public Limits {
            positive("maxFileBytes", maxFileBytes);
            positive("maxMimeDepth", maxMimeDepth);
            positive("maxMimeParts", maxMimeParts);
            positive("maxPartBytes", maxPartBytes);
            positive("maxHeaderBytes", maxHeaderBytes);
            positive("maxJsonDepth", maxJsonDepth);
            positive("maxJsonStringLength", maxJsonStringLength);
            positive("maxJsonTokens", maxJsonTokens);
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("`" + name + "` must be positive, got " + value);
            }
        }

        /**
         * The default limits, listed on this class.
         *
         * @return the limits {@link ReportIngestor} uses unless given others
         */
        public static Limits defaults() {
            return DEFAULTS;
        }

        /**
         * These limits with another largest file.
         *
         * @param bytes the largest file, in bytes
         * @return a copy with that limit
         */
        public Limits withMaxFileBytes(long bytes) {
            return new Limits(
                    bytes,
                    maxMimeDepth,
                    maxMimeParts,
                    maxPartBytes,
                    maxHeaderBytes,
                    maxJsonDepth,
                    maxJsonStringLength,
                    maxJsonTokens);
        }

        /**
         * These limits with another MIME nesting depth.
         *
         * @param depth how deeply MIME parts may nest
         * @return a copy with that limit
         */
        public Limits withMaxMimeDepth(int depth) {
            return new Limits(
                    maxFileBytes,
                    depth,
                    maxMimeParts,
                    maxPartBytes,
                    maxHeaderBytes,
                    maxJsonDepth,
                    maxJsonStringLength,
                    maxJsonTokens);
        }

        /**
         * These limits with another MIME part count.
         *
         * @param parts how many MIME parts a mail may hold
         * @return a copy with that limit
         */
        public Limits withMaxMimeParts(int parts) {
            return new Limits(
                    maxFileBytes,
                    maxMimeDepth,
                    parts,
                    maxPartBytes,
                    maxHeaderBytes,
                    maxJsonDepth,
                    maxJsonStringLength,
                    maxJsonTokens);
        }

        /**
         * These limits with another largest MIME part.
         *
         * @param bytes the largest MIME part, in bytes
         * @return a copy with that limit
         */
        public Limits withMaxPartBytes(long bytes) {
            return new Limits(
                    maxFileBytes,
                    maxMimeDepth,
                    maxMimeParts,
                    bytes,
                    maxHeaderBytes,
                    maxJsonDepth,
                    maxJsonStringLength,
                    maxJsonTokens);
        }

        /**
         * These limits with another largest header block.
         *
         * @param bytes the largest header block, in bytes
         * @return a copy with that limit
         */
        public Limits withMaxHeaderBytes(int bytes) {
            return new Limits(
                    maxFileBytes,
                    maxMimeDepth,
                    maxMimeParts,
                    maxPartBytes,
                    bytes,
                    maxJsonDepth,
                    maxJsonStringLength,
                    maxJsonTokens);
        }

        /**
         * These limits with another JSON nesting depth.
         *
         * @param depth how deeply JSON may nest
         * @return a copy with that limit
         */
        public Limits withMaxJsonDepth(int depth) {
            return new Limits(
                    maxFileBytes,
                    maxMimeDepth,
                    maxMimeParts,
                    maxPartBytes,
                    maxHeaderBytes,
                    depth,
                    maxJsonStringLength,
                    maxJsonTokens);
        }

        /**
         * These limits with another longest JSON string.
         *
         * @param length the longest JSON string, in characters
         * @return a copy with that limit
         */
        public Limits withMaxJsonStringLength(int length) {
            return new Limits(
                    maxFileBytes,
                    maxMimeDepth,
                    maxMimeParts,
                    maxPartBytes,
                    maxHeaderBytes,
                    maxJsonDepth,
                    length,
                    maxJsonTokens);
        }

        /**
         * These limits with another JSON token count.
         *
         * @param tokens how many JSON tokens a report may hold
         * @return a copy with that limit
         */
        public Limits withMaxJsonTokens(long tokens) {
            return new Limits(
                    maxFileBytes,
                    maxMimeDepth,
                    maxMimeParts,
                    maxPartBytes,
                    maxHeaderBytes,
                    maxJsonDepth,
                    maxJsonStringLength,
                    tokens);
        }
    }

    /**
     * Where the public keys that check DKIM signatures come from: the TXT records published at
     * {@code <selector>._domainkey.<domain>} (RFC 6376 section 3.6.2). Keys are only looked up for
     * signatures whose domain is aligned with a trusted reporter, so a report cannot make the
     * ingestor query a domain of its choosing. Implementations must be thread-safe.
     *
     * <pre>{@code
     * KeyResolver production = KeyResolver.dns();
     * KeyResolver offline = KeyResolver.keyFile(Path.of("dkim-keys.txt"));
     * }</pre>
     */
    @FunctionalInterface
    public interface KeyResolver {

        /**
         * The TXT records at {@code <selector>._domainkey.<domain>}.
         *
         * @param selector the signature's {@code s=} tag
         * @param domain   the signature's {@code d=} tag, lower case
         * @return the records' values (each record's strings joined), empty when nothing is published
         * @throws UncheckedIOException when the lookup failed for now (a DNS timeout): the key is then
         *     neither found nor absent, and the report is unverified with that reason
         */
        List<String> records(String selector, String domain);

        /**
         * Keys from DNS, through jDKIM's dnsjava resolver and the system's DNS servers; what the
         * builder uses unless given another.
         *
         * @return the DNS key resolver
         */
        static KeyResolver dns() {
            return DkimKeys.Dns.INSTANCE;
        }

        /**
         * No keys at all: every signature fails with "key not found".
         *
         * @return a resolver that finds nothing
         */
        static KeyResolver none() {
            return (selector, domain) -> List.of();
        }

        /**
         * Keys from a file, read once now, for tests and for hosts without DNS. Each line is
         * {@code selector._domainkey.domain TXT-record-value}, the value bare or as quoted strings as in
         * a zone file; blank lines and lines starting with {@code #} are skipped.
         *
         * <pre>
         * fbl2026._domainkey.arf.mail.yahoo.com  v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA...
         * </pre>
         *
         * @param file the key file, UTF-8
         * @return a resolver that answers from the file and finds nothing else
         * @throws UncheckedIOException     when the file cannot be read
         * @throws IllegalArgumentException when a line is not a key record, naming the line
         */
        static KeyResolver keyFile(Path file) {
            return DkimKeys.read(file);
        }

        /**
         * Keys from the text of a key file (see {@link #keyFile(Path)}).
         *
         * @param name the name of the text, for messages
         * @param text the lines of the key file
         * @return a resolver that answers from the text and finds nothing else
         * @throws IllegalArgumentException when a line is not a key record, naming the line
         */
        static KeyResolver keyText(String name, String text) {
            return DkimKeys.parse(name, text);
        }
    }

    /** Builds a {@link ReportIngestor}. */
    public static final class Builder {
        private @Nullable FactSet facts;
        private TrustedReporters trusted = TrustedReporters.none();
        private Limits limits = Limits.defaults();
        private KeyResolver keys = KeyResolver.dns();
        private boolean authenticatedChannel;
        private @Nullable Consumer<String> fileListener;

        private Builder() {}

        /**
         * The facts document to merge into; its accounts' {@code ips} and {@code domains} attribute reports.
         *
         * @param facts the facts document, e.g. {@code FactsJson.read(Path.of("accounts.json"))}
         * @return this builder
         */
        public Builder facts(FactSet facts) {
            this.facts = Objects.requireNonNull(facts, "facts must not be null");
            return this;
        }

        /**
         * The reporters whose reports can be verified, by a DKIM signature aligned with them or through
         * an authenticated channel; nobody by default.
         *
         * @param trusted the trusted reporters, e.g. {@code TrustedReporters.of(PolicyPack.defaultPack())}
         * @return this builder
         */
        public Builder trustedReporters(TrustedReporters trusted) {
            this.trusted = Objects.requireNonNull(trusted, "trusted reporters must not be null");
            return this;
        }

        /**
         * How large and deeply nested a report file may be; {@link Limits#defaults()} unless given.
         *
         * @param limits the limits, e.g. {@code Limits.defaults().withMaxFileBytes(64L << 20)}
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits must not be null");
            return this;
        }

        /**
         * Where DKIM public keys come from; {@link KeyResolver#dns()} unless given.
         *
         * @param keys the key resolver, e.g. {@code KeyResolver.keyFile(Path.of("dkim-keys.txt"))}
         * @return this builder
         */
        public Builder keyResolver(KeyResolver keys) {
            this.keys = Objects.requireNonNull(keys, "key resolver must not be null");
            return this;
        }

        /**
         * Declares that every report given to this ingestor came through a channel that only its
         * claimed reporter can deliver to (a feedback-loop mailbox whose mail passed DKIM at the mail
         * server, an API with credentials), so a report from a trusted reporter is verified without
         * a signature of its own. Off by default: then only a valid, aligned DKIM signature verifies.
         * Turn it on only for such a channel; on any other, a forged sender is believed.
         *
         * @param authenticated whether the reports came through an authenticated channel
         * @return this builder
         */
        public Builder authenticatedChannel(boolean authenticated) {
            this.authenticatedChannel = authenticated;
            return this;
        }

        /**
         * Tells {@code listener} the name of each report file once it has been ingested or found
         * invalid or unreadable, so that a caller can show progress through many files. It is called on the thread
         * that called {@code ingest}, in file order; should it throw, {@code ingest} throws that
         * exception. None by default.
         *
         * @param listener told each file's name, as {@link ReportFile#name()} gives it
         * @return this builder
         */
        public Builder onFileRead(Consumer<String> listener) {
            this.fileListener = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        /**
         * Builds the ingestor.
         *
         * @return an ingestor for the facts and trusted reporters given
         * @throws IllegalStateException when no facts were given
         */
        public ReportIngestor build() {
            if (facts == null) {
                throw new IllegalStateException("no facts given: call facts(FactSet) with the accounts to attribute "
                        + "reports to before build()");
            }
            return new ReportIngestor(facts, trusted, limits, keys, authenticatedChannel, fileListener);
        }
    }
}
