package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.auprules.api.policy.Action;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.api.policy.Category;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.api.policy.ClauseId;
import org.auprules.api.policy.Kind;
import org.auprules.api.policy.Modality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The default pack's clause catalog is a public contract: the ids every violation cites, quoted from the policy verbatim. */
class CatalogTest {

    static final ClauseCatalog CATALOG = TestPolicy.DEFAULT.catalog();
    static final String POLICY_TEXT =
            PolicyPack.defaultPack().text("policy.txt").orElseThrow();

    /** Every clause id of the policy, in document order: the contract. */
    static List<String> contractIds() {
        return Stream.of(
                        Stream.of(
                                "P.1", "1", "1.A.1", "1.A.2", "1.A.3", "1.A.4", "1.A.5", "1.A.6", "1.B.1", "1.B.2",
                                "1.C.1", "1.C.2", "1.D.1", "2"),
                        IntStream.rangeClosed(1, 20).mapToObj(i -> "2." + i),
                        Stream.of("3"),
                        IntStream.rangeClosed(1, 7).mapToObj(i -> "3." + i))
                .flatMap(s -> s)
                .toList();
    }

    @Test
    void catalogHasExactlyTheIdsOfClausesMd_inDocumentOrder() {
        assertThat(CATALOG.all()).extracting(c -> c.id().value()).containsExactlyElementsOf(contractIds());
    }

    @ParameterizedTest
    @MethodSource("contractIds")
    void everyClauseTextOccursVerbatimInThePolicy(String id) {
        Clause clause = CATALOG.find(id).orElseThrow();
        assertThat(clause.text()).isNotBlank().isEqualTo(clause.text().strip());
        assertThat(POLICY_TEXT).contains(clause.text());
    }

    @Test
    void thePacksPolicyTextIsTheSharedPolicyDocument() throws Exception {
        Path shared = Path.of("../../shared/aup/entrecloud-aup.txt");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(shared), "shared/ is beside the checkout in CI");
        assertThat(POLICY_TEXT).isEqualTo(Files.readString(shared, StandardCharsets.UTF_8));
    }

    @Test
    void typographicQuotesAreKept() {
        assertThat(CATALOG.find("1.A.4").orElseThrow().text())
                .contains("spammer’s")
                .contains("COMPANY’s");
        assertThat(CATALOG.find("1.B.2").orElseThrow().text()).contains("(“DMCA”)");
    }

    @Test
    void truncatedSentencesAreQuotedAsTheyStand() {
        assertThat(CATALOG.find("1.A.3").orElseThrow().text()).endsWith("from being black-listed by");
        assertThat(CATALOG.find("2.9").orElseThrow().text())
                .isEqualTo("Fraudulent Sites (Including, but not limited to sites listed at &");
    }

    @Test
    void kindsAndCategoriesFollowTheParts() {
        for (Clause c : CATALOG.all()) {
            String id = c.id().value();
            Kind expectedKind =
                    switch (id) {
                        case "P.1", "1.A.4", "1.A.6", "1.B.2" -> Kind.ENFORCEMENT;
                        case "1", "2", "3" -> Kind.HEADING;
                        default -> Kind.PROHIBITION;
                    };
            assertThat(c.kind()).as(id).isEqualTo(expectedKind);
            Category expected = id.startsWith("1.A")
                    ? Category.SPAM
                    : id.startsWith("1.B")
                            ? Category.INTELLECTUAL_PROPERTY
                            : id.startsWith("1.C")
                                    ? Category.EXPORT_CONTROL
                                    : id.startsWith("1.D")
                                            ? Category.OTHER_LAW
                                            : id.startsWith("2")
                                                    ? Category.PROHIBITED_CONTENT
                                                    : id.startsWith("3") ? Category.PROHIBITED_ACTION : null;
            assertThat(c.category().orElse(null)).as(id).isEqualTo(expected);
        }
    }

    @Test
    void everyProhibitionMayTerminateUnderP1() {
        AuthorizedAction p1 = new AuthorizedAction(Action.TERMINATE_ACCOUNT, Modality.MAY, ClauseId.of("P.1"));
        assertThat(CATALOG.prohibitions())
                .allSatisfy(c -> assertThat(c.actions()).as(c.id().value()).contains(p1));
    }

    @Test
    void sectionThreeWillTerminate_andSpamCarriesTheActionsOf1A4And1A5() {
        AuthorizedAction will = new AuthorizedAction(Action.TERMINATE_ACCOUNT, Modality.WILL, ClauseId.of("3"));
        CATALOG.prohibitions().stream()
                .filter(c -> c.id().section().equals("3"))
                .forEach(c -> assertThat(c.actions()).as(c.id().value()).contains(will));
        List<AuthorizedAction> of1A4 = CATALOG.find("1.A.4").orElseThrow().actions();
        AuthorizedAction of1A5 = new AuthorizedAction(Action.TERMINATE_ACCOUNT, Modality.MAY, ClauseId.of("1.A.5"));
        CATALOG.prohibitions().stream()
                .filter(c -> c.id().value().startsWith("1.A"))
                .forEach(c -> assertThat(c.actions())
                        .as(c.id().value())
                        .containsAll(of1A4)
                        .contains(of1A5));
        assertThat(CATALOG.find("1.B.1").orElseThrow().actions())
                .contains(new AuthorizedAction(Action.TAKEDOWN_CONTENT, Modality.MAY, ClauseId.of("1.B.2")));
    }

    @Test
    void everyActionsAuthorityIsAClauseOfTheCatalog() {
        CATALOG.all().forEach(c -> c.actions().forEach(a -> assertThat(CATALOG.find(a.authority()))
                .as(c.id() + " cites " + a.authority())
                .isPresent()));
    }
}
