package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.auprules.api.policy.ClauseCatalog;
import org.junit.jupiter.api.Test;

/** A parsed policy.json cannot be changed, neither through its parts nor through what it was built from. */
class PolicyDocumentTest {

    static final PolicyDocument DEFAULT =
            PolicyDocument.parse(PolicyPack.defaultPack()).document().orElseThrow();

    @Test
    void itsMapsAndSetsCannotBeChanged() {
        assertThatThrownBy(() -> DEFAULT.thresholds().put("cpuPercent", 1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> DEFAULT.plans().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(DEFAULT.plans()).isNotEmpty();
        Map<String, Number> plan = DEFAULT.plans().values().iterator().next();
        assertThatThrownBy(() -> plan.put("cpuPercent", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> DEFAULT.embargoedCountries().add("FR"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void changingWhatItWasBuiltFromChangesNothing() {
        Map<String, Number> thresholds = new LinkedHashMap<>(Map.of("b", 2));
        thresholds.put("a", 1);
        Map<String, Number> gold = new LinkedHashMap<>(Map.of("a", 5));
        Map<String, Map<String, Number>> plans = new LinkedHashMap<>(Map.of("gold", gold));
        Set<String> embargoed = new LinkedHashSet<>(List.of("KP", "IR"));
        AtomicInteger counter = new AtomicInteger(3);
        thresholds.put("c", counter);
        PolicyDocument doc =
                new PolicyDocument("p", "1", false, ClauseCatalog.of(List.of()), thresholds, plans, embargoed);

        thresholds.put("a", 100);
        gold.put("a", 100);
        plans.put("silver", Map.of());
        embargoed.add("FR");
        counter.set(99);

        assertThat(doc.thresholds())
                .containsExactly(Map.entry("b", 2), Map.entry("a", 1), Map.entry("c", new java.math.BigDecimal("3")));
        assertThat(doc.plans()).containsOnlyKeys("gold");
        assertThat(doc.plans().get("gold")).containsExactly(Map.entry("a", 5));
        assertThat(doc.embargoedCountries()).containsExactly("KP", "IR");
    }

    @Test
    void noPartIsALiveJsonTree() {
        for (RecordComponent c : PolicyDocument.class.getRecordComponents()) {
            assertThat(c.getType().getName()).as(c.getName()).doesNotStartWith("com.fasterxml");
        }
    }

    @Test
    void theFileOrderIsKept() {
        assertThat(DEFAULT.thresholds().keySet()).first().isEqualTo(firstThresholdOfTheFile());
    }

    private static String firstThresholdOfTheFile() {
        String text = PolicyPack.defaultPack().text(PolicyPack.POLICY_FILE).orElseThrow();
        int section = text.indexOf("\"thresholds\"");
        int open = text.indexOf('"', text.indexOf('{', section) + 1);
        return text.substring(open + 1, text.indexOf('"', open + 1));
    }
}
