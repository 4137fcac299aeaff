/**
 * The types DRL rules name: {@code Findings}, which consequences report to, the thresholds, tables
 * and helper functions that conditions read, and the small facts that derivation rules insert.
 */
@NullMarked
package org.auprules.drools.rules;

import org.jspecify.annotations.NullMarked;
