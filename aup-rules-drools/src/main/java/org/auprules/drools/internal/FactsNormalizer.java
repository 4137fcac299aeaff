package org.auprules.drools.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.Notice;
import org.auprules.api.NoticeKind;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.BlacklistListing;
import org.auprules.api.facts.FactSet;
import org.auprules.internal.AddressRange;
import org.auprules.internal.Attribution;
import org.auprules.internal.FactValues;

/**
 * Checks facts against the contract and groups them per account: names facts that came without
 * an id by their place in the input, attributes reports and listings that name only an address,
 * and rejects references to accounts that are not there.
 */
public final class FactsNormalizer {

    /**
     * Facts grouped per account, in account-id order, plus notices about what could not be attributed.
     *
     * @param accounts the accounts with their facts
     * @param notices  unattributable reports and listings
     */
    public record Grouped(Map<Account, List<AccountFact>> accounts, List<Notice> notices) {}

    /** The most facts one call accepts by default, accounts included: 100,000 accounts of 100 facts each. */
    public static final int DEFAULT_MAX_FACTS = 10_000_000;

    /** The most facts one account may have by default, its reports and listings included. */
    public static final int DEFAULT_MAX_FACTS_PER_ACCOUNT = 250_000;

    private FactsNormalizer() {}

    /**
     * Groups facts per account, within the default limits.
     *
     * @throws InvalidFactsException naming the JSON path of the first fact that breaks the contract
     */
    public static Grouped group(FactSet facts) {
        return group(facts, DEFAULT_MAX_FACTS, DEFAULT_MAX_FACTS_PER_ACCOUNT);
    }

