/**
 * The Drools implementation of the aup-rules contract: the evaluator, its hot-reloading form, policy
 * packs, and the validator analysts run on them.
 */
@NullMarked
package org.auprules.drools;

import org.jspecify.annotations.NullMarked;
