package org.auprules.examples.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.auprules.api.EvaluationResult;
import org.auprules.api.PolicyProblem;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.internal.NoticeFilesReader;
import org.auprules.drools.internal.NoticeTemplates;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The template check of {@code validate} agrees with what renders: the model it checks names
 * against is the one the renderer builds, and every template mustache.java refuses to compile is
 * an error of the check.
 */
class NoticeTemplatesAgreementTest {

    @Test
    void theModelTheCheckKnowsIsTheModelTheRendererBuilds() {
        CompiledPolicy policy = CompiledPolicy.compile(PolicyPack.defaultPack());
        FactSet facts = FactsJson.read(Path.of("samples/desk/desk.json"));
        EvaluationResult result =
                DroolsAupEvaluator.builder().compiledPolicy(policy).build().evaluate(facts);
        Map<String, Object> scope =
                NoticeRenderer.of(policy).scope(facts, result, "acc-mailer", result.violationsOf("acc-mailer"));
        assertThat(names(scope)).isEqualTo(names(NoticeTemplates.MODEL));
        assertThat(names(scope)).containsKey("clauses.observations.fields.value");
    }

    /** Every name of a model, dotted from the top, each list's elements merged. */
    private static Map<String, Boolean> names(Object model) {
        Map<String, Boolean> out = new TreeMap<>();
        walk("", model, out);
        return out;
    }

    private static void walk(String prefix, Object node, Map<String, Boolean> out) {
        if (node instanceof NoticeTemplates.Scope s) {
            s.names().forEach((k, v) -> {
                out.put(prefix + k, true);
                walk(prefix + k + ".", v, out);
            });
        } else if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                out.put(prefix + k, true);
                walk(prefix + k + ".", v, out);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(e -> walk(prefix, e, out));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{{#clauses}}{{id}}",
                "{{#clauses}}{{id}}{{/clause}}",
                "{{/clauses}}",
                "{{accountId",
                "{{{accountId}}",
                "{{}}",
                "{{#hasViolations}}{{#clauses}}{{/hasViolations}}{{/clauses}}",
                "{{$block}}x",
                "{{> missing}}",
                "{{<missing}}{{/missing}}",
                "line one\n  {{#clauses}}\n{{/actions}}"
            })
    void everyTemplateMustacheRefusesIsAnErrorOfTheCheck(String template) {
        boolean refused;
        try {
            new DefaultMustacheFactory(name -> null)
                    .compile(new StringReader(template), NoticeFilesReader.TEXT_TEMPLATE);
            refused = false;
        } catch (MustacheException e) {
            refused = true;
        }
        assertThat(refused).as("mustache.java refuses %s", template).isTrue();
        List<PolicyProblem> problems =
                NoticeTemplates.check(NoticeFilesReader.TEXT_TEMPLATE, template, p -> Optional.empty());
        assertThat(problems).as(template).anyMatch(PolicyProblem::isError);
    }

    @Test
    void theDefaultTemplatesCompileAndPassTheCheck() {
        PolicyPack pack = PolicyPack.defaultPack();
        for (String file : new TreeSet<>(List.of(NoticeFilesReader.TEXT_TEMPLATE, NoticeFilesReader.HTML_TEMPLATE))) {
            String text = pack.text(file).orElseThrow();
            new DefaultMustacheFactory().compile(new StringReader(text), file);
            assertThat(NoticeTemplates.check(file, text, pack::text)).as(file).isEmpty();
        }
    }
}
