package org.auprules.api.desk;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An exception the abuse desk granted: violations of these clauses by this account are not
 * dropped but set apart as {@linkplain org.auprules.api.SuppressedViolation suppressed}, from {@code grantedAt}
 * (when given) until the instant {@code expiresAt}, at which it stops applying.
 *
 * @param id        the waiver's id, cited by every violation it suppresses
 * @param accountId the account it is granted to
 * @param clauses   the clauses it waives; a clause also covers the clauses under it ({@code 1.A} covers {@code 1.A.5})
 * @param match     narrows it to the violations whose evidence matches, or {@code null} for every violation of the clauses
 * @param reason    why it was granted
 * @param grantedBy who granted it
 * @param grantedAt when it starts applying, or {@code null} for "already"
 * @param expiresAt the instant it stops applying, or {@code null} for never
 */
public record Waiver(
        String id,
        String accountId,
        List<String> clauses,
        @Nullable Match match,
        @Nullable String reason,
        @Nullable String grantedBy,
        @Nullable Instant grantedAt,
        @Nullable Instant expiresAt) {

    /**
     * Checks that the id, the account and the clauses are there, and copies the clauses.
     *
     * @param id        the waiver's id
     * @param accountId the account it is granted to
     * @param clauses   the clauses it waives, at least one
     * @param match     narrows it to matching evidence, or {@code null}
     * @param reason    why it was granted
     * @param grantedBy who granted it
     * @param grantedAt when it starts applying, or {@code null}
     * @param expiresAt the instant it stops applying, or {@code null}
     * @throws NullPointerException     when the id, account or clauses are missing
     * @throws IllegalArgumentException when no clause is given
     */
    public Waiver {
        Objects.requireNonNull(id, "missing required field `id`");
        Objects.requireNonNull(accountId, "missing required field `accountId`");
        Objects.requireNonNull(clauses, "missing required field `clauses`");
        clauses = List.copyOf(clauses);
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("waiver `" + id + "` waives no clause: give at least one in `clauses`");
        }
    }

    /**
     * What a waiver's {@code match} narrows it to; each field given must match one fact of the
     * violation's evidence.
     *
     * @param process a glob ({@code *}, {@code ?}) on a process's name, or an audio stream's server
     * @param path    a glob on a hosted file's path ({@code *} stays within a folder, {@code **} crosses folders)
     * @param domain  a website's domain; its subdomains match too
     */
    public record Match(
            @Nullable String process,
            @Nullable String path,
            @Nullable String domain) {}

    /**
     * {@return whether the waiver applies at this instant: granted by then and not yet expired}
     *
     * @param now the moment of evaluation
     */
    public boolean activeAt(Instant now) {
        return (grantedAt == null || !now.isBefore(grantedAt)) && (expiresAt == null || now.isBefore(expiresAt));
    }

    /**
     * {@return whether the waiver names this clause or a clause above it}
     *
     * @param clauseId a clause id, e.g. {@code 2.15}
     */
    public boolean covers(String clauseId) {
        return clauses.stream().anyMatch(c -> within(clauseId, c));
    }

    /**
     * {@return whether {@code clauseId} is {@code scope} or a clause under it}
     *
     * @param clauseId a clause id, e.g. {@code 1.A.5}
     * @param scope    a clause or section id, e.g. {@code 1.A}
     */
    public static boolean within(String clauseId, String scope) {
        return clauseId.equals(scope) || clauseId.startsWith(scope + ".");
    }
}
