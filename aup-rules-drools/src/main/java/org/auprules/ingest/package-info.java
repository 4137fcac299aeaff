/**
 * Turns abuse reports as they arrive into facts: X-ARF v4 JSON reports and ARF feedback-loop mails.
 * {@link org.auprules.ingest.ReportIngestor} reads a batch of files, attributes each report to the
 * account that owns what it names, verifies a report only by proof that one of the pack's {@link
 * org.auprules.drools.TrustedReporters} sent it (a DKIM signature aligned with that reporter, or a
 * channel the embedder declares authenticated), and merges the facts into a facts document,
 * reporting each invalid file on its own.
 *
 * <pre>{@code
 * IngestResult result = ReportIngestor.builder()
 *         .facts(FactsJson.read(Path.of("accounts.json")))
 *         .trustedReporters(TrustedReporters.of(PolicyPack.defaultPack()))
 *         .build()
 *         .ingest(ReportFormat.ARF, List.of(Path.of("fbl-report.eml")));
 * EvaluationResult verdict = evaluator.evaluate(result.facts());
 * }</pre>
 */
@NullMarked
package org.auprules.ingest;

import org.jspecify.annotations.NullMarked;
