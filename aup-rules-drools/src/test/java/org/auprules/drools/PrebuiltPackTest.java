package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.internal.KieBaseArchive;
import org.auprules.json.FactsJson;
import org.auprules.json.ResultJson;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.KiePackage;

/**
 * The default pack loaded pre-built judges exactly as the default pack compiled, and an archive
 * that is not of the pack being loaded, or not intact, is never taken: the pack compiles instead.
 */
class PrebuiltPackTest {

    static final Path FLEET = Path.of("../aup-rules-examples/samples/fleet.json");
    static final PolicyPack PACK = PolicyPack.defaultPack();
    /** The archive the build writes: the default pack's packages from a clean, sandboxed compile. */
    static final byte[] ARCHIVE = archiveOf(PACK);

    static byte[] archiveOf(PolicyPack pack) {
        List<KiePackage> compiled = new ArrayList<>();
        PolicyCompiler.Compilation c = PolicyCompiler.compile(
                pack, false, CompiledPolicy.Cache.of(PrebuiltPack.absent(), null), compiled::addAll);
        assertThat(c.succeeded()).as("%s", c.problems()).isTrue();
        assertThat(compiled).isNotEmpty();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            KieBaseArchive.write(compiled, pack.digest(), out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static CompiledPolicy load(PolicyPack pack, byte[] archive) {
        return PolicyCompiler.compileOrThrow(
                pack, false, CompiledPolicy.Cache.of(PrebuiltPack.of(archive, "test archive"), null));
    }

    @Test
    void preBuiltDefaultPack_givesTheVerdictsOfAFreshCompile_onTheSampleFleet() {
        CompiledPolicy prebuilt = load(PACK, ARCHIVE);
        CompiledPolicy compiled =
                PolicyCompiler.compileOrThrow(PACK, false, CompiledPolicy.Cache.of(PrebuiltPack.absent(), null));
        assertThat(prebuilt.loadedPrecompiled()).isTrue();
        assertThat(compiled.loadedPrecompiled()).isFalse();

        FactSet fleet = FactsJson.read(FLEET);
        String fromArchive = ResultJson.write(
                DroolsAupEvaluator.builder().compiledPolicy(prebuilt).build().evaluate(fleet));
        String fromDrl = ResultJson.write(
                DroolsAupEvaluator.builder().compiledPolicy(compiled).build().evaluate(fleet));
        assertThat(fromArchive).isEqualTo(fromDrl).contains("\"violations\"");
        assertThat(prebuilt.rules()).isEqualTo(compiled.rules()).isNotEmpty();
        assertThat(prebuilt.warnings()).isEqualTo(compiled.warnings());
        assertThat(prebuilt.info()).isEqualTo(compiled.info());
    }

    @Test
    void archiveOfAnotherDigest_isNotTaken_andThePackCompiles() {
        Map<String, String> texts = new TreeMap<>();
        PACK.files().keySet().forEach(f -> texts.put(f, PACK.text(f).orElseThrow()));
        texts.put("rules/zz-extra.drl", "package rules;\n// a new file: a new digest\n");
        PolicyPack changed = PolicyPack.ofFiles("classpath:" + PolicyPack.DEFAULT_PACK_RESOURCE, texts);
        assertThat(changed.digest()).isNotEqualTo(PACK.digest());

        CompiledPolicy policy = load(changed, ARCHIVE);

        assertThat(policy.loadedPrecompiled()).isFalse();
        assertThat(policy.info().digest()).isEqualTo(changed.digest());
        assertThat(policy.rules()).hasSameSizeAs(load(PACK, ARCHIVE).rules());
    }

    @Test
    void alteredArchive_isNotTaken() {
        byte[] flipped = ARCHIVE.clone();
        flipped[flipped.length / 2] ^= 0x20;
        byte[] truncated = java.util.Arrays.copyOf(ARCHIVE, ARCHIVE.length - 100);

        assertThat(PrebuiltPack.of(flipped, "flipped").find(PACK)).isEmpty();
        assertThat(PrebuiltPack.of(truncated, "truncated").find(PACK)).isEmpty();
        assertThat(PrebuiltPack.of(ARCHIVE, "intact").find(PACK).orElseThrow()).isNotEmpty();
        assertThat(PrebuiltPack.absent().find(PACK)).isEmpty();
    }

    @Test
    void trustedPack_compilesUnsandboxed_withoutTheArchive_andSandboxedWithIt() {
        Map<String, String> texts = new TreeMap<>();
        PACK.files().keySet().forEach(f -> texts.put(f, PACK.text(f).orElseThrow()));
        texts.put(
                PolicyPack.POLICY_FILE,
                texts.get(PolicyPack.POLICY_FILE).replace("\"trusted\": false", "\"trusted\": true"));
        PolicyPack trusted = PolicyPack.ofFiles("trusted-copy", texts);
        assertThat(trusted.digest()).isNotEqualTo(PACK.digest());
        byte[] archive = archiveOf(trusted);

        CompiledPolicy allowed = PolicyCompiler.compileOrThrow(
                trusted, true, CompiledPolicy.Cache.of(PrebuiltPack.of(archive, "t"), null));
        CompiledPolicy sandboxed = PolicyCompiler.compileOrThrow(
                trusted, false, CompiledPolicy.Cache.of(PrebuiltPack.of(archive, "t"), null));

        assertThat(allowed.trusted()).isTrue();
        assertThat(allowed.loadedPrecompiled()).isFalse();
        assertThat(sandboxed.trusted()).isFalse();
        assertThat(sandboxed.loadedPrecompiled()).isTrue();
    }
}
