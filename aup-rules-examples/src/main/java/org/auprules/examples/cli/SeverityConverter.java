package org.auprules.examples.cli;

import org.auprules.api.Severity;
import picocli.CommandLine;

/** Parses a severity name, any case, with a message that lists the valid ones. */
final class SeverityConverter implements CommandLine.ITypeConverter<Severity> {

    @Override
    public Severity convert(String value) {
        return Severity.parse(value)
                .orElseThrow(() -> new CommandLine.TypeConversionException(
                        "unknown severity `" + value + "`; expected one of LOW, MEDIUM, HIGH, CRITICAL"));
    }
}
