package org.auprules.examples.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.auprules.api.Certainty;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.Severity;
import org.auprules.api.SuppressedViolation;
import org.auprules.api.Violation;
import org.auprules.api.desk.PriorFinding;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.FactSet;
import org.auprules.api.policy.Action;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.api.policy.Category;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.api.policy.ClauseId;
import org.auprules.api.policy.Kind;
import org.auprules.api.policy.Modality;
import org.auprules.examples.changes.ViolationChange;
import org.auprules.examples.changes.ViolationChanges;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The findings of every run of {@code aup-rules evaluate --history DB}, in SQLite (DB is a file
 * path) or PostgreSQL (DB is a {@code jdbc:postgresql:} URL), the schema migrated by Flyway from
 * {@code db/migration} when the store is opened.
 *
 * <p>A run is recorded in one transaction: its row and all its findings, or nothing. The previous
 * run is the one with the highest id. A finding's {@code opened_at} is the instant of the run that
 * first saw it, carried over while it stays open; the prior findings that the escalation table
 * counts are these openings, less the ones still open in the previous run (an offence that goes on
 * night after night is one offence, not one a night).
 */
public final class HistoryStore {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String url;
    private final String name;
    private final Clock clock;

    private HistoryStore(String url, String name, Clock clock) {
        this.url = url;
        this.name = name;
        this.clock = clock;
    }

    /**
     * Opens a store and brings its schema up to date.
     *
     * @param db a file path (SQLite, created when missing) or a {@code jdbc:} URL
     * @return the store
     * @throws HistoryException when the database cannot be reached or migrated
     */
    public static HistoryStore open(String db) {
        return open(db, Clock.systemUTC());
    }

    static HistoryStore open(String db, Clock clock) {
        String url = db.startsWith("jdbc:") ? db : "jdbc:sqlite:" + Path.of(db).toAbsolutePath();
        HistoryStore store = new HistoryStore(url, db.startsWith("jdbc:") ? redact(db) : db, clock);
        try {
            Flyway.configure()
                    .dataSource(url, null, null)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new HistoryException(
                    "history store " + store.name + ": cannot migrate its schema: " + e.getMessage(), e);
        }
        return store;
    }

    /** {@return the store as the user named it, without a password} */
    public String name() {
        return name;
    }

    /**
     * The facts with the stored prior findings of their accounts added to the input's {@code history}.
     *
     * @param facts the facts to evaluate
     * @return the same facts, with a longer history
     */
    public FactSet withPriorFindings(FactSet facts) {
        List<PriorFinding> prior = priorFindings(accountIds(facts));
        if (prior.isEmpty()) {
            return facts;
        }
        List<PriorFinding> history = new ArrayList<>(facts.history());
        history.addAll(prior);
        return facts.toBuilder().history(history).build();
    }

