package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultPackBuildTest {

    @Test
    void defaultPackCompilesWithoutAnyDroolsWarning() {
        PolicyCompiler.Compilation c = PolicyCompiler.compile(PolicyPack.defaultPack());
        assertThat(c.problems()).isEmpty();
        assertThat(c.succeeded()).isTrue();
    }
}
