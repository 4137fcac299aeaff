package org.auprules.ingest;

import java.util.List;
import java.util.Objects;

/**
 * A report file that was not ingested, and why. The other files of the same run still are.
 *
 * @param file     the file, as it was named to the ingestor
 * @param problems what is wrong with it; at least one
 */
public record IngestError(String file, List<String> problems) {

    public IngestError {
        Objects.requireNonNull(file, "file must not be null");
        problems = List.copyOf(problems);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an ingest error needs at least one problem");
        }
    }

    /** The error an invalid report gives. */
    static IngestError of(String file, InvalidReportException e) {
        return new IngestError(file, e.problems());
    }

    /** One line per problem: {@code file: problem}. */
    public List<String> lines() {
        return problems.stream().map(p -> file + ": " + p).toList();
    }
}
