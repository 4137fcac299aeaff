/**
 * The types DRL rules name: {@code Findings}, which consequences report to, the thresholds, tables
 * and helper functions that conditions read, and the small facts that derivation rules insert.
 * A rule file reaches them with {@code import org.auprules.drools.rules.*;}.
 *
 * <ul>
 *   <li>Globals: {@link org.auprules.drools.rules.Findings} {@code findings} in every file, and the
 *       tables {@link org.auprules.drools.rules.SignatureTable} {@code signatures},
 *       {@link org.auprules.drools.rules.ContentTable} {@code contentTable} and
 *       {@link org.auprules.drools.rules.ReportTypeTable} {@code reportTypes} where a rule joins
 *       facts to rows with {@code from}.</li>
 *   <li>Facts the engine inserts into every account's session:
 *       {@link org.auprules.drools.rules.Thresholds} (the account's plan's limits),
 *       {@link org.auprules.drools.rules.Now} (the time of evaluation) and
 *       {@link org.auprules.drools.rules.Embargo} (the embargoed destinations).</li>
 *   <li>Facts that derivation rules insert with {@code insertLogical}:
 *       {@link org.auprules.drools.rules.BulkEmail}, {@link org.auprules.drools.rules.BulkFailure},
 *       {@link org.auprules.drools.rules.ForgedSender} and {@link org.auprules.drools.rules.DmcaCheck}.</li>
 *   <li>Functions for conditions: {@link org.auprules.drools.rules.Dates},
 *       {@link org.auprules.drools.rules.Windows}, {@link org.auprules.drools.rules.Domains} and
 *       {@link org.auprules.drools.rules.Wording#licencesOnFile}; messages are
 *       {@link org.auprules.drools.rules.MessageTemplate}s written by
 *       {@link org.auprules.drools.rules.Wording}.</li>
 * </ul>
 */
@NullMarked
package org.auprules.drools.rules;

import org.jspecify.annotations.NullMarked;
