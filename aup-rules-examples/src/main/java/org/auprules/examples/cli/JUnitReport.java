package org.auprules.examples.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.auprules.testing.ScenarioResult;

/**
 * {@code aup-rules test --format junit}: the run as the JUnit XML that Jenkins' JUnit plugin,
 * GitLab's {@code artifacts:reports:junit} and GitHub test-report actions read. One
 * {@code <testsuite>} per scenario file, one {@code <testcase>} per scenario with {@code file}
 * and {@code line}; a failed scenario has a {@code <failure>} listing the missing, unexpected and
 * forbidden violations, a scenario whose rule threw a {@code <failure>} naming the rule and the
 * account, and a file or scenario that could not run an {@code <error>}.
 */
final class JUnitReport {

    private JUnitReport() {}

    static String render(TestRun run) {
        Map<String, List<TestRun.Entry>> byFile = new LinkedHashMap<>();
        run.entries().forEach(e -> byFile.computeIfAbsent(e.source(), k -> new java.util.ArrayList<>())
                .add(e));
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"")
                .append(attr("aup-rules test: " + run.policy().name() + " "
                        + run.policy().version()))
                .append("\" tests=\"")
                .append(run.entries().size())
                .append("\" failures=\"")
                .append(run.failed())
                .append("\" errors=\"")
                .append(run.errored())
                .append("\" time=\"")
                .append(seconds(run.entries()))
                .append("\">\n");
        for (Map.Entry<String, List<TestRun.Entry>> file : byFile.entrySet()) {
            List<TestRun.Entry> entries = file.getValue();
            long failures = entries.stream()
                    .filter(e -> e instanceof TestRun.Crashed
                            || (e instanceof TestRun.Ran r && !r.result().passed()))
                    .count();
            long errors =
                    entries.stream().filter(TestRun.Errored.class::isInstance).count();
            String suite = className(file.getKey());
            sb.append("  <testsuite name=\"")
                    .append(attr(suite))
                    .append("\" tests=\"")
                    .append(entries.size())
                    .append("\" failures=\"")
                    .append(failures)
                    .append("\" errors=\"")
                    .append(errors)
                    .append("\" skipped=\"0\" time=\"")
                    .append(seconds(entries))
                    .append("\">\n");
            sb.append("    <properties>\n");
            property(sb, "policy.name", run.policy().name());
            property(sb, "policy.version", run.policy().version());
            property(sb, "policy.digest", run.policy().digest());
            sb.append("    </properties>\n");
            for (TestRun.Entry e : entries) {
                testcase(sb, suite, e);
            }
            sb.append("  </testsuite>\n");
        }
        sb.append("</testsuites>\n");
        return sb.toString();
    }

    private static void testcase(StringBuilder sb, String suite, TestRun.Entry e) {
        String name;
        if (e instanceof TestRun.Ran r) {
            name = r.result().scenario().description();
        } else if (e instanceof TestRun.Crashed c) {
            name = c.scenario().description();
        } else {
            TestRun.Errored broken = (TestRun.Errored) e;
            name = broken.description().isEmpty() ? fileName(broken.source()) : broken.description();
        }
        sb.append("    <testcase name=\"")
                .append(attr(name))
                .append("\" classname=\"")
                .append(attr(suite))
                .append("\" file=\"")
                .append(attr(file(e.source())))
                .append('"');
        if (e.line() > 0) {
            sb.append(" line=\"").append(e.line()).append('"');
        }
        sb.append(" time=\"")
                .append(String.format(Locale.ROOT, "%.3f", e.seconds()))
                .append('"');
        if (e instanceof TestRun.Ran r && r.result().passed()) {
            sb.append("/>\n");
            return;
        }
        sb.append(">\n");
        if (e instanceof TestRun.Ran r) {
            ScenarioResult result = r.result();
            sb.append("      <failure type=\"ScenarioFailed\" message=\"")
                    .append(attr(summary(result)))
                    .append("\">")
                    .append(text(e.source() + (e.line() > 0 ? ":" + e.line() : "") + "\n" + result.explain()))
                    .append("</failure>\n");
        } else if (e instanceof TestRun.Crashed c) {
            sb.append("      <failure type=\"RuleFailed\" message=\"")
                    .append(attr(c.message()))
                    .append("\">")
                    .append(text(c.message()))
                    .append("</failure>\n");
        } else {
            TestRun.Errored broken = (TestRun.Errored) e;
            sb.append("      <error type=\"InvalidScenario\" message=\"")
                    .append(attr(broken.problem()))
                    .append("\">")
                    .append(text(broken.problem()))
                    .append("</error>\n");
        }
        sb.append("    </testcase>\n");
    }

    /** {@code 1 missing, 1 forbidden}: what the failure message says in one line. */
    static String summary(ScenarioResult r) {
        List<String> parts = new java.util.ArrayList<>();
        if (!r.missing().isEmpty()) {
            parts.add(r.missing().size() + " missing");
        }
        if (!r.unexpected().isEmpty()) {
            parts.add(r.unexpected().size() + " unexpected");
        }
        if (!r.forbidden().isEmpty()) {
            parts.add(r.forbidden().size() + " forbidden");
        }
        return (parts.isEmpty() ? "failed" : String.join(", ", parts)) + " violation"
                + (r.missing().size() + r.unexpected().size() + r.forbidden().size() == 1 ? "" : "s");
    }

    private static void property(StringBuilder sb, String name, String value) {
        sb.append("      <property name=\"")
                .append(attr(name))
                .append("\" value=\"")
                .append(attr(value))
                .append("\"/>\n");
    }

    /** The suite's name: the file's path without {@code .json}, {@code /} as {@code .}, as CI groups classes. */
    static String className(String source) {
        String s = source.replaceFirst("^classpath:/*", "").replaceFirst("(?i)\\.json$", "");
        return s.replace('\\', '/').replaceAll("^(\\./|/)+", "").replace('/', '.');
    }

    private static String fileName(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return slash < 0 ? source : source.substring(slash + 1);
    }

    /** The file as CI annotates it: relative to the working folder when it is a file under it. */
    private static String file(String source) {
        try {
            Path p = Path.of(source);
            if (Files.isRegularFile(p) && p.isAbsolute()) {
                Path cwd = Path.of("").toAbsolutePath();
                if (p.startsWith(cwd)) {
                    return cwd.relativize(p).toString();
                }
            }
        } catch (InvalidPathException e) {
            // a classpath resource or a description: written as it is
        }
        return source;
    }

    private static String seconds(List<TestRun.Entry> entries) {
        return String.format(
                Locale.ROOT,
                "%.3f",
                entries.stream().mapToDouble(TestRun.Entry::seconds).sum());
    }

    /** Text content: XML-escaped, with characters XML 1.0 cannot hold dropped. */
    static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    if (c == '\t'
                            || c == '\n'
                            || c == '\r'
                            || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD)
                            || (c >= 0x10000 && c <= 0x10FFFF)) {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }

    /** An attribute value: escaped, quotes and line breaks as character references. */
    static String attr(String s) {
        return text(s).replace("\"", "&quot;")
                .replace("\n", "&#10;")
                .replace("\r", "&#13;")
                .replace("\t", "&#9;");
    }
}
