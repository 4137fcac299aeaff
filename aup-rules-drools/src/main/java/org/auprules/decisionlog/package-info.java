/**
 * The decision log: one JSON line per evaluation, appended whole or not at all
 * ({@link org.auprules.decisionlog.DecisionLog}), written by the decorator
 * {@link org.auprules.decisionlog.DecisionLoggingEvaluator} and read back by
 * {@link org.auprules.decisionlog.DecisionLogReader}.
 */
@NullMarked
package org.auprules.decisionlog;

import org.jspecify.annotations.NullMarked;
