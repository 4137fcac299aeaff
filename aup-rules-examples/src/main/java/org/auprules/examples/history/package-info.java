/**
 * The history store of {@code aup-rules evaluate --history DB}: every run's findings in SQLite or
 * PostgreSQL, the schema kept by Flyway ({@code db/migration}), the changes since the previous run,
 * and the prior findings that the pack's escalation table counts.
 */
@NullMarked
package org.auprules.examples.history;

import org.jspecify.annotations.NullMarked;
