/**
 * Benchmark baselines, and nothing else: the same subset of the default pack's rules written as
 * hand-written plain Java ({@link org.auprules.examples.bench.baseline.JavaBaseline}) and as Easy
 * Rules rules ({@link org.auprules.examples.bench.baseline.EasyRulesBaseline}), so that
 * {@code aup-rules bench} and the JMH {@code ThreeWayBenchmark} can compare the library with what a
 * hosting company might write instead, on the same accounts and with the same violations
 * ({@link org.auprules.examples.bench.baseline.RuleSubset} says which rules, and why those).
 *
 * <p>No command but {@code aup-rules bench} uses this package; {@code evaluate} and every other
 * part of the CLI judge accounts with the library alone. The baselines read their thresholds,
 * plans and embargo list from the pack's {@code policy.json}, as the rules do.
 */
@NullMarked
package org.auprules.examples.bench.baseline;

import org.jspecify.annotations.NullMarked;
