package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auprules.api.PolicyProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code trustedReporters} section of a pack: parsing, problems with their lines, and matching. */
class TrustedReportersTest {

    private static final TrustedReporters DEFAULT = TrustedReporters.of(PolicyPack.defaultPack());

    @Test
    void theDefaultPack_trustsFeedbackLoopsAndAntiAbuseOrganisations() {
        assertThat(DEFAULT.entries())
                .extracting(TrustedReporters.Entry::kind)
                .contains(TrustedReporters.Kind.FEEDBACK_LOOP, TrustedReporters.Kind.ANTI_ABUSE_ORGANISATION);
        assertThat(DEFAULT.entries())
                .extracting(TrustedReporters.Entry::name)
                .contains("Yahoo Complaint Feedback Loop", "The Spamhaus Project", "SpamCop", "Abusix");
    }

    @ParameterizedTest(name = "{0} / {1} / {2}: {3}")
    @CsvSource(nullValues = "-", textBlock = """
            staff@hotmail.com,            -,                  -,                    Microsoft Outlook.com Junk Mail Reporting Program (JMRP)
            STAFF@Hotmail.com,            -,                  -,                    Microsoft Outlook.com Junk Mail Reporting Program (JMRP)
            someone@hotmail.com,          -,                  -,                    -
            feedback@arf.mail.yahoo.com,  -,                  -,                    Yahoo Complaint Feedback Loop
            someone@mail.yahoo.com,       -,                  -,                    -
            -,                            spamhaus.org,       -,                    The Spamhaus Project
            -,                            zen.spamhaus.org,   -,                    The Spamhaus Project
            -,                            spamhaus.org.,      -,                    The Spamhaus Project
            -,                            fakespamhaus.org,   -,                    -
            -,                            -,                  the spamhaus   project, The Spamhaus Project
            -,                            -,                  Spamhaus Fans,        -
            reports@reports.spamcop.net,  -,                  -,                    SpamCop
            -,                            -,                  -,                    -
            """)
    void aReporterMatches_byExactAddress_domainOrSubdomain_orOrganisation(
            String address, String domain, String org, String entry) {
        var match = DEFAULT.match(
                address == null ? List.of() : List.of(address),
                domain == null ? List.of() : List.of(domain),
                org == null ? List.of() : List.of(org));

        assertThat(match.map(TrustedReporters.Entry::name).orElse(null)).isEqualTo(entry);
    }

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource(nullValues = "-", textBlock = """
            -,                              xn--bcher-kva.example,        true
            -,                              fbl.XN--BCHER-KVA.example.,   true
            -,                              Fbl.Bücher.Example,           true
            abuse@xn--bcher-kva.example,    -,                            true
            ABUSE@BÜCHER.EXAMPLE,           -,                            true
            -,                              xn--bcher-kva.example.org,    false
            -,                              bucher.example,               false
            -,                              fakebücher.example,           false
            """)
    void domainsAndMailboxes_compareInCanonicalForm_unicodeOrPunycode(String address, String domain, boolean trusted) {
        TrustedReporters idn = TrustedReporters.of(List.of(new TrustedReporters.Entry(
                "Bücher FBL",
                TrustedReporters.Kind.FEEDBACK_LOOP,
                List.of("Abuse@Bücher.Example"),
                List.of("Bücher.example."),
                List.of())));
        var match = idn.match(
                address == null ? List.of() : List.of(address),
                domain == null ? List.of() : List.of(domain),
                List.of());

        assertThat(match.isPresent()).isEqualTo(trusted);
        assertThat(idn.entries().get(0).domains()).containsExactly("xn--bcher-kva.example");
        assertThat(idn.entries().get(0).addresses()).containsExactly("abuse@xn--bcher-kva.example");
    }

    @Test
    void aSignature_byAPunycodeDomain_isAlignedWithAUnicodeEntry() {
        TrustedReporters idn = TrustedReporters.of(List.of(new TrustedReporters.Entry(
                "Bücher FBL", TrustedReporters.Kind.FEEDBACK_LOOP, List.of(), List.of("bücher.example"), List.of())));

        assertThat(idn.signedBy("fbl@arf.bücher.example", "xn--bcher-kva.example"))
                .isPresent();
        assertThat(idn.signedBy("fbl@arf.bücher.example", "xn--bcher-kva.example.org"))
                .isEmpty();
    }

