package org.auprules.testing;

import java.util.Objects;
import org.auprules.api.facts.FactSet;

/**
 * One policy test: facts in, the clauses expected out. Scenario files (FACTS.md) hold one or an
 * array of them; {@link ScenarioReader} reads them and {@link ScenarioRunner} runs them.
 *
 * @param description what the scenario shows, one line, e.g. {@code IRC daemon on a shared plan is prohibited content}
 * @param facts       the input document
 * @param expect      what must and must not come out
 * @param location    where the scenario is written
 */
public record Scenario(String description, FactSet facts, Expectation expect, SourceLocation location) {

    public Scenario {
        Objects.requireNonNull(description, "description must not be null");
        Objects.requireNonNull(facts, "facts must not be null");
        Objects.requireNonNull(expect, "expectation must not be null");
        Objects.requireNonNull(location, "location must not be null");
    }
}