    /**
     * Groups facts per account, refusing a document with more than {@code maxFacts} facts (accounts
     * included) or an account with more than {@code maxFactsPerAccount}.
     *
     * @throws InvalidFactsException naming the JSON path of the first fact that breaks the contract,
     *     or of the first fact past a limit
     */
    public static Grouped group(FactSet facts, int maxFacts, int maxFactsPerAccount) {
        checkDocumentSize(facts, maxFacts);
        FactValues.check(facts);
        Map<String, Account> accounts = new java.util.TreeMap<>();
        for (int i = 0; i < facts.accounts().size(); i++) {
            Account a = facts.accounts().get(i);
            if (a.id().isBlank()) {
                throw new InvalidFactsException("$.accounts[" + i + "].id", "expected a non-empty account id");
            }
            if (accounts.putIfAbsent(a.id(), a) != null) {
                throw new InvalidFactsException("$.accounts[" + i + "].id", "duplicate account id `" + a.id() + "`");
            }
            checkIps(a, i);
        }
        Map<String, List<AccountFact>> byAccount = new LinkedHashMap<>();
        accounts.keySet().forEach(id -> byAccount.put(id, new ArrayList<>()));
        List<Notice> notices = new ArrayList<>();
        Attribution attribution = null;
        for (Map.Entry<String, List<? extends AccountFact>> list :
                facts.accountFactLists().entrySet()) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < list.getValue().size(); i++) {
                // the JSON path is spelled out only for an error: building it for every fact costs
                // more than checking the fact
                AccountFact fact = list.getValue().get(i);
                String id = fact.id();
                if (id == null) {
                    id = list.getKey() + "[" + i + "]";
                    fact = (AccountFact) fact.withId(id);
                } else if (id.isBlank()) {
                    throw new InvalidFactsException(path(list.getKey(), i) + ".id", "expected a non-empty id");
                }
                if (!ids.add(id)) {
                    throw new InvalidFactsException(
                            path(list.getKey(), i) + ".id", "duplicate id `" + id + "` in `" + list.getKey() + "`");
                }
                String accountId = fact.accountId();
                if (accountId == null) {
                    if (!(fact instanceof AbuseReport || fact instanceof BlacklistListing)) {
                        throw new InvalidFactsException(
                                path(list.getKey(), i) + ".accountId", "missing required field `accountId`");
                    }
                    if (attribution == null) {
                        attribution = Attribution.of(facts.accounts(), facts.emails(), facts.websites());
                    }
                    Optional<Attribution.Claim> claim = claimOf(fact, attribution);
                    if (claim.isEmpty()) {
                        notices.add(unattributable(fact, id));
                        continue;
                    }
                    Optional<String> cited = claim.get().cited();
                    if (cited.isEmpty()) {
                        // several accounts claim the name and no one's own facts settle it: a person
                        // decides, and no violation is raised against an account picked by position
                        notices.addAll(unsettled(fact, id, claim.get()));
                        continue;
                    }
                    accountId = cited.get();
                    fact = attribute(fact, accountId);
                }
                List<AccountFact> bucket = byAccount.get(accountId);
                if (bucket == null) {
                    throw new InvalidFactsException(
                            path(list.getKey(), i) + ".accountId",
                            "unknown account `" + accountId + "`: expected the id of an entry of `$.accounts`");
                }
                if (bucket.size() >= maxFactsPerAccount) {
                    throw new InvalidFactsException(
                            path(list.getKey(), i),
                            "account `" + accountId + "` has more than " + maxFactsPerAccount
                                    + " facts, the limit for one account; split its facts over several calls, or "
                                    + "ask the operator to raise the limit");
                }
                bucket.add(fact);
            }
        }
        Map<Account, List<AccountFact>> grouped = new LinkedHashMap<>();
        byAccount.forEach((id, list) -> grouped.put(accounts.get(id), List.copyOf(list)));
        return new Grouped(grouped, notices);
    }

    /** {@code $.emails[3]}: where a fact is in the input document. */
    private static String path(String list, int index) {
        return "$." + list + "[" + index + "]";
    }

    /** Names the first fact past {@code maxFacts}, counting accounts and then each list in order. */
    private static void checkDocumentSize(FactSet facts, int maxFacts) {
        long seen = facts.accounts().size();
        if (seen > maxFacts) {
            throw tooMany("$.accounts[" + maxFacts + "]", maxFacts);
        }
        for (Map.Entry<String, List<? extends AccountFact>> list :
                facts.accountFactLists().entrySet()) {
            int size = list.getValue().size();
            if (seen + size > maxFacts) {
                throw tooMany("$." + list.getKey() + "[" + (maxFacts - seen) + "]", maxFacts);
            }
            seen += size;
        }
    }

    private static InvalidFactsException tooMany(String path, int maxFacts) {
        return new InvalidFactsException(
                path,
                "more than " + maxFacts + " facts in one document, the limit for one call; split the fleet over "
                        + "several calls, or ask the operator to raise the limit");
    }

    /** Rejects an entry of an account's {@code ips} that is neither an address nor a CIDR range. */
    private static void checkIps(Account a, int index) {
        for (int j = 0; j < a.ips().size(); j++) {
            if (FactValues.isPlainIpv4(a.ips().get(j))) {
                continue; // an address in its canonical spelling needs no parser
            }
            try {
                AddressRange.parse(a.ips().get(j));
            } catch (IllegalArgumentException e) {
                throw new InvalidFactsException(
                        "$.accounts[" + index + "].ips[" + j + "]", String.valueOf(e.getMessage()));
            }
        }
    }

    private static Optional<Attribution.Claim> claimOf(AccountFact fact, Attribution attribution) {
        if (fact instanceof AbuseReport r) {
            return attribution.claim(r.ip(), r.domain(), r.url(), r.email(), r.receivedAt());
        }
        if (fact instanceof BlacklistListing l) {
            return attribution.claim(l.ip(), null, null, null, l.listedAt());
        }
        return Optional.empty();
    }

    /** One notice for each account that may be the one a report or listing is about. */
    private static List<Notice> unsettled(AccountFact fact, String id, Attribution.Claim claim) {
        String accounts = claim.owners().stream().map(o -> "`" + o + "`").collect(Collectors.joining(", "));
        String shown;
        if (claim.users().isEmpty()) {
            boolean timed = fact instanceof AbuseReport r
                    ? r.receivedAt() != null
                    : ((BlacklistListing) fact).listedAt() != null;
            String window = timed
                    ? " in the " + Attribution.USE_WINDOW.toDays() + " days before "
                            + (fact instanceof AbuseReport ? "the report" : "the listing")
                    : "";
            shown = claim.field().equals("ips")
                    ? "no mail of theirs left from it" + window
                    : "none of them runs a website or sends mail at it";
        } else {
            shown = "the facts show "
                    + claim.users().stream().map(o -> "`" + o + "`").collect(Collectors.joining(" and "))
                    + " using it";
        }
        String message = fact.evidenceType() + " `" + id + "` names `" + claim.name() + "`, which accounts " + accounts
                + " all hold in their `" + claim.field() + "` ("
                + claim.claims().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")) + "), and " + shown
                + ": no account is cited; find out which customer it concerns and give it that `accountId`";
        List<Notice> out = new ArrayList<>();
        for (String owner : claim.owners()) {
            out.add(new Notice(id, NoticeKind.REPORT_FOR_REVIEW, List.of(), Optional.of(owner), message));
        }
        return out;
    }

    private static AccountFact attribute(AccountFact fact, String accountId) {
        if (fact instanceof AbuseReport r) {
            return r.withAccountId(accountId);
        }
        return ((BlacklistListing) fact).withAccountId(accountId);
    }

    private static Notice unattributable(AccountFact fact, String id) {
        String names;
        if (fact instanceof AbuseReport r) {
            names = String.join(
                    ", ",
                    java.util.stream.Stream.of(r.ip(), r.domain(), r.url(), r.email())
                            .filter(java.util.Objects::nonNull)
                            .map(s -> "`" + s + "`")
                            .toList());
        } else {
            names = "`" + ((BlacklistListing) fact).ip() + "`";
        }
        return new Notice(
                id,
                NoticeKind.UNATTRIBUTABLE_REPORT,
                List.of(),
                Optional.empty(),
                fact.evidenceType() + " `" + id + "` names " + (names.isEmpty() ? "no address" : names)
                        + ", which no account owns");
    }
}
