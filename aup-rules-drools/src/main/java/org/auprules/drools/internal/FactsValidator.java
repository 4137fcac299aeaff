package org.auprules.drools.internal;

import java.util.Objects;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.facts.FactSet;

/**
 * Checks facts against the contract of docs/contract.md without evaluating them: unique ids, every fact
 * bound to an account of {@code accounts}. Tools that load many inputs up front (scenario files)
 * use it to report every broken file before anything runs.
 *
 * <pre>{@code
 * FactsValidator.validate(FactsJson.read(Path.of("facts.json")));
 * }</pre>
 */
public final class FactsValidator {

    private FactsValidator() {}

    /**
     * Checks the facts as {@code DroolsAupEvaluator.evaluate(FactSet)} would before evaluating.
     *
     * @param facts the facts to check
     * @throws InvalidFactsException naming the JSON path of the first fact that breaks the contract
     */
    public static void validate(FactSet facts) {
        FactsNormalizer.group(Objects.requireNonNull(facts, "facts must not be null"));
    }
}
