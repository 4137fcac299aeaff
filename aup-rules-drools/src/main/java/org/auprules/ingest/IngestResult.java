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

    public IngestResult {
        Objects.requireNonNull(facts, "facts must not be null");
        errors = List.copyOf(errors);
    }

    /** Whether every report file was ingested. */
    public boolean complete() {
        return errors.isEmpty();
    }
}
