/**
 * Generated fleets of accounts for benchmarks and load tests.
 */
@NullMarked
package org.auprules.examples.bench;

import org.jspecify.annotations.NullMarked;