    /**
     * The openings of findings of these accounts, less those still open in the previous run.
     *
     * @param accountIds the accounts
     * @return one prior finding per opening, dated when it opened
     */
    public List<PriorFinding> priorFindings(Collection<String> accountIds) {
        List<PriorFinding> out = new ArrayList<>();
        if (accountIds.isEmpty()) {
            return out;
        }
        try (Connection c = connect()) {
            long last = lastRunId(c);
            Set<String> stillOpen = new LinkedHashSet<>();
            Map<String, PriorFinding> openings = new HashMap<>();
            for (List<String> chunk : chunks(accountIds)) {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT run_id, account_id, clause, rule_id, outcome, opened_at FROM aup_finding"
                                + " WHERE account_id IN " + marks(chunk.size()) + " ORDER BY run_id, seq")) {
                    bind(s, chunk);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            String key = r.getString("account_id")
                                    + '\u0000'
                                    + r.getString("clause")
                                    + '\u0000'
                                    + r.getString("rule_id")
                                    + '\u0000'
                                    + r.getString("opened_at");
                            if (r.getLong("run_id") == last) {
                                stillOpen.add(key);
                            }
                            PriorFinding.Outcome outcome = PriorFinding.Outcome.valueOf(r.getString("outcome"));
                            PriorFinding was = openings.get(key);
                            // a finding suppressed one night and not the next was a violation all the same
                            if (was == null || outcome == PriorFinding.Outcome.VIOLATION) {
                                openings.put(
                                        key,
                                        new PriorFinding(
                                                r.getString("account_id"),
                                                r.getString("clause"),
                                                Instant.parse(r.getString("opened_at")),
                                                outcome));
                            }
                        }
                    }
                }
            }
            openings.forEach((key, p) -> {
                if (!stillOpen.contains(key)) {
                    out.add(p);
                }
            });
        } catch (SQLException e) {
            throw failure("cannot read the prior findings", e);
        }
        out.sort((a, b) -> a.accountId().equals(b.accountId())
                ? a.date().compareTo(b.date())
                : a.accountId().compareTo(b.accountId()));
        return out;
    }

    /**
     * Records a run and tells what changed since the previous one, for the accounts of these facts.
     *
     * <p>The previous run's violations of accounts that are not in the facts are left alone: a
     * finding on an account this run did not look at is not resolved. Suppressed findings are
     * recorded, but only violations are compared.
     *
     * @param facts the facts that were evaluated
     * @param result their result
     * @param catalog the clauses of the policy in use, to name the stored violations' clauses
     * @return the changes since the previous run, everything OPENED when there was none
     * @throws HistoryException when the run cannot be recorded; then nothing of it was
     */
    public List<ViolationChange> record(FactSet facts, EvaluationResult result, ClauseCatalog catalog) {
        return record(accountIds(facts), result, catalog);
    }

    /**
     * Records a run of these accounts, as {@link #record(FactSet, EvaluationResult, ClauseCatalog)}
     * does, when the facts are not at hand as one document: the accounts of a JSON Lines stream,
     * whose findings were gathered into one result as the stream was evaluated.
     *
     * @param accountIds the accounts that were evaluated, every one of them
     * @param result     their findings together: violations, suppressed violations, policy and moment
     * @param catalog    the clauses of the policy in use
     * @return the changes since the previous run, everything OPENED when there was none
     * @throws HistoryException when the run cannot be recorded; then nothing of it was
     */
    public List<ViolationChange> record(Collection<String> accountIds, EvaluationResult result, ClauseCatalog catalog) {
        Set<String> accounts = new LinkedHashSet<>(accountIds);
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                long last = lastRunId(c);
                List<Stored> before = last < 0 ? List.of() : findings(c, last, accounts, catalog);
                List<Violation> earlier = new ArrayList<>();
                before.stream()
                        .filter(f -> f.outcome() == PriorFinding.Outcome.VIOLATION)
                        .forEach(f -> earlier.add(f.violation()));
                List<ViolationChange> changes = ViolationChanges.between(
                        earlier, result.violations(), result.policy().digest(), result.evaluatedAt());
                insert(c, last + 1, accounts.size(), result, before, changes);
                c.commit();
                return changes;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("cannot record the run, nothing of it was recorded", e);
        }
    }

    /**
     * The runs recorded so far.
     *
     * @return how many runs the store holds
     */
    public int runs() {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM aup_run");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw failure("cannot count the runs", e);
        }
    }

    /**
     * The findings stored so far, all runs together.
     *
     * @return how many findings the store holds
     */
    public int findings() {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM aup_finding");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw failure("cannot count the findings", e);
        }
    }

    private void insert(
            Connection c,
            long run,
            int accounts,
            EvaluationResult result,
            List<Stored> before,
            List<ViolationChange> changes)
            throws SQLException {
        Instant at = result.evaluatedAt();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO aup_run (id, evaluated_at, recorded_at, "
                + "policy_name, policy_version, policy_digest, accounts) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, run);
            s.setString(2, at.toString());
            s.setString(3, clock.instant().toString());
            s.setString(4, result.policy().name());
            s.setString(5, result.policy().version());
            s.setString(6, result.policy().digest());
            s.setInt(7, accounts);
            s.executeUpdate();
        }
        List<Violation> opened = changes.stream()
                .filter(ch -> ch.kind() == ViolationChange.Kind.OPENED)
                .map(ViolationChange::violation)
                .toList();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO aup_finding (run_id, seq, account_id, clause, "
                + "rule_id, outcome, waiver, category, severity, certainty, message, actions, evidence, opened_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (Violation v : result.violations()) {
                Instant openedAt = opened.contains(v) ? at : openedAt(before, v).orElse(at);
                insertFinding(s, run, seq++, v, PriorFinding.Outcome.VIOLATION, null, openedAt);
            }
            for (SuppressedViolation sv : result.suppressed()) {
                Violation v = sv.violation();
                insertFinding(
                        s,
                        run,
                        seq++,
                        v,
                        PriorFinding.Outcome.SUPPRESSED,
                        sv.waiver(),
                        openedAt(before, v).orElse(at));
            }
        }
    }

    private static void insertFinding(
            PreparedStatement s,
            long run,
            int seq,
            Violation v,
            PriorFinding.Outcome outcome,
            @org.jspecify.annotations.Nullable String waiver,
            Instant openedAt)
            throws SQLException {
        s.setLong(1, run);
        s.setInt(2, seq);
        s.setString(3, v.accountId());
        s.setString(4, v.clauseId());
        s.setString(5, v.ruleId());
        s.setString(6, outcome.name());
        s.setString(7, waiver);
        s.setString(8, v.category().name());
        s.setString(9, v.severity().name());
        s.setString(10, v.certainty().name());
        s.setString(11, v.message());
        ArrayNode actions = JsonNodeFactory.instance.arrayNode();
        v.actions().forEach(a -> actions.addArray()
                .add(a.action().name())
                .add(a.modality().name())
                .add(a.authority().value()));
        s.setString(12, actions.toString());
        ArrayNode evidence = JsonNodeFactory.instance.arrayNode();
        v.evidence().forEach(e -> evidence.addArray().add(e.type()).add(e.id()));
        s.setString(13, evidence.toString());
        s.setString(14, openedAt.toString());
        s.executeUpdate();
    }

    /** The earliest opening among the previous run's findings with the same account, clause and rule. */
    private static Optional<Instant> openedAt(List<Stored> before, Violation v) {
        return before.stream()
                .filter(f -> f.violation().accountId().equals(v.accountId())
                        && f.violation().clauseId().equals(v.clauseId())
                        && f.violation().ruleId().equals(v.ruleId()))
                .map(Stored::openedAt)
                .min(Instant::compareTo);
    }

    private List<Stored> findings(Connection c, long run, Set<String> accounts, ClauseCatalog catalog)
            throws SQLException {
        List<Stored> out = new ArrayList<>();
        for (List<String> chunk : chunks(accounts)) {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT * FROM aup_finding WHERE run_id = ? AND account_id IN "
                            + marks(chunk.size()) + " ORDER BY seq")) {
                s.setLong(1, run);
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 2, chunk.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Stored(
                                violation(r, catalog),
                                PriorFinding.Outcome.valueOf(r.getString("outcome")),
                                Instant.parse(r.getString("opened_at"))));
                    }
                }
            }
        }
        return out;
    }

    private static Violation violation(ResultSet r, ClauseCatalog catalog) throws SQLException {
        Category category = Category.valueOf(r.getString("category"));
        List<AuthorizedAction> actions = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        try {
            for (JsonNode a : MAPPER.readTree(r.getString("actions"))) {
                actions.add(new AuthorizedAction(
                        Action.valueOf(a.get(0).asText()),
                        Modality.valueOf(a.get(1).asText()),
                        ClauseId.of(a.get(2).asText())));
            }
            for (JsonNode e : MAPPER.readTree(r.getString("evidence"))) {
                evidence.add(new Evidence(e.get(0).asText(), e.get(1).asText()));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("a stored finding's actions or evidence are not JSON: " + e.getOriginalMessage(), e);
        }
        String clauseId = r.getString("clause");
        // a clause the policy in use no longer has still names itself
        Clause clause = catalog.find(clauseId)
                .orElseGet(() ->
                        new Clause(ClauseId.of(clauseId), "", "", Kind.PROHIBITION, Optional.of(category), actions));
        return new Violation(
                r.getString("rule_id"),
                clause,
                category,
                Severity.valueOf(r.getString("severity")),
                Certainty.valueOf(r.getString("certainty")),
                r.getString("account_id"),
                actions,
                r.getString("message"),
                evidence);
    }

    private static long lastRunId(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(id) FROM aup_run");
                ResultSet r = s.executeQuery()) {
            r.next();
            long id = r.getLong(1);
            return r.wasNull() ? -1 : id;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    private HistoryException failure(String what, SQLException e) {
        return new HistoryException("history store " + name + ": " + what + ": " + e.getMessage(), e);
    }

    private static Set<String> accountIds(FactSet facts) {
        Set<String> ids = new LinkedHashSet<>();
        for (Account a : facts.accounts()) {
            ids.add(a.id());
        }
        return ids;
    }

    /** Lists of at most 500 ids, under every database's limit on bound parameters. */
    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            out.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return out;
    }

    private static String marks(int n) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < n; i++) {
            j.add("?");
        }
        return j.toString();
    }

    private static void bind(PreparedStatement s, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            s.setString(i + 1, values.get(i));
        }
    }

    /** A JDBC URL as it may be printed: its password parameter masked. */
    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private record Stored(Violation violation, PriorFinding.Outcome outcome, Instant openedAt) {}
}
