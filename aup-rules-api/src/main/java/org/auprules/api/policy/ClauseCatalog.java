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
     * {@return a catalog of the given clauses, in the given order}
     *
     * @param clauses the clauses, in document order
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

    /**
     * {@return the clause with this id, if the catalog has it}
     *
     * @param id the clause id
     */
    public Optional<Clause> find(ClauseId id) {
        return Optional.ofNullable(clauses.get(id));
    }

    /**
     * {@return the clause with this id, if the catalog has it}
     *
     * @param id the clause id as text, e.g. {@code 2.12}; text that is no clause id finds nothing
     */
    public Optional<Clause> find(String id) {
        try {
            return find(ClauseId.of(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@return every clause, in document order} */
    public List<Clause> all() {
        return List.copyOf(clauses.values());
    }

    /** {@return the clauses a customer can break, in document order} */
    public List<Clause> prohibitions() {
        return clauses.values().stream()
                .filter(c -> c.kind() == Kind.PROHIBITION)
                .toList();
    }

    /** {@return the number of clauses} */
    public int size() {
        return clauses.size();
    }
}
