package org.auprules.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jdkim.impl.DNSPublicKeyRecordRetriever;
import org.jspecify.annotations.Nullable;

/**
 * The key sources behind {@link ReportIngestor.KeyResolver}: a key file, read once, and DNS through
 * jDKIM's dnsjava resolver.
 *
 * <p>A key file holds one key record a line: the DNS name, white space, then the TXT record's value,
 * bare or as one or more quoted strings as in a zone file; blank lines and lines starting with
 * {@code #} are skipped:
 *
 * <pre>
 * # selector._domainkey.domain   TXT record value
 * fbl2026._domainkey.arf.mail.yahoo.com  v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA...
 * s1._domainkey.example.net  "v=DKIM1; k=rsa; " "p=MIIBIjANBg..."
 * </pre>
 */
final class DkimKeys {

    private static final Pattern NAME = Pattern.compile(
            "(?i)([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*)\\._domainkey\\."
                    + "([a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)\\.?");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");

    private DkimKeys() {}

    /** The records of a key file, by lower-case {@code selector._domainkey.domain}. */
    static ReportIngestor.KeyResolver read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("DKIM key file `" + file + "` is not UTF-8 text");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("cannot read DKIM key file `" + file + "`: no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read DKIM key file `" + file + "`: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** The records of a key file's text; {@code name} names it in messages. */
    static ReportIngestor.KeyResolver parse(String name, String text) {
        Map<String, List<String>> records = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] split = line.split("\\s+", 2);
            Matcher m = NAME.matcher(split[0]);
            if (!m.matches()) {
                throw new IllegalArgumentException("DKIM key file `" + name + "` line " + (i + 1) + ": `"
                        + Text.abbreviate(split[0]) + "` is not a key name such as "
                        + "`selector._domainkey.example.net`; expected `selector._domainkey.domain TXT-record-value`");
            }
            String value = split.length < 2 ? null : value(split[1]);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("DKIM key file `" + name + "` line " + (i + 1) + ": `" + split[0]
                        + "` has no TXT record value; expected `selector._domainkey.domain v=DKIM1; k=rsa; p=...`"
                        + (split.length < 2 ? "" : " (quoted strings must be closed)"));
            }
            records.computeIfAbsent(key(m.group(1), m.group(5)), k -> new ArrayList<>())
                    .add(value);
        }
        Map<String, List<String>> frozen = new HashMap<>();
        records.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return (selector, domain) -> frozen.getOrDefault(key(selector, domain), List.of());
    }

    /** A bare value, or the concatenation of quoted strings; {@code null} when a quote is left open. */
    private static @Nullable String value(String raw) {
        if (!raw.startsWith("\"")) {
            return raw.strip();
        }
        StringBuilder out = new StringBuilder();
        Matcher m = QUOTED.matcher(raw);
        int at = 0;
        while (at < raw.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            out.append(m.group(1).replaceAll("\\\\(.)", "$1"));
            at = m.end();
        }
        return out.toString();
    }

    private static String key(String selector, String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return selector.toLowerCase(Locale.ROOT) + "._domainkey."
                + (d.endsWith(".") ? d.substring(0, d.length() - 1) : d);
    }

    /** DNS TXT records through jDKIM's retriever, whose dnsjava resolver is made on the first lookup. */
    static final class Dns implements ReportIngestor.KeyResolver {
        static final Dns INSTANCE = new Dns();

        private Dns() {}

        /** Made on first use: reading the system's resolver configuration is no cost for runs that never look up. */
        private static final class Holder {
            static final DNSPublicKeyRecordRetriever RETRIEVER = new DNSPublicKeyRecordRetriever();
        }

        @Override
        public List<String> records(String selector, String domain) {
            try {
                return List.copyOf(Holder.RETRIEVER.getRecords("dns/txt", selector, domain));
            } catch (TempFailException e) {
                throw new UncheckedIOException(
                        "DNS lookup of `" + selector + "._domainkey." + domain + "` failed for now: " + e.getMessage(),
                        new IOException(e.getMessage()));
            } catch (PermFailException e) {
                return List.of();
            }
        }

        @Override
        public String toString() {
            return "DNS";
        }
    }
}
