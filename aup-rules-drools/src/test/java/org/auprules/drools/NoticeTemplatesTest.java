package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.internal.NoticeFilesReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notice templates are checked with the pack: Mustache syntax errors and names the notice model lacks. */
class NoticeTemplatesTest {

    static final String TXT = NoticeFilesReader.TEXT_TEMPLATE;
    static final String HTML = NoticeFilesReader.HTML_TEMPLATE;

    @TempDir
    Path dir;

    static String defaultTemplate(String file) {
        return PolicyPack.defaultPack().text(file).orElseThrow();
    }

    static PolicyValidator.Validation validate(Map<String, String> changed) {
        PolicyPack pack = PolicyPack.defaultPack();
        Map<String, String> files = new LinkedHashMap<>();
        pack.files().keySet().forEach(f -> files.put(f, pack.text(f).orElseThrow()));
        files.putAll(changed);
        return PolicyValidator.validate(PolicyPack.ofFiles("t", files));
    }

    static List<String> noticeProblems(PolicyValidator.Validation v) {
        return v.problems().stream()
                .filter(p -> p.path().startsWith(NoticeFilesReader.FOLDER))
                .map(PolicyProblem::toString)
                .toList();
    }

    @Test
    void theDefaultTemplatesHaveNoProblem() {
        assertThat(noticeProblems(validate(Map.of()))).isEmpty();
    }

    @Test
    void anUnclosedSectionIsAnErrorAtItsOpeningTag() {
        // the default text template with its {{/fields}} (line 20) removed: {{#fields}} opens on line 18
        String broken = defaultTemplate(TXT).replace("{{/fields}}\n", "");
        PolicyValidator.Validation v = validate(Map.of(TXT, broken));
        assertThat(v.valid()).isFalse();
        assertThat(noticeProblems(v))
                .containsExactly("notices/notice.txt.mustache:20:1: error: `{{/observations}}` closes `observations`,"
                        + " but the section open here is `fields` (opened at 18:1): close it first with `{{/fields}}`");
        // at the end of the template, a section never closed
        PolicyValidator.Validation end = validate(Map.of(TXT, defaultTemplate(TXT) + "{{#clauses}}\n"));
        assertThat(noticeProblems(end))
                .containsExactly("notices/notice.txt.mustache:42:1: error: the section `clauses` opened here is"
                        + " never closed: add `{{/clauses}}`");
    }

    @Test
    void aMismatchedOrStrayClosingTagAndAnUnclosedTagAreErrorsWithLineAndColumn() {
        assertThat(noticeProblems(
                        validate(Map.of(HTML, "<p>{{#hasViolations}}\n  <b>{{deadline}}</b>{{/clauses}}</p>"))))
                .containsExactly("notices/notice.html.mustache:2:22: error: `{{/clauses}}` closes `clauses`, but"
                        + " the section open here is `hasViolations` (opened at 1:4): close it first with"
                        + " `{{/hasViolations}}`");
        assertThat(noticeProblems(validate(Map.of(HTML, "<p>{{accountId}}</p>\n{{/clauses}}"))))
                .containsExactly("notices/notice.html.mustache:2:1: error: `{{/clauses}}` closes `clauses`, but no"
                        + " section is open");
        assertThat(noticeProblems(validate(Map.of(TXT, "Account: {{accountId}}\nDate: {{evaluatedAt\n"))))
                .containsExactly("notices/notice.txt.mustache:2:7: error: the tag `{{evaluatedAt` is never closed:"
                        + " add `}}`");
        assertThat(noticeProblems(validate(Map.of(TXT, "{{{accountId}}\n"))))
                .containsExactly("notices/notice.txt.mustache:1:1: error: the tag `{{{accountId}}` is never closed:"
                        + " add `}}}`");
        assertThat(noticeProblems(validate(Map.of(TXT, "{{! a note\n{{accountId}}\n"))))
                .containsExactly("notices/notice.txt.mustache:1:1: error: the comment `{{! a note` runs over the tag"
                        + " at 2:1: close it with `}}` first");
    }

