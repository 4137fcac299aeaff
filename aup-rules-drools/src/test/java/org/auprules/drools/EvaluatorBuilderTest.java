package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The evaluator's builder takes exactly one policy, and says so when given a second. */
class EvaluatorBuilderTest {

    static final CompiledPolicy POLICY = CompiledPolicy.compile(PolicyPack.defaultPack());
    static final String ONCE = "; call only one of defaultPolicy(), policyPack(...) or compiledPolicy(...), once, "
            + "or use a new builder";

    @Test
    void aPackAfterACompiledPolicy_isRefused() {
        DroolsAupEvaluator.Builder b = DroolsAupEvaluator.builder().compiledPolicy(POLICY);
        assertThatThrownBy(() -> b.policyPack(PolicyPack.defaultPack()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a policy was already chosen with compiledPolicy(policy)" + ONCE);
    }

    @Test
    void theDefaultPolicyTwice_isRefused() {
        DroolsAupEvaluator.Builder b = DroolsAupEvaluator.builder().defaultPolicy();
        assertThatThrownBy(b::defaultPolicy)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a policy was already chosen with defaultPolicy()" + ONCE);
    }

    @Test
    void aFolderAfterAPack_isRefusedBeforeTheFolderIsRead() {
        DroolsAupEvaluator.Builder b = DroolsAupEvaluator.builder().policyPack(PolicyPack.defaultPack());
        assertThatThrownBy(() -> b.policyPack(Path.of("no-such-folder")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a policy was already chosen with policyPack(pack)" + ONCE);
        assertThatThrownBy(() -> b.compiledPolicy(POLICY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("a policy was already chosen with policyPack(pack);");
    }

    @Test
    void oneChoice_builds() {
        assertThat(DroolsAupEvaluator.builder().compiledPolicy(POLICY).build().compiledPolicy())
                .isSameAs(POLICY);
        assertThat(DroolsAupEvaluator.builder().defaultPolicy().build().policy())
                .isEqualTo(POLICY.info());
    }

    @Test
    void noChoice_isRefused() {
        assertThatThrownBy(() -> DroolsAupEvaluator.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no policy chosen: call defaultPolicy() or policyPack(folder) before build()");
    }
}
