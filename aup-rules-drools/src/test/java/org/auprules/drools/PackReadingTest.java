package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.auprules.api.PolicyProblem;
import org.junit.jupiter.api.Test;

/** A pack is read once: the compiler, the validator and every later caller share one parse of each file. */
class PackReadingTest {

    @Test
    void theDocumentIsParsedOnce_andTheCompiledPolicyHoldsThatParse() {
        PolicyPack pack = copyOfDefaultPack(Map.of());
        PolicyDocument.Parsed first = PolicyDocument.parse(pack);
        assertThat(PolicyDocument.parse(pack)).isSameAs(first);
        CompiledPolicy compiled = CompiledPolicy.compile(pack);
        assertThat(compiled.document()).isSameAs(first.document().orElseThrow());
        assertThat(compiled.signatures()).isSameAs(pack.reading().tables().signatures());
        assertThat(PolicyValidator.validate(pack).policy()).isPresent();
        assertThat(PolicyDocument.parse(pack)).isSameAs(first);
    }

    @Test
    void eachRuleFileIsOutlinedAndTokenizedOnce() {
        PolicyPack pack = copyOfDefaultPack(Map.of());
        String file = pack.ruleFiles().get(0);
        assertThat(pack.source().outline(file)).isSameAs(pack.source().outline(file));
        assertThat(pack.source().tokens(file)).isSameAs(pack.source().tokens(file));
        assertThat(pack.reading().outlines()).containsOnlyKeys(pack.ruleFiles());
        assertThat(pack.reading().outlines().get(file)).isSameAs(pack.source().outline(file));
    }

    @Test
    void aTableProblemIsFoundOnce_andReportedByTheCompilerAndTheValidatorAlike() {
        PolicyPack pack = copyOfDefaultPack(Map.of(
                "signatures.csv",
                "kind,pattern,clause,severity,certainty,description\nPROCESS,xmrig,2.21x,HIGH,CONFIRMED,miner\n"));
        assertThat(pack.reading().tableProblems())
                .map(PolicyProblem::toString)
                .containsExactly("signatures.csv:2:15: error: unknown clause `2.21x`");
        assertThat(PolicyValidator.validate(pack).errors())
                .map(PolicyProblem::toString)
                .containsExactly("signatures.csv:2:15: error: unknown clause `2.21x`");
    }

    private static PolicyPack copyOfDefaultPack(Map<String, String> replaced) {
        Map<String, String> files = new HashMap<>();
        PolicyPack.defaultPack()
                .files()
                .keySet()
                .forEach(p -> files.put(p, PolicyPack.defaultPack().text(p).orElseThrow()));
        files.putAll(replaced);
        return PolicyPack.ofFiles("copy", files);
    }
}
