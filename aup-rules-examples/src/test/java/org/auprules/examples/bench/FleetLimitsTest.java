package org.auprules.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.auprules.api.facts.FactSet;
import org.auprules.drools.internal.FactsNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The default fact limits leave room for large real fleets: 100,000 generated accounts pass them. */
class FleetLimitsTest {

    @Test
    @Timeout(60)
    void aGeneratedFleetOfAHundredThousandAccounts_isWithinTheDefaultLimits() {
        FactSet fleet = FleetGenerator.generate(100_000, 42);
        long facts = fleet.accounts().size() + fleet.accountFacts().count();
        assertThat(facts).isGreaterThan(1_000_000).isLessThan(FactsNormalizer.DEFAULT_MAX_FACTS);
        assertThat(FactsNormalizer.group(fleet).accounts()).hasSize(100_000);
    }
}
