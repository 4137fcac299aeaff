package org.auprules.drools;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One attempt to escape the sandbox: a technique written at one position of a rule file, what
 * the validator's error must name, and what the attempt does when it runs.
 *
 * <p>The DRL holds placeholders that {@link SandboxEscapeTest} fills per case: {@code %FILE%}
 * (a file in the case's own temp folder), {@code %DIR%} (that folder), {@code %PROP%} (a system
 * property of the case), {@code %RAN%} (a marker that a failing evaluation would carry),
 * {@code %SECRET%} (a file holding a secret number), {@code %SECRETPROP%} (a system property
 * holding it) and {@code %SRC%} (a Java source file for the compiler attacks).
 *
 * @param technique what the attack uses, e.g. {@code java.beans.Expression -> Runtime.exec}
 * @param position where in the rule file it is written
 * @param drl the rule file after the usual header
 * @param needles texts of the file at which the error may point: the error's line is that of one
 *     of them, its column 0 or not past the needle's end
 * @param names the error's message names at least one of these
 * @param effects what the attack does when it runs; proven on a trusted pack by
 *     {@code SandboxEscapeTest.eachAttackIsReal_inATrustedPack}
 */
record EscapeCase(
        String technique,
        Position position,
        String drl,
        List<String> needles,
        List<String> names,
        Set<Effect> effects) {

    /** Where an attack is written. */
    enum Position {
        CONSEQUENCE("consequence"),
        CONSTRAINT("constraint"),
        FROM("from"),
        EVAL("eval"),
        FUNCTION("function"),
        STATIC_INITIALIZER("function: static initializer"),
        DECLARED_TYPE("declared type"),
        ACCUMULATE("accumulate code"),
        QUERY("query"),
        MVEL("MVEL-dialect consequence"),
        METADATA("metadata @note"),
        SALIENCE("salience"),
        ENABLED("enabled"),
        IMPORT("import"),
        IMPORT_WILDCARD("wildcard import"),
        IMPORT_STATIC("static import"),
        IMPORT_FUNCTION("import function");

        final String label;

        Position(String label) {
            this.label = label;
        }
    }

    /** What an attack would leave behind if it ran. */
    enum Effect {
        /** a file appears in the case's temp folder */
        FILE,
        /** the case's system property is set */
        PROPERTY,
        /** the marker {@code %RAN%} reaches an error or exception message */
        RAN,
        /** the secret number (or the process environment) reaches an error or exception message */
        LEAK,
        /** the logging configuration is reset: the canary handler is gone */
        LOGGING,
        /** the JVM's default locale or time zone changes */
        DEFAULTS,
        /** a rule of the compiled policy is gone */
        RULE_REMOVED,
        /** nothing the test may let happen: the call is behind a guard that is false for the test facts */
        GUARDED,
        /** the helper refuses the change at run time (an immutable collection): only the sandbox's refusal is tested */
        REFUSED_AT_RUN_TIME
    }

    @Override
    public String toString() {
        return technique + " @ " + position.label;
    }

    /** The placeholders filled per case, by name. */
    static final List<String> PLACEHOLDERS =
            List.of("%FILE%", "%DIR%", "%PROP%", "%RAN%", "%SECRET%", "%SECRETPROP%", "%SRC%");

    /** The DRL with every placeholder replaced. */
    String fill(Map<String, String> values) {
        String text = drl;
        for (String p : PLACEHOLDERS) {
            text = text.replace(p, values.getOrDefault(p, p));
        }
        return text;
    }
}
