package org.auprules.examples.cli;

import java.util.List;
import org.auprules.api.EvaluationFailedException;
import org.auprules.api.PolicyInfo;
import org.auprules.testing.Scenario;
import org.auprules.testing.ScenarioResult;
import org.auprules.testing.SuiteResult;

/**
 * Everything one {@code aup-rules test} run found, in the order of the files: the scenarios that
 * ran (passed or failed), those whose rule threw (failed, naming the rule and the account), and
 * what could not run at all (a broken file, a scenario that names an unknown clause).
 *
 * @param policy  the policy tested
 * @param entries one entry per scenario, or per file that could not be read
 */
record TestRun(PolicyInfo policy, List<Entry> entries) {

    TestRun {
        entries = List.copyOf(entries);
    }

    /** One line of the report. */
    sealed interface Entry permits Ran, Crashed, Errored {
        /** Where it is: the scenario's file and line, or the broken file's. */
        String source();

        /** The line in {@link #source()}, or 0. */
        int line();

        /** Seconds it took to run, 0 when it did not run. */
        double seconds();
    }

    /** A scenario that ran to the end, passing or failing. */
    record Ran(ScenarioResult result, double seconds) implements Entry {
        @Override
        public String source() {
            return result.scenario().location().source();
        }

        @Override
        public int line() {
            return result.scenario().location().line();
        }
    }

    /** A scenario during which a rule of the pack threw: a failure of that scenario. */
    record Crashed(Scenario scenario, EvaluationFailedException failure, double seconds) implements Entry {
        @Override
        public String source() {
            return scenario.location().source();
        }

        @Override
        public int line() {
            return scenario.location().line();
        }

        /** What went wrong, naming the rule and the account. */
        String message() {
            return java.util.Objects.requireNonNullElse(failure.getMessage(), failure.toString());
        }
    }

    /**
     * Something that could not run: a scenario file that is not valid, or a scenario that does not
     * fit the policy.
     *
     * @param description the scenario's description, or empty for a whole file
     * @param problem     the problem as {@code file:line:column: message}
     */
    record Errored(String description, String source, int line, String problem) implements Entry {
        @Override
        public double seconds() {
            return 0;
        }
    }

    /** The results of the scenarios that ran to the end, for coverage. */
    List<ScenarioResult> results() {
        return entries.stream()
                .filter(Ran.class::isInstance)
                .map(e -> ((Ran) e).result())
                .toList();
    }

    /** The results that ran, as the library's suite. */
    SuiteResult suite() {
        return new SuiteResult(policy, results());
    }

    int passed() {
        return (int) entries.stream()
                .filter(e -> e instanceof Ran r && r.result().passed())
                .count();
    }

    int failed() {
        return (int) entries.stream()
                .filter(e -> (e instanceof Ran r && !r.result().passed()) || e instanceof Crashed)
                .count();
    }

    int errored() {
        return (int) entries.stream().filter(Errored.class::isInstance).count();
    }

    /** {@code N passed, N failed}, with {@code , N errored} when something could not run. */
    String tally() {
        return passed() + " passed, " + failed() + " failed" + (errored() > 0 ? ", " + errored() + " errored" : "");
    }
}
