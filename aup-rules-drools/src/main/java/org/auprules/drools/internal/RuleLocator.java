package org.auprules.drools.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.definition.rule.Rule;

/** Finds where a rule is written in a pack: its file and the line of its {@code rule "name"}. */
public final class RuleLocator {

    private RuleLocator() {
    }

    /** The pack file that declares a rule; the first rule file that names it when Drools did not record one. */
    public static String fileOf(Rule rule, PackSource pack) {
        if (rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl && impl.getResource() != null
                && impl.getResource().getSourcePath() != null) {
            return impl.getResource().getSourcePath();
        }
        for (String file : pack.ruleFiles()) {
            if (lineOf(pack, file, rule.getName()) > 0) {
                return file;
            }
        }
        return PackSource.RULES_FOLDER;
    }

    /** The 1-based line of {@code rule "name"} in a file, or 0 when it is not there. */
    public static int lineOf(PackSource pack, String file, String ruleName) {
        String text = pack.text(file).orElse("");
        Matcher m = Pattern.compile("(?m)^\\s*rule\\s+(\"" + Pattern.quote(ruleName) + "\"|'"
                + Pattern.quote(ruleName) + "'|" + Pattern.quote(ruleName) + "\\s)").matcher(text);
        if (!m.find()) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < m.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        // the match may start with the whitespace of earlier blank lines
        String skipped = text.substring(m.start(), m.start(1));
        for (char c : skipped.toCharArray()) {
            if (c == '\n') {
                line++;
            }
        }
        return line;
    }
}
