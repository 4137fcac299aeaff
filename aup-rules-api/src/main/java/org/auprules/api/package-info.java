/**
 * The contract of aup-rules: the evaluator, its result and the exceptions it throws. Nothing here
 * depends on Drools.
 */
@NullMarked
package org.auprules.api;

import org.jspecify.annotations.NullMarked;
