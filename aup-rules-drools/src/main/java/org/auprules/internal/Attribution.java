package org.auprules.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.EmailMessage;
import org.auprules.api.facts.Website;
import org.jspecify.annotations.Nullable;

/**
 * Finds the accounts that own an IP address, a domain, a URL or an email address, from the
 * accounts' {@code ips} and {@code domains}, comparing each in canonical form ({@link AddressRange},
 * {@link DomainNames}). Every account whose {@code ips} hold an address, alone or within a range, owns
 * it. A domain belongs to the account that lists it, with its subdomains, except those that another
 * account lists itself (the most specific name wins). The answer never depends on the order of the
 * accounts.
 *
 * <p>When several accounts own the name (a shared server's address, overlapping ranges, one domain
 * listed twice), the account whose own facts used it is the one cited: its mail left from the
 * address in the {@link #USE_WINDOW} up to the report's or listing's time, or its website or From
 * domain is the name or a parent of it. When none or several of them did, no one is cited: the
 * {@link Claim} names every owner, for a person to decide.
 *
 * <pre>{@code
 * Attribution.of(accounts, emails, websites)
 *         .claim("203.0.113.7", null, null, null, listedAt)
 *         .flatMap(Attribution.Claim::cited);        // the one account to cite, if the facts show it
 * }</pre>
 */
public final class Attribution {

    /** How long before a report or listing an owner's mail must have used the address to be cited for it. */
    public static final Duration USE_WINDOW = Duration.ofDays(30);

    /** Why a claim cites the account it cites, or why it cites none. */
    public enum Basis {
        /** one account alone makes the most specific claim */
        ONLY_OWNER,
        /** several accounts claim the name, and the facts of exactly one of them show it using the name */
        OWN_USE,
        /** several accounts claim the name, and the facts show none of them, or more than one, using it */
        UNPROVEN
    }

    /**
     * Who owns a name a report or listing gives.
     *
     * @param name   the name matched, in canonical form: an address, or a domain
     * @param field  the accounts' field that holds it: {@code ips} or {@code domains}
     * @param claims the entries of that field that hold the name, in canonical form (addresses,
     *     ranges, a domain), in text order
     * @param owners every account making one of those claims, in id order
     * @param users  the owners whose own facts show them using the name, in id order
     * @param basis  why the claim cites one account, or none
     */
    public record Claim(
            String name, String field, List<String> claims, List<String> owners, List<String> users, Basis basis) {

        /** Copies the lists. */
        public Claim {
            claims = List.copyOf(claims);
            owners = List.copyOf(owners);
            users = List.copyOf(users);
        }

        /** {@return the one account the facts prove the name is about, or empty when a person must decide} */
        public Optional<String> cited() {
            return switch (basis) {
                case ONLY_OWNER -> Optional.of(owners.get(0));
                case OWN_USE -> Optional.of(users.get(0));
                case UNPROVEN -> Optional.empty();
            };
        }
    }

    /** A message that left from an address, and when. */
    private record Use(String accountId, @Nullable Instant at) {}

    private final Map<String, NavigableSet<String>> byRange = new HashMap<>();
    private final NavigableSet<Integer> v4Lengths = new TreeSet<>(Comparator.reverseOrder());
    private final NavigableSet<Integer> v6Lengths = new TreeSet<>(Comparator.reverseOrder());
    private final Map<String, NavigableSet<String>> byDomain = new HashMap<>();
    private final Map<String, List<Use>> mailByAddress = new HashMap<>();
    private final Map<String, NavigableSet<String>> domainUsers = new HashMap<>();

    private Attribution(List<Account> accounts, Collection<EmailMessage> emails, Collection<Website> websites) {
        for (Account a : accounts) {
            for (String ip : a.ips()) {
                AddressRange.tryParse(ip).ifPresent(range -> {
                    byRange.computeIfAbsent(range.toString(), k -> new TreeSet<>())
                            .add(a.id());
                    (range.isIpv4() ? v4Lengths : v6Lengths).add(range.prefixLength());
                });
            }
            for (String d : a.domains()) {
                String canonical = DomainNames.canonical(d);
                if (canonical != null) {
                    byDomain.computeIfAbsent(canonical, k -> new TreeSet<>()).add(a.id());
                }
            }
        }
        for (EmailMessage m : emails) {
            String ip = AddressRange.canonicalAddress(m.sendingIp());
            if (ip != null) {
                mailByAddress.computeIfAbsent(ip, k -> new ArrayList<>()).add(new Use(m.accountId(), m.sentAt()));
            }
            String from = DomainNames.canonical(m.fromDomain());
            if (from != null) {
                domainUsers.computeIfAbsent(from, k -> new TreeSet<>()).add(m.accountId());
            }
        }
        for (Website w : websites) {
            String d = DomainNames.canonical(w.domain());
            if (d != null) {
                domainUsers.computeIfAbsent(d, k -> new TreeSet<>()).add(w.accountId());
            }
        }
    }

    /**
     * An attribution by the accounts' claims alone: a name that several accounts claim cites no one.
     * Entries of {@code ips} that are not addresses or ranges are left out (FactsNormalizer rejects them).
     */
    public static Attribution of(List<Account> accounts) {
        return new Attribution(accounts, List.of(), List.of());
    }

