/**
 * What changed between two verdicts on the same accounts: violations {@code OPENED},
 * {@code CHANGED} and {@code RESOLVED}. The stream topology and the history store emit the same
 * events, so a desk reads one shape whichever of the two produced it.
 */
@NullMarked
package org.auprules.examples.changes;

import org.jspecify.annotations.NullMarked;
