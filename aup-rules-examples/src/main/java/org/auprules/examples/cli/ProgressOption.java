package org.auprules.examples.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --progress} / {@code --no-progress}, for the commands that can run long. */
final class ProgressOption {

    @Option(
            names = "--progress",
            negatable = true,
            description = "Show a progress line on standard error (done, rate, time left) even when it is not a "
                    + "terminal, or never with --no-progress. Default: only when standard error is a terminal. "
                    + "Standard output is never touched.")
    @Nullable
    Boolean progress;
}