    @Test
    void delimitersThatAreSetAreTheOnesChecked() {
        assertThat(noticeProblems(validate(Map.of(TXT, "{{=<% %>=}}<%#clauses%><%id%><%/clauses%> {{not a tag\n"))))
                .isEmpty();
        assertThat(noticeProblems(validate(Map.of(TXT, "{{=<% %>=}}<%#clauses%><%id%><%/clause%>\n"))))
                .containsExactly("notices/notice.txt.mustache:1:30: error: `<%/clause%>` closes `clause`, but the"
                        + " section open here is `clauses` (opened at 1:12): close it first with `<%/clauses%>`");
        assertThat(noticeProblems(validate(Map.of(TXT, "{{=<% %>}}\n"))))
                .containsExactly("notices/notice.txt.mustache:1:1: error: `{{=<% %>}}` does not set delimiters:"
                        + " write `{{=<% %>=}}`, two delimiters between `=` signs");
    }

    @Test
    void aNameTheNoticeModelDoesNotGiveIsAWarningWithADidYouMean_inItsSection() {
        String txt = defaultTemplate(TXT)
                .replace("Clause {{id}} ({{heading}})", "Clause {{id}} ({{hedaing}})")
                .replace("Policy version {{policy.version}}.", "Policy version {{policy.versoin}}.");
        PolicyValidator.Validation v = validate(Map.of(TXT, txt));
        assertThat(v.errors()).isEmpty();
        assertThat(noticeProblems(v))
                .containsExactly(
                        "notices/notice.txt.mustache:11:16: warning: `{{hedaing}}` reads `hedaing`, which the notice"
                                + " model does not give here; did you mean `heading`? (it renders as nothing)",
                        "notices/notice.txt.mustache:41:16: warning: `{{policy.versoin}}` reads `versoin`, which the"
                                + " notice model does not give here; did you mean `version`? (it renders as nothing)");
        // a clause's name outside {{#clauses}} is not given there; the account's inside it is
        assertThat(noticeProblems(validate(Map.of(HTML, "{{remedy}}{{#clauses}}{{remedy}} {{accountId}}{{/clauses}}"))))
                .containsExactly("notices/notice.html.mustache:1:1: warning: `{{remedy}}` reads `remedy`, which the"
                        + " notice model does not give here; it gives policy, accountId, evaluatedAt, hasViolations,"
                        + " clauseCount, violationCount, deadline, clauses (it renders as nothing)");
        // names inside a section on an unknown name are not warned about again
        assertThat(noticeProblems(validate(Map.of(HTML, "{{#claims}}{{whatever}}{{/claims}}"))))
                .hasSize(1)
                .allMatch(p -> p.contains("reads `claims`"));
    }

    @Test
    void aPartialMustBeAFileOfTheNoticesFolder_andIsCheckedToo() {
        String txt = defaultTemplate(TXT).replace("Policy version", "{{> footer}}Policy version");
        assertThat(noticeProblems(validate(Map.of(TXT, txt))))
                .containsExactly("notices/notice.txt.mustache:41:1: error: `{{> footer}}` includes"
                        + " `notices/footer.mustache`, which is not a file of the pack's notices/ folder");
        assertThat(noticeProblems(validate(Map.of(TXT, txt, "notices/footer.mustache", "Thanks.\n"))))
                .isEmpty();
        assertThat(noticeProblems(validate(Map.of(TXT, txt, "notices/footer.mustache", "{{#a}}Thanks.\n"))))
                .containsExactly("notices/footer.mustache:1:1: error: the section `a` opened here is never closed:"
                        + " add `{{/a}}`");
        assertThat(noticeProblems(validate(Map.of(TXT, "{{> ../policy.json}}"))))
                .singleElement()
                .asString()
                .contains("which is not a file of the pack's notices/ folder");
    }

    @Test
    void aBrokenTemplateMakesThePackUncompilable_soNeitherEvaluateNorAReloadTakesIt() {
        TestPacks.copyDefaultPack(dir);
        try (ReloadingAupEvaluator live =
                ReloadingAupEvaluator.builder(dir).watch(false).build()) {
            String before = live.policy().digest();
            assertThat(live.compiledPolicy().noticeRules()).isPresent();
            TestPacks.write(dir.resolve(TXT), defaultTemplate(TXT).replace("{{/clauses}}", "{{/clause}}"));
            ReloadingAupEvaluator.Outcome outcome = live.reloadNow();
            assertThat(outcome.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.REJECTED);
            assertThat(outcome.problems())
                    .map(PolicyProblem::toString)
                    .anyMatch(p -> p.startsWith("notices/notice.txt.mustache:34:1: error: `{{/clause}}` closes"));
            assertThat(live.policy().digest()).isEqualTo(before);
            assertThat(live.compiledPolicy().noticeRules()).isPresent();
        }
        assertThatThrownBy(() -> CompiledPolicy.compile(PolicyPack.fromDirectory(dir)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("notice.txt.mustache");
    }
}
