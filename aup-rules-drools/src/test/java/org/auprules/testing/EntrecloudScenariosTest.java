package org.auprules.testing;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The default pack's own suite: every scenario file in its {@code scenarios/} folder becomes one
 * dynamic test per scenario. This is the pattern docs/policy-testing.md documents.
 */
class EntrecloudScenariosTest {

    static final Path SCENARIOS = Path.of("src/main/resources/org/auprules/packs/entrecloud/scenarios");
    static final ScenarioRunner RUNNER = ScenarioRunner.of(CompiledPolicy.compile(PolicyPack.defaultPack()));

    @TestFactory
    Stream<DynamicTest> everyScenarioOfTheDefaultPack() {
        return ScenarioReader.read(SCENARIOS).stream()
                .map(s -> DynamicTest.dynamicTest(
                        s.description(), s.location().uri().orElse(null), () -> RUNNER.run(s)
                                .assertPassed()));
    }
}
