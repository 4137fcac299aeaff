package org.auprules.drools.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.Notice;
import org.auprules.api.NoticeKind;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.BlacklistListing;
import org.auprules.api.facts.FactSet;
import org.auprules.internal.Attribution;

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
        Map<String, Account> accounts = new java.util.TreeMap<>();
        for (int i = 0; i < facts.accounts().size(); i++) {
            Account a = facts.accounts().get(i);
            if (a.id().isBlank()) {
                throw new InvalidFactsException("$.accounts[" + i + "].id", "expected a non-empty account id");
            }
            if (accounts.putIfAbsent(a.id(), a) != null) {
                throw new InvalidFactsException("$.accounts[" + i + "].id", "duplicate account id `" + a.id() + "`");
            }
        }
        Map<String, List<AccountFact>> byAccount = new LinkedHashMap<>();
        accounts.keySet().forEach(id -> byAccount.put(id, new ArrayList<>()));
        List<Notice> notices = new ArrayList<>();
        Attribution attribution = null;
        for (Map.Entry<String, List<? extends AccountFact>> list :
                facts.accountFactLists().entrySet()) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < list.getValue().size(); i++) {
                String path = "$." + list.getKey() + "[" + i + "]";
                AccountFact fact = list.getValue().get(i);
                String id = fact.id();
                if (id == null) {
                    id = list.getKey() + "[" + i + "]";
                    fact = (AccountFact) fact.withId(id);
                } else if (id.isBlank()) {
                    throw new InvalidFactsException(path + ".id", "expected a non-empty id");
                }
                if (!ids.add(id)) {
                    throw new InvalidFactsException(
                            path + ".id", "duplicate id `" + id + "` in `" + list.getKey() + "`");
                }
                String accountId = fact.accountId();
                if (accountId == null) {
                    if (attribution == null) {
                        attribution = Attribution.of(facts.accounts());
                    }
                    Optional<String> owner = ownerOf(fact, attribution);
                    if (owner.isEmpty()) {
                        if (fact instanceof AbuseReport || fact instanceof BlacklistListing) {
                            notices.add(unattributable(fact, id));
                            continue;
                        }
                        throw new InvalidFactsException(path + ".accountId", "missing required field `accountId`");
                    }
                    accountId = owner.get();
                    fact = attribute(fact, accountId);
                }
                List<AccountFact> bucket = byAccount.get(accountId);
                if (bucket == null) {
                    throw new InvalidFactsException(
                            path + ".accountId",
                            "unknown account `" + accountId + "`: expected the id of an entry of `$.accounts`");
                }
                if (bucket.size() >= maxFactsPerAccount) {
                    throw new InvalidFactsException(
                            path,
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

    private static Optional<String> ownerOf(AccountFact fact, Attribution attribution) {
        if (fact instanceof AbuseReport r) {
            return attribution.owner(r.ip(), r.domain(), r.url(), r.email());
        }
        if (fact instanceof BlacklistListing l) {
            return attribution.owner(l.ip(), null, null, null);
        }
        return Optional.empty();
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
