package org.auprules.examples.bench.baseline;

import java.util.ArrayList;
import java.util.List;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccessAttempt;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.AudioStream;
import org.auprules.api.facts.BlacklistListing;
import org.auprules.api.facts.EmailMessage;
import org.auprules.api.facts.Export;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.Login;
import org.auprules.api.facts.MailingList;
import org.auprules.api.facts.NetworkActivity;
import org.auprules.api.facts.OptOutRequest;
import org.auprules.api.facts.Permit;
import org.auprules.api.facts.ResourceUsage;
import org.auprules.api.facts.Website;

/** One account's facts sorted by kind, in one pass: the kinds the compared rules read. */
final class AccountFacts {

    final Account account;
    final List<EmailMessage> emails = new ArrayList<>();
    final List<MailingList> lists = new ArrayList<>();
    final List<OptOutRequest> optOuts = new ArrayList<>();
    final List<BlacklistListing> listings = new ArrayList<>();
    final List<AbuseReport> reports = new ArrayList<>();
    final List<Website> websites = new ArrayList<>();
    final List<ResourceUsage> usage = new ArrayList<>();
    final List<NetworkActivity> network = new ArrayList<>();
    final List<AccessAttempt> attempts = new ArrayList<>();
    final List<AudioStream> streams = new ArrayList<>();
    final List<HostedProcess> processes = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    final List<Permit> permits = new ArrayList<>();
    final List<Login> logins = new ArrayList<>();

    AccountFacts(Account account, List<AccountFact> facts) {
        this.account = account;
        for (AccountFact f : facts) {
            if (f instanceof EmailMessage m) {
                emails.add(m);
            } else if (f instanceof MailingList l) {
                lists.add(l);
            } else if (f instanceof OptOutRequest o) {
                optOuts.add(o);
            } else if (f instanceof BlacklistListing b) {
                listings.add(b);
            } else if (f instanceof AbuseReport r) {
                reports.add(r);
            } else if (f instanceof Website w) {
                websites.add(w);
            } else if (f instanceof ResourceUsage u) {
                usage.add(u);
            } else if (f instanceof NetworkActivity n) {
                network.add(n);
            } else if (f instanceof AccessAttempt a) {
                attempts.add(a);
            } else if (f instanceof AudioStream s) {
                streams.add(s);
            } else if (f instanceof HostedProcess p) {
                processes.add(p);
            } else if (f instanceof Export x) {
                exports.add(x);
            } else if (f instanceof Permit p) {
                permits.add(p);
            } else if (f instanceof Login l) {
                logins.add(l);
            }
        }
    }

    /**
     * The account's mailing list of this id.
     *
     * @param id a list id, or {@code null}
     * @return the list, or {@code null} when the account keeps none of that id
     */
    @org.jspecify.annotations.Nullable
    MailingList list(@org.jspecify.annotations.Nullable String id) {
        if (id == null) {
            return null;
        }
        for (MailingList l : lists) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        return null;
    }
}
