package org.auprules.api.policy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every clause of a policy, by id, in document order.
 *
 * <pre>{@code
 * Clause irc = catalog.find("2.12").orElseThrow();
 * }</pre>
 */
public final class ClauseCatalog {

    private final Map<ClauseId, Clause> clauses;

    private ClauseCatalog(Map<ClauseId, Clause> clauses) {
        this.clauses = clauses;
    }

    /**
     * A catalog of the given clauses, in the given order.
     *
     * @throws IllegalArgumentException when two clauses share an id
     */
    public static ClauseCatalog of(Collection<Clause> clauses) {
        Map<ClauseId, Clause> byId = new LinkedHashMap<>();
        for (Clause clause : clauses) {
            Objects.requireNonNull(clause, "clause must not be null");
            if (byId.putIfAbsent(clause.id(), clause) != null) {
                throw new IllegalArgumentException("duplicate clause id `" + clause.id() + "`");
            }
        }
        return new ClauseCatalog(java.util.Collections.unmodifiableMap(byId));
    }

    /** The clause with this id, if the catalog has it. */
    public Optional<Clause> find(ClauseId id) {
        return Optional.ofNullable(clauses.get(id));
    }

    /** The clause with this id, if the catalog has it. */
    public Optional<Clause> find(String id) {
        try {
            return find(ClauseId.of(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Every clause, in document order. */
    public List<Clause> all() {
        return List.copyOf(clauses.values());
    }

    /** The clauses a customer can break, in document order. */
    public List<Clause> prohibitions() {
        return clauses.values().stream().filter(c -> c.kind() == Kind.PROHIBITION).toList();
    }

    /** The number of clauses. */
    public int size() {
        return clauses.size();
    }
}
