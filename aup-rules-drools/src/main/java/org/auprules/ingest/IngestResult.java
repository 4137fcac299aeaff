package org.auprules.ingest;

import java.util.List;
import java.util.Objects;
import org.auprules.api.facts.FactSet;

/**
 * What an ingestion produced: the facts document with the ingested facts merged in, and the files
 * that could not be ingested.
 *
 * @param facts    the input facts plus every fact of the valid report files
 * @param ingested how many report files were ingested
 * @param errors   the invalid report files, in the order they were given
 */
public record IngestResult(FactSet facts, int ingested, List<IngestError> errors) {

    /**
     * Checks the facts are there and copies the errors.
     *
     * @param facts    the input facts plus every fact of the valid report files
     * @param ingested how many report files were ingested
     * @param errors   the invalid report files, in the order they were given
     */
    public IngestResult {
        Objects.requireNonNull(facts, "facts must not be null");
        errors = List.copyOf(errors);
    }

    /**
     * Whether every report file was ingested.
     *
     * @return true when {@link #errors()} is empty
     */
    public boolean complete() {
        return errors.isEmpty();
    }

    /**
     * A report file that was not ingested, and why. The other files of the same run still are.
     *
     * @param file     the file, as it was named to the ingestor
     * @param problems what is wrong with it; at least one
     */
    public record IngestError(String file, List<String> problems) {

        /**
         * Checks the file is named and copies the problems.
         *
         * @param file     the file, as it was named to the ingestor
         * @param problems what is wrong with it; at least one
         * @throws IllegalArgumentException when {@code problems} is empty
         */
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

        /**
         * The problems as a command line prints them.
         *
         * @return one {@code file: problem} line per problem, in order
         */
        public List<String> lines() {
            return problems.stream().map(p -> file + ": " + p).toList();
        }
    }
}
