/**
 * {@code aup-rules serve}: the policy as a local HTTP service (Javalin on Jetty), for hosting tools
 * that are not written in Java. See docs/server.md.
 */
@NullMarked
package org.auprules.examples.serve;

import org.jspecify.annotations.NullMarked;
