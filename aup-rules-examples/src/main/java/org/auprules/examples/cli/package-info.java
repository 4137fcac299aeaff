/**
 * The {@code aup-rules} command-line tool: one picocli command per subcommand.
 */
@NullMarked
package org.auprules.examples.cli;

import org.jspecify.annotations.NullMarked;
