package org.auprules.drools.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.definition.rule.Rule;

/** Finds where a rule is written in a pack: its file and the line of its {@code rule "name"}. */
public final class RuleLocator {

    private RuleLocator() {}

    /** The pack file that declares a rule; the first rule file that names it when Drools did not record one. */
    public static String fileOf(Rule rule, PackSource pack) {
        if (rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl
                && impl.getResource() != null
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
        Matcher m = Pattern.compile("(?m)^\\s*rule\\s+(\"" + Pattern.quote(ruleName) + "\"|'" + Pattern.quote(ruleName)
                        + "'|" + Pattern.quote(ruleName) + "\\s)")
                .matcher(text);
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
        for (int i = 0; i < skipped.length(); i++) {
            if (skipped.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Whether the consequence of a rule calls {@code findings.<method>}. */
    public static boolean callsFindings(PackSource pack, String file, String ruleName, String method) {
        Optional<DrlOutline.RuleSpan> rule = pack.outline(file).rule(ruleName);
        if (rule.isEmpty() || rule.get().thenLine() == 0) {
            return false;
        }
        List<DrlLexer.Token> tokens = pack.tokens(file);
        for (int i = 0; i + 2 < tokens.size(); i++) {
            DrlLexer.Token t = tokens.get(i);
            if (t.line() >= rule.get().thenLine()
                    && rule.get().covers(t.line())
                    && t.is("findings")
                    && tokens.get(i + 1).is(".")
                    && tokens.get(i + 2).is(method)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a character of a rule's {@code @key("...")} metadata value is written: the line and
     * column of the {@code offset}-th character of the value as Drools reads it, escapes decoded.
     * Empty when the rule or its metadata is not written as one quoted string.
     */
    public static Optional<int[]> metadataPosition(
            PackSource pack, String file, String ruleName, String key, int offset) {
        String text = pack.text(file).orElse("");
        Optional<DrlOutline.RuleSpan> rule = pack.outline(file).rule(ruleName);
        Optional<DrlOutline.Meta> meta = rule.flatMap(r ->
                r.metadata().stream().filter(m -> m.key().text().equals(key)).findFirst());
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        List<DrlLexer.Token> tokens = pack.tokens(file);
        DrlLexer.Token keyToken = meta.get().key();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            DrlLexer.Token t = tokens.get(i);
            if (t.line() == keyToken.line() && t.column() == keyToken.column()) {
                DrlLexer.Token value = tokens.get(i + 2);
                if (!tokens.get(i + 1).is("(") || value.kind() != DrlLexer.Kind.STRING) {
                    return Optional.empty();
                }
                // the token's text has its escapes decoded; count them back from the line as written
                String line = text.split("\n", -1)[value.line() - 1];
                String raw = line.substring(Math.min(line.length(), value.column()));
                int j = 0;
                for (int decoded = 0; decoded < offset && j < raw.length(); decoded++) {
                    j += raw.charAt(j) == '\\' ? 2 : 1;
                }
                return Optional.of(new int[] {value.line(), value.column() + 1 + j});
            }
        }
        return Optional.empty();
    }
}
