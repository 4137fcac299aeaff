package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code aup-rules test} reports everything it can: a rule that throws fails the scenario that
 * triggered it and the run goes on; {@code --format junit} is JUnit XML a CI server reads.
 */
class TestReportsTest {

    /** A pack whose one extra rule throws for any process named `boom`. */
    private static Path packWithAThrowingRule(Path dir) throws Exception {
        Path pack = dir.resolve("pack");
        assertThat(CliRun.of("init-pack", pack.toString()).code()).isZero();
        Files.writeString(pack.resolve("rules/broken.drl"), """
                package rules;
                import org.auprules.api.facts.*;
                import org.auprules.drools.rules.*;
                global Findings findings;

                rule "2.12 process that explodes"
                    @clause("2.12") @severity("HIGH") @message("{$p} exploded")
                when
                    $p : HostedProcess( name == "boom" )
                then
                    int n = Integer.parseInt($p.name());
                    findings.violation(kcontext, $p);
                end
                """);
        return pack;
    }

    private static final String EXPLODES = """
            {"description": "a process named boom",
             "facts": {"accounts": [{"id": "acc-boom"}],
                       "processes": [{"id": "p-1", "accountId": "acc-boom", "pid": 1, "name": "boom"}]},
             "expect": {"exactly": true}}""";

    @Test
    void aRuleThatThrows_failsItsScenario_namingRuleAndAccount_andTheRunGoesOn(@TempDir Path dir) throws Exception {
        Path pack = packWithAThrowingRule(dir);
        Path boom = TestCommandTest.write(dir, "s/a-boom.json", EXPLODES);
        TestCommandTest.write(dir, "s/b-fine.json", TestCommandTest.PASSING);

        CliRun run =
                CliRun.of("test", "--policy", pack.toString(), dir.resolve("s").toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.lines())
                .containsSubsequence(
                        ScenarioReport.FAIL + " a process named boom  (" + boom + ":1)",
                        "    rule `2.12 process that explodes` failed while judging account `acc-boom`: "
                                + "NumberFormatException: For input string: \"boom\"",
                        ScenarioReport.PASS + " a purchased list is spam under 1.A.5",
                        "",
                        "1 passed, 1 failed");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void junit_isOneTestcasePerScenario_withFileLineAndTheFailures(@TempDir Path dir) throws Exception {
        Path pack = packWithAThrowingRule(dir);
        Path s = dir.resolve("s");
        TestCommandTest.write(dir, "s/a-boom.json", EXPLODES);
        TestCommandTest.write(dir, "s/b-fine.json", TestCommandTest.PASSING);
        TestCommandTest.write(dir, "s/c-failing.json", TestCommandTest.FAILING);
        TestCommandTest.write(dir, "s/d-broken.json", "{\"description\": ");

        CliRun run = CliRun.of("test", "--format", "JUnit", "--policy", pack.toString(), s.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("4");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).as("one testsuite per file").isEqualTo(4);
        List<Element> cases = elements(root.getElementsByTagName("testcase"));
        assertThat(cases).hasSize(4);
        assertThat(cases)
                .extracting(c -> c.getAttribute("name"))
                .containsExactly(
                        "a process named boom",
                        "a purchased list is spam under 1.A.5",
                        "a purchased list is spam",
                        "d-broken.json");
        assertThat(cases)
                .extracting(c -> c.getAttribute("file"))
                .containsExactly(
                        s.resolve("a-boom.json").toString(),
                        s.resolve("b-fine.json").toString(),
                        s.resolve("c-failing.json").toString(),
                        s.resolve("d-broken.json").toString());
        assertThat(cases).allSatisfy(c -> assertThat(c.getAttribute("line")).isEqualTo("1"));
        assertThat(cases.get(1).getChildNodes().getLength())
                .as("a pass has no child")
                .isZero();

        Element crashed = (Element) cases.get(0).getElementsByTagName("failure").item(0);
        assertThat(crashed.getAttribute("message"))
                .isEqualTo("rule `2.12 process that explodes` failed while judging account `acc-boom`: "
                        + "NumberFormatException: For input string: \"boom\"");

        Element failure = (Element) cases.get(2).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("1 missing, ").endsWith("1 forbidden violations");
        assertThat(failure.getTextContent())
                .contains("missing     1.A.2")
                .contains("forbidden   1.A.3")
                .contains("acc-2")
                .contains("1.A.2");
        assertThat(cases.get(3).getElementsByTagName("error").item(0).getTextContent())
                .startsWith(s.resolve("d-broken.json") + ":1:17: malformed JSON");
        // stderr still names the broken file, for a person reading the CI log
        assertThat(run.err()).contains(s.resolve("d-broken.json") + ":1:17: malformed JSON");
    }

    @Test
    void junit_escapesWhatXmlCannotHoldAsIs() {
        assertThat(JUnitReport.attr("a \"b\" <c> & d\ne")).isEqualTo("a &quot;b&quot; &lt;c&gt; &amp; d&#10;e");
        assertThat(JUnitReport.text("bell\u0007 <x>")).isEqualTo("bell &lt;x&gt;");
        assertThat(JUnitReport.className("classpath:org/auprules/packs/entrecloud/scenarios/spam.json"))
                .isEqualTo("org.auprules.packs.entrecloud.scenarios.spam");
        assertThat(JUnitReport.className("/tmp/my-pack/scenarios/spam.json")).isEqualTo("tmp.my-pack.scenarios.spam");
    }

    @Test
    void aPackWithSeveralErrors_namesThemAll_inTestAndEvaluate_asValidateDoes(@TempDir Path dir) throws Exception {
        Path pack = dir.resolve("pack");
        assertThat(CliRun.of("init-pack", pack.toString()).code()).isZero();
        Files.writeString(pack.resolve("rules/boom.drl"), """
                package rules;

                import org.auprules.api.facts.*;

                global org.auprules.drools.rules.Findings findings;

                rule "2.12 process that explodes"
                when
                    $p : HostedProcess( name == "boom" )
                then
                    findings.violation(kcontext, $p);
                end
                """);
        String noMessage = pack + "/rules/boom.drl:7:1: error: rule `2.12 process that explodes`: calls "
                + "`findings.violation` but has no @message";
        String noClause = pack + "/rules/boom.drl:7:1: error: rule `2.12 process that explodes`: reports a "
                + "violation with `findings.violation` but has no @clause";
        CliRun validate = CliRun.of("validate", pack.toString());
        assertThat(validate.code()).isEqualTo(3);
        for (CliRun run : List.of(
                CliRun.of("test", "--policy", pack.toString(), "samples/scenarios"),
                CliRun.of("evaluate", "--no-cache", "--policy", pack.toString(), "samples/fleet.json"))) {
            assertThat(run.code()).as(run.toString()).isEqualTo(3);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().lines())
                    .as(run.toString())
                    .hasSize(3)
                    .anyMatch(l -> l.startsWith(noMessage))
                    .anyMatch(l -> l.startsWith(noClause));
        }
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }
}
