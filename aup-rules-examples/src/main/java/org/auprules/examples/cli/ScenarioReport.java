package org.auprules.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import org.auprules.api.PolicyInfo;
import org.auprules.api.Violation;
import org.auprules.internal.PrettyJson;
import org.auprules.json.ResultJson;
import org.auprules.testing.Coverage;
import org.auprules.testing.ScenarioResult;
import org.auprules.testing.ScenarioResult.ForbiddenViolation;
import org.auprules.testing.ViolationPattern;
import org.jspecify.annotations.Nullable;

/** The output of {@code aup-rules test}: one line per scenario and the closing tally, or a JSON document. */
final class ScenarioReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** ✓ and ✗ where the output can carry them; plain words in a locale that cannot. */
    private static final boolean UNICODE = Charset.defaultCharset().newEncoder().canEncode("✓✗");

    static final String PASS = UNICODE ? "✓" : "PASS";
    static final String FAIL = UNICODE ? "✗" : "FAIL";
    static final String ERROR = UNICODE ? "!" : "ERROR";

    private ScenarioReport() {}

    /**
     * The text report: a line per scenario, each failure's difference indented below it, the
     * coverage when asked for, and {@code N passed, N failed} as the very last line.
     *
     * @param coverage    the coverage, or {@code null} when not asked for
     * @param minCoverage the minimum share of rules, or {@code null}
     */
    static String text(TestRun run, @Nullable Coverage coverage, @Nullable Double minCoverage) {
        StringBuilder sb = new StringBuilder();
        for (TestRun.Entry e : run.entries()) {
            if (e instanceof TestRun.Ran ran) {
                ScenarioResult r = ran.result();
                if (r.passed()) {
                    sb.append(PASS)
                            .append(' ')
                            .append(r.scenario().description())
                            .append('\n');
                    continue;
                }
                sb.append(FAIL)
                        .append(' ')
                        .append(r.scenario().description())
                        .append("  (")
                        .append(r.scenario().location())
                        .append(")\n");
                r.explain().lines().forEach(l -> sb.append("    ").append(l).append('\n'));
            } else if (e instanceof TestRun.Crashed crashed) {
                sb.append(FAIL)
                        .append(' ')
                        .append(crashed.scenario().description())
                        .append("  (")
                        .append(crashed.scenario().location())
                        .append(")\n");
                sb.append("    ").append(crashed.message()).append('\n');
            } else if (e instanceof TestRun.Errored broken) {
                sb.append(ERROR)
                        .append(' ')
                        .append(broken.description().isEmpty() ? broken.source() : broken.description())
                        .append('\n');
                sb.append("    ").append(broken.problem()).append('\n');
            }
        }
        if (coverage != null) {
            sb.append('\n').append(coverageText(run.policy(), run.results().size(), coverage, minCoverage));
        }
        sb.append('\n').append(run.tally()).append('\n');
        return sb.toString();
    }

    private static String coverageText(PolicyInfo policy, int scenarios, Coverage c, @Nullable Double minCoverage) {
        StringBuilder sb = new StringBuilder();
        sb.append("coverage of ")
                .append(policy.name())
                .append(' ')
                .append(policy.version())
                .append(" by ")
                .append(scenarios)
                .append(scenarios == 1 ? " scenario\n" : " scenarios\n");
        sb.append("  rules:   ")
                .append(c.coveredRules())
                .append(" of ")
                .append(c.ruleCount())
                .append(" fired (")
                .append(Coverage.percent(c.rulePercent()))
                .append(" %)\n");
        sb.append("  clauses: ")
                .append(c.coveredClauses())
                .append(" of ")
                .append(c.clauseCount())
                .append(" PROHIBITION clauses have a violating and an innocent scenario (")
                .append(Coverage.percent(c.clausePercent()))
                .append(" %)\n");
        if (!c.uncoveredRules().isEmpty()) {
            sb.append("  rules no scenario made fire:\n");
            c.uncoveredRules().forEach(r -> sb.append("    ").append(r).append('\n'));
        }
        if (!c.clauseGaps().isEmpty()) {
            sb.append(
                    "  PROHIBITION clauses lacking a violating scenario (named in expect.violations) or an innocent one "
                            + "(named in noViolations):\n");
            c.clauseGaps().forEach(g -> sb.append("    ").append(g).append('\n'));
        }
        if (minCoverage != null) {
            sb.append(
                            c.meetsRuleMinimum(minCoverage)
                                    ? "  rule coverage meets the minimum of "
                                    : "  rule coverage is below the minimum of ")
                    .append(Coverage.percent(minCoverage))
                    .append(" %\n");
        }
        return sb.toString();
    }

    /** The JSON report. */
    static String json(TestRun run, @Nullable Coverage coverage, @Nullable Double minCoverage) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode policy = root.putObject("policy");
        policy.put("name", run.policy().name());
        policy.put("version", run.policy().version());
        policy.put("digest", run.policy().digest());
        ArrayNode scenarios = root.putArray("scenarios");
        ArrayNode errors = MAPPER.createArrayNode();
        for (TestRun.Entry e : run.entries()) {
            if (e instanceof TestRun.Crashed crashed) {
                ObjectNode s = scenarios.addObject();
                s.put("description", crashed.scenario().description());
                s.put("source", crashed.source());
                s.put("path", crashed.scenario().location().path());
                s.put("line", crashed.line());
                s.put("passed", false);
                s.put("error", crashed.message());
                crashed.failure().rule().ifPresent(rule -> s.put("rule", rule));
                s.put("accountId", crashed.failure().accountId());
                continue;
            }
            if (e instanceof TestRun.Errored broken) {
                ObjectNode n = errors.addObject();
                if (!broken.description().isEmpty()) {
                    n.put("description", broken.description());
                }
                n.put("source", broken.source());
                n.put("line", broken.line());
                n.put("problem", broken.problem());
                continue;
            }
            ScenarioResult r = ((TestRun.Ran) e).result();
            ObjectNode s = scenarios.addObject();
            s.put("description", r.scenario().description());
            s.put("source", r.scenario().location().source());
            s.put("path", r.scenario().location().path());
            s.put("line", r.scenario().location().line());
            s.put("passed", r.passed());
            ArrayNode missing = s.putArray("missing");
            r.missing().forEach(p -> missing.add(pattern(p)));
            ArrayNode unexpected = s.putArray("unexpected");
            r.unexpected().forEach(v -> unexpected.add(violation(v)));
            ArrayNode forbidden = s.putArray("forbidden");
            for (ForbiddenViolation f : r.forbidden()) {
                ObjectNode n = violation(f.violation());
                n.set("forbiddenBy", pattern(f.forbiddenBy()));
                forbidden.add(n);
            }
            ArrayNode got = s.putArray("violations");
            r.result().violations().forEach(v -> got.add(violation(v)));
        }
        if (coverage != null) {
            root.set("coverage", coverage(coverage, minCoverage));
        }
        root.put("passed", run.passed());
        root.put("failed", run.failed());
        root.put("errored", run.errored());
        root.set("errors", errors);
        return PrettyJson.write(root, "the test report");
    }

    private static ObjectNode coverage(Coverage c, @Nullable Double minCoverage) {
        ObjectNode n = MAPPER.createObjectNode();
        ObjectNode rules = n.putObject("rules");
        rules.put("total", c.ruleCount());
        rules.put("covered", c.coveredRules());
        rules.put("percent", Double.parseDouble(Coverage.percent(c.rulePercent())));
        ArrayNode uncovered = rules.putArray("uncovered");
        c.uncoveredRules().forEach(r -> uncovered
                .addObject()
                .put("name", r.name())
                .put("file", r.file())
                .put("line", r.line()));
        ObjectNode clauses = n.putObject("clauses");
        clauses.put("total", c.clauseCount());
        clauses.put("covered", c.coveredClauses());
        clauses.put("percent", Double.parseDouble(Coverage.percent(c.clausePercent())));
        ArrayNode gaps = clauses.putArray("lacking");
        c.clauseGaps().forEach(g -> gaps.addObject()
                .put("clause", g.clause())
                .put("violating", g.violating())
                .put("innocent", g.innocent()));
        if (minCoverage != null) {
            n.put("minimum", minCoverage);
            n.put("meetsMinimum", c.meetsRuleMinimum(minCoverage));
        }
        return n;
    }

    private static ObjectNode pattern(ViolationPattern p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("accountId", p.accountId());
        p.clause().ifPresent(c -> n.put("clause", c));
        p.ruleId().ifPresent(r -> n.put("ruleId", r));
        p.severity().ifPresent(s -> n.put("severity", s.name()));
        p.certainty().ifPresent(c -> n.put("certainty", c.name()));
        n.put("line", p.location().line());
        return n;
    }

    private static ObjectNode violation(Violation v) {
        ObjectNode full = ResultJson.violation(v);
        ObjectNode n = MAPPER.createObjectNode();
        n.put("accountId", v.accountId());
        n.put("clause", v.clauseId());
        n.put("ruleId", v.ruleId());
        n.put("severity", v.severity().name());
        n.put("certainty", v.certainty().name());
        n.put("message", v.message());
        n.set("evidence", full.get("evidence"));
        return n;
    }
}
