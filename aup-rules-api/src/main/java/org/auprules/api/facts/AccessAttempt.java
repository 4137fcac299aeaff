package org.auprules.api.facts;

/**
 * Attempts by an account to gain access it is not authorised to have.
 *
 * @param id            optional id
 * @param accountId     the account that made the attempts (required)
 * @param kind          what kind of attempt
 * @param target        what was aimed at, e.g. {@code ssh://10.0.0.5}
 * @param attempts      how many attempts were seen
 * @param windowSeconds in how long a window
 * @param succeeded     whether one of them succeeded
 */
public record AccessAttempt(String id, String accountId, AccessKind kind, String target, long attempts,
                            long windowSeconds, boolean succeeded) implements AccountFact {

    @Override
    public String evidenceType() {
        return "accessAttempt";
    }

    @Override
    public AccessAttempt withId(String newId) {
        return new AccessAttempt(newId, accountId, kind, target, attempts, windowSeconds, succeeded);
    }
}