    /**
     * An attribution that settles shared claims with what the accounts' own mail and websites show.
     *
     * @param accounts the accounts and their claims
     * @param emails   messages, each read for its account, sending address, send time and From domain
     * @param websites websites, each read for its account and domain
     */
    public static Attribution of(
            List<Account> accounts, Collection<EmailMessage> emails, Collection<Website> websites) {
        return new Attribution(accounts, emails, websites);
    }

    /**
     * The one account that owns the first of these names any account claims, by claims alone; empty
     * when no account, or several, claim it. Any argument may be {@code null}.
     */
    public Optional<String> owner(
            @Nullable String ip, @Nullable String domain, @Nullable String url, @Nullable String email) {
        return claim(ip, domain, url, email, null)
                .filter(c -> c.owners().size() == 1)
                .map(c -> c.owners().get(0));
    }

    /**
     * Who owns the names a report or listing gives: the address, the domain, the URL's host (an
     * address or a name), the email's domain, in that order. The first of them whose claim cites
     * one account wins (a phishing URL whose domain one account owns, on a server address several
     * share, is that account's); when none cites one, the first that any account claims, for a
     * person to settle. Any argument may be {@code null}.
     *
     * @param at when the report came or the listing was made; mail after it, or more than
     *     {@link #USE_WINDOW} before it, shows nothing; {@code null} lets mail of any time count
     * @return the claim, or empty when no account claims any of the names
     */
    public Optional<Claim> claim(
            @Nullable String ip,
            @Nullable String domain,
            @Nullable String url,
            @Nullable String email,
            @Nullable Instant at) {
        String host = hostOf(url);
        List<Claim> claims = new ArrayList<>(4);
        claimOfAddress(ip, at).ifPresent(claims::add);
        claimOfDomain(domain).ifPresent(claims::add);
        (AddressRange.canonicalAddress(host) != null ? claimOfAddress(host, at) : claimOfDomain(host))
                .ifPresent(claims::add);
        claimOfDomain(domainOf(email)).ifPresent(claims::add);
        return claims.stream().filter(c -> c.cited().isPresent()).findFirst().or(() -> claims.stream()
                .findFirst());
    }

    private Optional<Claim> claimOfAddress(@Nullable String ip, @Nullable Instant at) {
        Optional<AddressRange> parsed = AddressRange.tryParse(ip).filter(AddressRange::isSingleAddress);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        AddressRange address = parsed.get();
        NavigableSet<String> claims = new TreeSet<>();
        NavigableSet<String> owners = new TreeSet<>();
        for (int length : address.isIpv4() ? v4Lengths : v6Lengths) {
            String range = address.enclosing(length).toString();
            NavigableSet<String> claimants = byRange.get(range);
            if (claimants != null) {
                claims.add(range);
                owners.addAll(claimants);
            }
        }
        if (owners.isEmpty()) {
            return Optional.empty();
        }
        NavigableSet<String> users = new TreeSet<>();
        for (Use use : mailByAddress.getOrDefault(address.toString(), List.of())) {
            if (owners.contains(use.accountId()) && inWindow(use.at(), at)) {
                users.add(use.accountId());
            }
        }
        return Optional.of(settle(address.toString(), "ips", claims, owners, users));
    }

    private Optional<Claim> claimOfDomain(@Nullable String domain) {
        String name = DomainNames.canonical(domain);
        if (name == null) {
            return Optional.empty();
        }
        for (String d = name; ; d = d.substring(d.indexOf('.') + 1)) {
            NavigableSet<String> owners = byDomain.get(d);
            if (owners != null) {
                NavigableSet<String> users = new TreeSet<>();
                // an owner uses the name when it runs a site, or sends mail, at the name or at a
                // parent of it that is still within the claimed domain
                for (String u = name; ; u = u.substring(u.indexOf('.') + 1)) {
                    domainUsers.getOrDefault(u, new TreeSet<>()).stream()
                            .filter(owners::contains)
                            .forEach(users::add);
                    if (u.equals(d)) {
                        break;
                    }
                }
                return Optional.of(settle(name, "domains", new TreeSet<>(List.of(d)), owners, users));
            }
            if (d.indexOf('.') < 0) {
                return Optional.empty();
            }
        }
    }

    private static Claim settle(
            String name,
            String field,
            NavigableSet<String> claims,
            NavigableSet<String> owners,
            NavigableSet<String> users) {
        Basis basis;
        if (owners.size() == 1) {
            basis = Basis.ONLY_OWNER;
        } else if (users.size() == 1) {
            basis = Basis.OWN_USE;
        } else {
            basis = Basis.UNPROVEN;
        }
        return new Claim(name, field, List.copyOf(claims), List.copyOf(owners), List.copyOf(users), basis);
    }

    private static boolean inWindow(@Nullable Instant sent, @Nullable Instant at) {
        if (at == null) {
            return true;
        }
        return sent != null && !sent.isAfter(at) && !sent.isBefore(at.minus(USE_WINDOW));
    }

    private static @Nullable String hostOf(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            String u = url.contains("://") ? url : "http://" + url;
            URI uri = URI.create(u.trim().replace(" ", "%20"));
            String host = uri.getHost();
            if (host == null) {
                // URI leaves the host of a non-ASCII name to the authority
                String authority = uri.getRawAuthority();
                if (authority == null) {
                    return null;
                }
                host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":\\d*$", "");
            }
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable String domainOf(@Nullable String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).replace(">", "");
    }
}
