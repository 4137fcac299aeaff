package org.auprules.drools;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.auprules.api.Violation;
import org.auprules.json.FactsJson;

/**
 * Facts of one account, {@code acc-1}, evaluated at {@code 2026-11-28T12:00:00Z} against the
 * default pack, compiled once for every test that uses it.
 */
final class OneAccount {

    static final DroolsAupEvaluator EVALUATOR =
            DroolsAupEvaluator.builder().defaultPolicy().build();

    private OneAccount() {}

    /** The violations of {@code acc-1} given the fact lists of an input document, e.g. {@code "processes": [...]}. */
    static List<Violation> violations(String factLists) {
        String json = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-basic", "country": "US", "status": "ACTIVE"}],
                """ + factLists + "}";
        return EVALUATOR.evaluate(FactsJson.read(json, null)).violations();
    }

    /** The violations of one process {@code p-1}, pid 4242. */
    static List<Violation> ofProcess(String name, String commandLine, int... ports) {
        return violations("""
                "processes": [{"id": "p-1", "accountId": "acc-1", "pid": 4242, "name": "%s", "commandLine": "%s",
                               "cpuPercent": 1.0, "memoryMb": 50, "runtimeSeconds": 600, "listeningPorts": [%s]}]
                """.formatted(
                        json(name),
                        json(commandLine),
                        Arrays.stream(ports).mapToObj(String::valueOf).collect(Collectors.joining(", "))));
    }

    /** The violations of one file {@code f-1} with this malware scanner signature. */
    static List<Violation> ofScannerSignature(String signature) {
        return violations("""
                "files": [{"id": "f-1", "accountId": "acc-1", "path": "/home/acc1/public_html/x.php",
                           "sizeBytes": 4096, "mimeType": "text/x-php", "scannerSignature": "%s"}]
                """.formatted(json(signature)));
    }

    /** The violations of one site {@code w-1} with this software installed. */
    static List<Violation> ofSoftware(String installed) {
        return violations("""
                "websites": [{"id": "w-1", "accountId": "acc-1", "domain": "shop.example",
                              "installedSoftware": ["WordPress 6.4", "%s"]}]
                """.formatted(json(installed)));
    }

    /** The rule ids of the violations. */
    static List<String> ruleIds(List<Violation> violations) {
        return violations.stream().map(Violation::ruleId).toList();
    }

    /** The clause ids of the violations, in output order. */
    static List<String> clauses(List<Violation> violations) {
        return violations.stream().map(Violation::clauseId).toList();
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
