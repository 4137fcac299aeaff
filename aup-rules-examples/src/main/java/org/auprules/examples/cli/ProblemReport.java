package org.auprules.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.auprules.api.PolicyProblem;
import org.auprules.internal.PrettyJson;

/**
 * The problems of {@code aup-rules validate} for machines: a JSON document for scripts, and
 * SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps), one result per problem with its
 * rule id, level and region, so the DRL line gets the annotation.
 */
final class ProblemReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * What kind of problem a message is: a stable id for SARIF's {@code ruleId}, and what the
     * kind means. The message is searched (it may start with the rule's name); the first kind
     * that matches wins, and the last ones catch the rest by file.
     */
    record Kind(String id, String description, Pattern message, Pattern path) {}

    static final List<Kind> KINDS = List.of(
            kind("drl-syntax", "The DRL text does not parse.", "(syntax error|the file cannot be parsed as DRL)", ""),
            kind("unknown-clause", "A rule or row cites a clause id the catalog lacks.", "unknown clause `", ""),
            kind(
                    "not-a-prohibition",
                    "A rule or row cites a clause that is not a PROHIBITION.",
                    "clause `[^`]+` is [A-Z]+, not a PROHIBITION",
                    ""),
            kind(
                    "unenforced-clause",
                    "A PROHIBITION clause that no rule and no table row cites.",
                    "nothing enforces it$",
                    ""),
            kind("unknown-field", "A condition names a field its fact type lacks.", "unknown field `", ""),
            kind("unknown-value", "A misspelt enumeration value.", "unknown value `", ""),
            kind("unknown-fact-type", "A misspelt fact type.", "unknown fact type `", ""),
            kind("consequence", "The Java after `then` does not compile.", "in the consequence: ", ""),
            kind("duplicate-rule", "Two rules of a package share a name.", "duplicate rule name `", ""),
            kind(
                    "metadata",
                    "Missing, unknown or malformed rule metadata (@clause, @severity, @certainty, @message).",
                    "(@severity|@clause|@message|@certainty|@note|unknown severity|unknown certainty|unknown metadata"
                            + "|unknown binding)",
                    ""),
            kind(
                    "sandbox",
                    "A rule uses what an untrusted pack may not.",
                    "not allowed (in an untrusted pack|in metadata)",
                    ""),
            kind(
                    "runaway-rule",
                    "A rule that may re-activate itself or join patterns without constraints.",
                    "(without no-loop or lock-on-active|without constraints)",
                    ""),
            kind("compile", "Another problem in a condition.", "cannot compile `", ""),
            kind("malformed-json", "policy.json is not valid JSON.", "malformed JSON", ""),
            kind("threshold", "A threshold is missing, unknown or out of range.", "threshold", ""),
            kind("policy-json", "Another problem of policy.json.", "", "^policy\\.json$"),
            kind("table-row", "A bad row of signatures.csv.", "", "\\.csv$"),
            kind("rule-file", "Another problem of a rule file.", "", "\\.drl$"),
            kind("pack", "Another problem of the pack.", "", ""));

    private static Kind kind(String id, String description, String message, String path) {
        return new Kind(id, description, Pattern.compile(message), Pattern.compile(path));
    }

    private ProblemReport() {}

    /** The kind of a problem. */
    static Kind kindOf(PolicyProblem p) {
        return KINDS.stream()
                .filter(k -> k.message().matcher(p.message()).find()
                        && k.path().matcher(p.path()).find())
                .findFirst()
                .orElseThrow();
    }

    /** The problem's file as the user named the pack: {@code DIR/rules/x.drl}, {@code /} separated. */
    static String file(Path dir, PolicyProblem p) {
        return dir.resolve(p.path()).normalize().toString().replace('\\', '/');
    }

    /** The JSON for scripts: the verdict, the counts and every problem. */
    static String json(Path dir, boolean valid, List<PolicyProblem> problems, int errors, int warnings) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("pack", dir.toString());
        root.put("valid", valid);
        root.put("errors", errors);
        root.put("warnings", warnings);
        ArrayNode list = root.putArray("problems");
        for (PolicyProblem p : problems) {
            ObjectNode n = list.addObject();
            n.put("file", file(dir, p));
            n.put("path", p.path());
            n.put("line", p.line());
            n.put("column", p.column());
            n.put("level", p.isError() ? "error" : "warning");
            n.put("rule", kindOf(p).id());
            n.put("message", p.message());
        }
        return PrettyJson.write(root, "the validation report");
    }

    /**
     * SARIF 2.1.0: one run of the tool, its rules the kinds that occur, one result per problem.
     * A relative DIR gives URIs relative to the working folder (the repository root, in CI) under
     * the {@code %SRCROOT%} base; an absolute one gives {@code file:} URIs.
     */
    static String sarif(Path dir, List<PolicyProblem> problems, String version) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "aup-rules");
        driver.put("version", version);
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<Kind> used = new ArrayList<>();
        for (PolicyProblem p : problems) {
            Kind k = kindOf(p);
            if (!ruleIndex.containsKey(k.id())) {
                ruleIndex.put(k.id(), used.size());
                used.add(k);
            }
        }
        ArrayNode rules = driver.putArray("rules");
        for (Kind k : used) {
            ObjectNode r = rules.addObject();
            r.put("id", k.id());
            r.putObject("shortDescription").put("text", k.description());
            r.putObject("help").put("text", "See docs/analyst-guide.md, section \"Every validator message\".");
        }
        boolean relative = !dir.isAbsolute();
        if (relative) {
            run.putObject("originalUriBaseIds")
                    .putObject("%SRCROOT%")
                    .put("uri", Path.of("").toAbsolutePath().toUri().toString());
        }
        ArrayNode results = run.putArray("results");
        for (PolicyProblem p : problems) {
            Kind k = kindOf(p);
            ObjectNode r = results.addObject();
            r.put("ruleId", k.id());
            r.put("ruleIndex", ruleIndex.get(k.id()));
            r.put("level", p.isError() ? "error" : "warning");
            r.putObject("message").put("text", p.message());
            ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
            ObjectNode artifact = physical.putObject("artifactLocation");
            if (relative) {
                artifact.put("uri", file(dir, p));
                artifact.put("uriBaseId", "%SRCROOT%");
            } else {
                artifact.put("uri", dir.resolve(p.path()).normalize().toUri().toString());
            }
            if (p.line() > 0) {
                ObjectNode region = physical.putObject("region");
                region.put("startLine", p.line());
                if (p.column() > 0) {
                    region.put("startColumn", p.column());
                }
            }
        }
        return PrettyJson.write(root, "the SARIF report");
    }
}
