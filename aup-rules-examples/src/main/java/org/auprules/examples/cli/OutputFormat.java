package org.auprules.examples.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Every output format a command can print, named on the command line in any case. Each command
 * says which it offers with a {@link Choice} subclass, which is at once the converter and the
 * completion candidates of its {@code --format} option:
 *
 * <pre>{@code
 * static final class Formats extends OutputFormat.Choice {
 *     Formats() { super(OutputFormat.TEXT, OutputFormat.JSON); }
 * }
 * @Option(names = "--format", converter = Formats.class, completionCandidates = Formats.class, ...)
 * }</pre>
 *
 * A new format is one constant here and one argument in the commands that print it.
 */
enum OutputFormat {
    /** For a person at a terminal. */
    TEXT,
    /** A JSON document, for scripts. */
    JSON,
    /** JSON Lines: a header line, one line per account's result, a summary line; for streams. */
    JSONL,
    /** Comma-separated values (RFC 4180), for spreadsheets. */
    CSV,
    /** One self-contained HTML page, for the abuse desk. */
    HTML,
    /** JUnit XML, as Jenkins, GitLab and GitHub test reporters read it. */
    JUNIT,
    /** SARIF 2.1.0, as code-scanning tools read it. */
    SARIF;

    /** The name as the command line writes it: lower case. */
    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return cliName();
    }

    /** The formats one command offers: its {@code --format} converter and completion candidates. */
    abstract static class Choice implements CommandLine.ITypeConverter<OutputFormat>, Iterable<String> {

        private final Set<OutputFormat> offered;

        Choice(OutputFormat first, OutputFormat... rest) {
            this.offered = EnumSet.of(first, rest);
        }

        @Override
        public OutputFormat convert(String value) {
            return find(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException(
                            "unknown format `" + value + "`; expected one of " + String.join(", ", this)));
        }

        private Optional<OutputFormat> find(String value) {
            return offered.stream()
                    .filter(f -> f.name().equalsIgnoreCase(value.strip()))
                    .findFirst();
        }

        @Override
        public Iterator<String> iterator() {
            return offered.stream().map(OutputFormat::cliName).iterator();
        }

        @Override
        public String toString() {
            return Arrays.stream(values())
                    .filter(offered::contains)
                    .map(OutputFormat::cliName)
                    .collect(Collectors.joining(", "));
        }
    }
}
