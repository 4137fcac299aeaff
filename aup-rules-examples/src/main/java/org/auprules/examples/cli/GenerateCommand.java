package org.auprules.examples.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.auprules.examples.bench.FleetGenerator;
import org.auprules.json.FactsJsonLines;
import org.auprules.json.FactsJsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aup-rules generate}: a synthetic fleet for benchmarks, streamed as JSON Lines. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a synthetic fleet for benchmarks to standard output, as JSON Lines.",
            "",
            "About a dozen facts per account of every common kind, about one account in twenty breaking some clause, "
                    + "all evaluated at 2026-11-28T12:00:00Z. The same seed gives the same fleet.",
            "",
            "jsonl (the default) streams one account per line after a header line, in the memory of one account; "
                    + "json builds the whole document in memory first."
        },
        footer = {
            "",
            "Examples:",
            "  aup-rules generate --accounts 3 --seed 1",
            "  aup-rules generate --accounts 1000000 --seed 1 \\",
            "      | aup-rules evaluate --format jsonl -",
            "  aup-rules generate --accounts 1000 --seed 7 --format json > fleet.json",
            "",
            "Exit codes:",
            "  0  success",
            "  2  a bad option"
        })
final class GenerateCommand implements Callable<Integer> {

    /** The form of the fleet. */
    enum Format {
        json,
        jsonl
    }

    @Option(names = "--accounts", paramLabel = "N", required = true, description = "How many accounts.")
    int accounts;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "The seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "jsonl",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (accounts < 0) {
            err.println("aup-rules: --accounts must be 0 or more, got " + accounts);
            return ExitException.INVALID_INPUT;
        }
        // standard output directly, in large writes: a million lines through an auto-flushing writer
        // would cost a system call each
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try {
            if (format == Format.json) {
                out.write(FactsJsonWriter.write(FleetGenerator.generate(accounts, seed)));
            } else {
                out.write(FactsJsonLines.writeHeader(FleetGenerator.EVALUATED_AT));
                out.write('\n');
                int[] written = {0};
                FleetGenerator.forEachAccount(accounts, seed, account -> {
                    try {
                        out.write(FactsJsonLines.writeLine(account));
                        out.write('\n');
                        // System.out keeps write errors to itself: ask it, so a closed pipe stops the fleet
                        if (++written[0] % 1000 == 0) {
                            out.flush();
                            if (System.out.checkError()) {
                                throw new IOException("standard output is closed");
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            out.flush();
            return ExitException.OK;
        } catch (IOException | UncheckedIOException e) {
            // a reader that stops early (head, a failed evaluate) closes the pipe: nothing to report
            return ExitException.OK;
        }
    }
}
