/**
 * The contract of aup-rules: the evaluator, its result and the exceptions it throws. Nothing here
 * depends on Drools.
 */
package org.auprules.api;
