package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.auprules.drools.PolicyPack;

/**
 * Literal gating never changes a match: whenever a row's expression is found in a text, the text
 * contains every literal derived from the expression. Checked on random expressions built from
 * RE2's constructs (alternations, optional parts, classes, groups, repetitions, flags) and on every
 * {@code re:} row of the default pack, each against random texts made of the expression's own
 * pieces in random case, the characters RE2 folds onto ASCII letters (ſ, the Kelvin sign) and noise.
 */
class RequiredLiteralsTest {

    private static final AtomicInteger MATCHED = new AtomicInteger();
    private static final AtomicInteger GATED = new AtomicInteger();

    /** The pieces random expressions are made of; each is valid RE2 on its own. */
    private static final List<String> PIECES = List.of(
            "a",
            "b",
            "k",
            "s",
            "x",
            "1",
            "mailer",
            "shell",
            "xmr",
            " ",
            "-",
            "\\.",
            "\\+",
            "\\?",
            "[a-c]",
            "[^a]",
            "[._-]",
            ".",
            "\\d",
            "\\w",
            "\\s",
            "\\b",
            "^",
            "$",
            "(ab|c)",
            "(?:shell)",
            "(php)?",
            "(?-i:K)",
            "(?i)",
            "é",
            "ſ",
            "\u212a",
            "[[:alpha:]]",
            "a{",
            "{",
            "}");

    private static final List<String> QUANTIFIERS =
            List.of("", "", "", "?", "*", "+", "{0,2}", "{2}", "{1,}", "??", "+?", "{0}", "{3,5}");

