/**
 * {@code aup-rules stream}: continuous evaluation on Kafka Streams, partitioned by account id.
 * Fact events and account records come in keyed by account id, a per-account state store keeps
 * what the rules need, every change re-evaluates the account, and the output topic receives
 * {@code OPENED}, {@code CHANGED} and {@code RESOLVED} violation events. docs/scale-out.md has the
 * topology, the topics and the sizing.
 */
@NullMarked
package org.auprules.examples.stream;

import org.jspecify.annotations.NullMarked;
