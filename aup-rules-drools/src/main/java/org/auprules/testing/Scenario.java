package org.auprules.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.auprules.api.facts.FactSet;

/**
 * One policy test: facts in, the clauses expected out. Scenario files (docs/policy-testing.md) hold one or an
 * array of them; {@link ScenarioReader} reads them and {@link ScenarioRunner} runs them.
 *
 * @param description what the scenario shows, one line, e.g. {@code IRC daemon on a shared plan is prohibited content}
 * @param facts       the input document
 * @param expect      what must and must not come out
 * @param location    where the scenario is written
 */
public record Scenario(String description, FactSet facts, Expectation expect, SourceLocation location) {

    /**
     * A scenario; every part is required.
     *
     * @param description what the scenario shows, one line
     * @param facts       the input document
     * @param expect      what must and must not come out
     * @param location    where the scenario is written; {@link SourceLocation#inCode(String)} for one built in Java
     */
    public Scenario {
        Objects.requireNonNull(description, "description must not be null");
        Objects.requireNonNull(facts, "facts must not be null");
        Objects.requireNonNull(expect, "expectation must not be null");
        Objects.requireNonNull(location, "location must not be null");
    }

    /**
     * Where something was written in a scenario file: the file, the JSON path inside it and its line.
     *
     * @param source the file name, or a description such as {@code classpath:…/scenarios/spam.json}
     * @param path   the JSON path of the value, e.g. {@code $[2].expect.violations[0]}
     * @param line   the 1-based line, or 0 when unknown
     * @param column the 1-based column, or 0 when unknown
     */
    public record SourceLocation(String source, String path, int line, int column) {

        /**
         * A location; the source and the path are required.
         *
         * @param source the file name, or a description such as {@code classpath:…/scenarios/spam.json}
         * @param path   the JSON path of the value, e.g. {@code $[2].expect.violations[0]}
         * @param line   the 1-based line, or 0 when unknown
         * @param column the 1-based column, or 0 when unknown
         */
        public SourceLocation {
            Objects.requireNonNull(source, "source must not be null");
            Objects.requireNonNull(path, "path must not be null");
        }

        /**
         * A location in code rather than in a file, for scenarios built in Java.
         *
         * <pre>{@code
         * Scenario s = new Scenario("an IRC daemon on a shared plan is prohibited content", facts,
         *         new Scenario.Expectation(List.of(ViolationPattern.of("acc-1", "2.12")), List.of(), true),
         *         Scenario.SourceLocation.inCode("IrcScenarios"));
         * }</pre>
         *
         * @param what what failure messages should name instead of a file, e.g. the test class
         * @return a location with path {@code $} and no line
         */
        public static SourceLocation inCode(String what) {
            return new SourceLocation(what, "$", 0, 0);
        }

        /**
         * A {@code file:} URI with the line as {@code ?line=N}, when the source is a file on disk; IDEs
         * and JUnit's dynamic tests use it to jump to the scenario.
         *
         * @return the URI, or empty when the source is not a regular file (a classpath resource, code)
         */
        public Optional<URI> uri() {
            try {
                Path file = Path.of(source);
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                String base = file.toAbsolutePath().normalize().toUri().toString();
                return Optional.of(URI.create(line > 0 ? base + "?line=" + line : base));
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }

        /** {@code source:line}, or just the source when the line is unknown. */
        @Override
        public String toString() {
            return line > 0 ? source + ":" + line : source;
        }
    }

    /**
     * What a scenario expects: violations that must appear, violations that must not, and whether
     * nothing else may appear.
     *
     * @param violations   each must be matched by at least one violation of the result
     * @param noViolations no violation of the result may match any of these
     * @param exactly      when true, every violation of the result must match an entry of {@code violations}
     */
    public record Expectation(List<ViolationPattern> violations, List<ViolationPattern> noViolations, boolean exactly) {

        /**
         * Copies both lists and checks that every expected violation names its clause.
         *
         * @param violations   each must be matched by at least one violation of the result
         * @param noViolations no violation of the result may match any of these
         * @param exactly      when true, every violation of the result must match an entry of {@code violations}
         * @throws IllegalArgumentException when an entry of {@code violations} has no clause
         */
        public Expectation {
            violations = List.copyOf(violations);
            noViolations = List.copyOf(noViolations);
            for (ViolationPattern p : violations) {
                if (p.clause().isEmpty()) {
                    throw new IllegalArgumentException("an expected violation must name its clause: " + p);
                }
            }
        }

        /**
         * Whether the expectation asserts anything at all; a scenario that asserts nothing cannot fail.
         *
         * @return true when it expects or forbids a violation, or says {@code exactly}
         */
        public boolean assertsSomething() {
            return !violations.isEmpty() || !noViolations.isEmpty() || exactly;
        }
    }
}