    @Provide
    Arbitrary<String> expressions() {
        Arbitrary<String> item = Combinators.combine(Arbitraries.of(PIECES), Arbitraries.of(QUANTIFIERS))
                .as((p, q) -> p + q);
        Arbitrary<String> sequence = item.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("", l));
        return Arbitraries.oneOf(
                        sequence,
                        sequence,
                        sequence,
                        Combinators.combine(sequence, sequence).as((a, b) -> a + "|" + b),
                        sequence.map(s -> "(" + s + ")?x"),
                        sequence.map(s -> "(?i)" + s))
                .filter(RequiredLiteralsTest::compiles);
    }

    @Provide
    Arbitrary<List<String>> textPieces() {
        Arbitrary<String> noise = Arbitraries.strings()
                .withChars("abkKsSxXmMlLeErRhHpP19 .-_+/\u017f\u212a\u0130\u0131é")
                .ofMaxLength(4);
        return noise.list().ofMaxSize(6);
    }

    /** The gate lets through every text the expression matches. */
    @Property(tries = 3000, seed = "20261202")
    void aGatedExpressionMatchesWhatTheUngatedOneMatches(
            @ForAll("expressions") String regex,
            @ForAll("textPieces") List<String> noise,
            @ForAll java.util.Random random) {
        String text = textFor(regex, noise, random);
        checkOn(regex, text);
    }

    /** The same on the default pack's own expressions, the ones the gate runs on in production. */
    @Property(tries = 2000, seed = "20261202")
    void theDefaultPacksExpressionsAreGatedExactly(
            @ForAll("packExpressions") String regex,
            @ForAll("textPieces") List<String> noise,
            @ForAll java.util.Random random) {
        checkOn(regex, textFor(regex, noise, random));
    }

    @Provide
    Arbitrary<String> packExpressions() {
        return Arbitraries.of(packRegexes());
    }

    private static void checkOn(String regex, String text) {
        RequiredLiterals gate = RequiredLiterals.of(regex);
        boolean found =
                Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(text).find();
        boolean passes = gate.allIn(RequiredLiterals.fold(text));
        if (found) {
            MATCHED.incrementAndGet();
        }
        if (!passes) {
            GATED.incrementAndGet();
        }
        assertThat(!found || passes)
                .as("`%s` matches %s, but the gate %s refuses it", regex, quoted(text), gate)
                .isTrue();
    }

    /** Both sides happened: texts that matched, and texts the gate turned away. */
    @AfterContainer
    static void bothSidesWereSeen() {
        assertThat(MATCHED.get()).as("texts that matched").isGreaterThan(200);
        assertThat(GATED.get()).as("texts the gate refused").isGreaterThan(200);
    }

    @Example
    void literalsOfTheDefaultPacksRows() {
        assertThat(RequiredLiterals.of("(^|[^a-z0-9])leaf[._-]?(php)?mailer").literals())
                .containsExactly("mailer", "leaf");
        assertThat(RequiredLiterals.of("(^|[^a-z0-9])c99(shell)?([^a-z0-9]|$)").literals())
                .containsExactly("c99");
        assertThat(RequiredLiterals.of("^jasmind?(\\.py)?$").literals()).containsExactly("jasmin");
        assertThat(RequiredLiterals.of("\\b(rapidshare|mirror)\\b.*\\bclone\\b").literals())
                .containsExactly("clone");
    }

    @Example
    void whatDerivesNothing() {
        assertThat(RequiredLiterals.of("xmrig|minerd").literals())
                .as("alternation")
                .isEmpty();
        assertThat(RequiredLiterals.of("(xmrig)").literals()).as("a group").isEmpty();
        assertThat(RequiredLiterals.of("[xm]r").literals())
                .as("a class and one letter")
                .isEmpty();
        assertThat(RequiredLiterals.of("ab?").literals())
                .as("an optional letter")
                .isEmpty();
        assertThat(RequiredLiterals.of("xm*r").literals())
                .as("a letter repeated from zero")
                .isEmpty();
        assertThat(RequiredLiterals.of("\\Qxmrig\\E").literals())
                .as("quoted text is not read")
                .isEmpty();
        assertThat(RequiredLiterals.of("\\x41bc").literals())
                .as("a hex escape gives up")
                .isEmpty();
        assertThat(RequiredLiterals.of("xmr{0,3}ig").literals()).containsExactly("xm", "ig");
        assertThat(RequiredLiterals.of("xmr+ig").literals()).containsExactly("xmr", "ig");
        assertThat(RequiredLiterals.of("st\u00e9ratum").literals()).containsExactly("ratum", "st");
    }

    @Example
    void foldingMeetsRe2sCaseFolding() {
        // RE2 folds ſ onto s and the Kelvin sign onto k; toLowerCase would keep ſ as it is
        assertThat(Pattern.compile("mask", Pattern.CASE_INSENSITIVE)
                        .matcher("MA\u017f\u212a")
                        .find())
                .isTrue();
        assertThat(RequiredLiterals.of("mask").allIn(RequiredLiterals.fold("MA\u017f\u212a")))
                .isTrue();
        assertThat(RequiredLiterals.of("mask").allIn(RequiredLiterals.fold("MAS")))
                .isFalse();
    }

    /** The expression's pieces and the noise, shuffled, each piece in random case. */
    private static String textFor(String regex, List<String> noise, java.util.Random random) {
        List<String> parts = new ArrayList<>(noise);
        for (String literal : RequiredLiterals.of(regex).literals()) {
            if (random.nextInt(3) > 0) {
                parts.add(literal);
            }
        }
        for (String word : regex.split("[^A-Za-z0-9]+", -1)) {
            if (!word.isEmpty() && random.nextBoolean()) {
                parts.add(word);
            }
        }
        java.util.Collections.shuffle(parts, random);
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                text.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            }
        }
        return text.toString();
    }

    private static List<String> packRegexes() {
        List<String> out = new ArrayList<>();
        String csv = PolicyPack.defaultPack().text("signatures.csv").orElseThrow();
        for (String line : csv.lines().toList()) {
            String[] fields = line.split(",", -1);
            if (fields.length > 1 && fields[1].startsWith(Signature.REGEX_PREFIX)) {
                out.add(fields[1].substring(Signature.REGEX_PREFIX.length()));
            }
        }
        assertThat(out).as("re: rows of the default pack").hasSizeGreaterThanOrEqualTo(5);
        return out;
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static String quoted(String text) {
        return "`" + text.replace("\u017f", "\\u017f").replace("\u212a", "\\u212a") + "`";
    }
}