    @Test
    void nobodyIsTrusted_byNone_orWithoutTheSection() {
        assertThat(TrustedReporters.none()
                        .match(List.of("staff@hotmail.com"), List.of("spamhaus.org"), List.of("Spamhaus")))
                .isEmpty();
        TrustedReporters.Parsed parsed = TrustedReporters.parse("{\"name\": \"x\"}");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.reporters())
                .hasValueSatisfying(t -> assertThat(t.entries()).isEmpty());
    }

    @Test
    void everyProblemOfTheSection_isLocatedByLineAndColumn() {
        String json = """
                {
                  "name": "x",
                  "trustedReporters": [
                    {"name": "fine", "kind": "FEEDBACK_LOOP", "domains": ["fbl.example"]},
                    {"name": "", "kind": "FEEDBAK_LOOP", "domians": ["x.example"]},
                    {"name": "nothing", "kind": "ANTI_ABUSE_ORGANISATION"},
                    {"name": "bad", "kind": "ANTI_ABUSE_ORGANISATION",
                     "addresses": ["abuse"], "domains": ["https://spamhaus.org"], "organisations": [""]},
                    "just a name"
                  ]
                }
                """;

        TrustedReporters.Parsed parsed = TrustedReporters.parse(json);

        assertThat(parsed.reporters()).isEmpty();
        assertThat(parsed.problems())
                .extracting(PolicyProblem::line, PolicyProblem::column, PolicyProblem::message)
                .containsExactly(
                        tuple(5, 53, "unknown field `domians`; did you mean `domains`?"),
                        tuple(5, 14, "expected a non-empty string, got `\"\"`"),
                        tuple(
                                5,
                                26,
                                "unknown kind `FEEDBAK_LOOP`; expected one of FEEDBACK_LOOP, ANTI_ABUSE_ORGANISATION"),
                        tuple(
                                6,
                                5,
                                "trusted reporter `nothing` matches nobody: give at least one of `addresses`, "
                                        + "`domains`, `organisations`"),
                        tuple(8, 20, "`abuse` is not a mailbox address such as `staff@hotmail.com`"),
                        tuple(8, 42, "`https://spamhaus.org` is not a domain name such as `spamhaus.org`"),
                        tuple(8, 85, "expected a non-empty string, got `\"\"`"),
                        tuple(
                                9,
                                5,
                                "expected an object with `name`, `kind` and at least one of `addresses`, `domains`, "
                                        + "`organisations`, got `\"just a name\"`"));
        assertThat(parsed.problems()).allMatch(PolicyProblem::isError).allMatch(p -> p.path()
                .equals("policy.json"));
    }

    @Test
    void aSectionThatIsNotAList_isAnError() {
        assertThat(TrustedReporters.parse("{\n  \"trustedReporters\": {\"spamhaus\": true}\n}")
                        .problems())
                .extracting(PolicyProblem::line, PolicyProblem::message)
                .containsExactly(tuple(
                        2,
                        "expected an array of trusted reporters, each with `name`, `kind` and at least "
                                + "one of `addresses`, `domains`, `organisations`"));
    }

    @Test
    void aPackWithABrokenSection_doesNotCompile_andTheCompilerSaysWhere() {
        Map<String, String> files = new LinkedHashMap<>();
        PolicyPack.defaultPack().files().forEach((k, v) -> files.put(k, new String(v, StandardCharsets.UTF_8)));
        files.put(
                "policy.json",
                files.get("policy.json")
                        .replace(
                                "\"kind\": \"FEEDBACK_LOOP\", \"addresses\": " + "[\"staff@hotmail.com\"]",
                                "\"kind\": \"FEEDBACK_LOOP\", \"addresses\": [\"staff-at-hotmail\"]"));

        PolicyCompiler.Compilation c = PolicyCompiler.compile(PolicyPack.ofFiles("broken", files));

        assertThat(c.succeeded()).isFalse();
        assertThat(c.problems())
                .filteredOn(PolicyProblem::isError)
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("policy.json");
                    assertThat(p.message())
                            .isEqualTo("`staff-at-hotmail` is not a mailbox address such as `staff@hotmail.com`");
                    assertThat(p.line()).isGreaterThan(1);
                });
    }

    @ParameterizedTest(name = "From {0} signed by d={1}: {2}")
    @CsvSource(nullValues = "-", textBlock = """
            feedback@arf.mail.yahoo.com,  arf.mail.yahoo.com,  Yahoo Complaint Feedback Loop
            feedback@arf.mail.yahoo.com,  ARF.Mail.Yahoo.com., Yahoo Complaint Feedback Loop
            feedback@arf.mail.yahoo.com,  mail.yahoo.com,      -
            feedback@arf.mail.yahoo.com,  yahoo.com,           -
            feedback@arf.mail.yahoo.com,  evil.example,        -
            feedback@arf.mail.yahoo.com,  spamhaus.org,        -
            feedback@x.arf.mail.yahoo.com, arf.mail.yahoo.com, Yahoo Complaint Feedback Loop
            feedback@arf.mail.yahoo.com,  x.arf.mail.yahoo.com, -
            staff@hotmail.com,            hotmail.com,         Microsoft Outlook.com Junk Mail Reporting Program (JMRP)
            STAFF@hotmail.com,            hotmail.com,         Microsoft Outlook.com Junk Mail Reporting Program (JMRP)
            staff@hotmail.com,            mail.hotmail.com,    -
            staff@hotmail.com,            com,                 -
            bob@hotmail.com,              hotmail.com,         -
            reports@zen.spamhaus.org,     spamhaus.org,        The Spamhaus Project
            reports@spamhaus.org,         zen.spamhaus.org,    -
            reports@notspamhaus.org,      spamhaus.org,        -
            not-an-address,               spamhaus.org,        -
            """)
    void aSignature_isAlignedWhenTheFromAndTheSigningDomainBothBelongToTheReporter(
            String from, String signingDomain, String expected) {
        assertThat(DEFAULT.signedBy(from, signingDomain).map(TrustedReporters.Entry::name))
                .isEqualTo(java.util.Optional.ofNullable(expected));
    }
}
