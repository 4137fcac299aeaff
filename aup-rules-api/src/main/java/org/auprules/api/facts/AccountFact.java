package org.auprules.api.facts;

import org.jspecify.annotations.Nullable;

/** A fact that belongs to one account, named by {@link #accountId()}. */
public interface AccountFact extends Fact {

    /** {@return the id of the account the fact belongs to; {@code null} only where attribution is still pending} */
    @Nullable
    String accountId();
}
