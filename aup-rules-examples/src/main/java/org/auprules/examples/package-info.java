/**
 * Runnable examples of embedding aup-rules in a Java program.
 */
@NullMarked
package org.auprules.examples;

import org.jspecify.annotations.NullMarked;
