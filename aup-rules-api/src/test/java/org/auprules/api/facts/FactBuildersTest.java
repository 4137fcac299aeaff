package org.auprules.api.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactBuildersTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void aProcessBuiltByNameEqualsTheOneBuiltByPosition() {
        HostedProcess byName = HostedProcess.builder()
                .id("p-1")
                .accountId("acc-1")
                .pid(4242)
                .name("xmrig")
                .commandLine("./xmrig -o pool.example:3333")
                .cpuPercent(97.5)
                .memoryMb(64)
                .runtimeSeconds(7200)
                .listeningPorts(3333)
                .build();

        assertThat(byName)
                .isEqualTo(new HostedProcess(
                        "p-1", "acc-1", 4242, "xmrig", "./xmrig -o pool.example:3333", 97.5, 64, 7200, List.of(3333)));
    }

    @Test
    void anEmailBuiltByNameEqualsTheOneBuiltByPosition() {
        EmailMessage byName = EmailMessage.builder()
                .id("m-1")
                .accountId("acc-1")
                .sentAt(NOW)
                .fromAddress("news@shop.example")
                .sendingIp("203.0.113.5")
                .recipientCount(1)
                .subject("Sale")
                .commercial(true)
                .listId("list-1")
                .hasRemovalLink(false)
                .listUnsubscribeHeader("<mailto:u@x>")
                .hasPhysicalAddress(true)
                .spf("pass")
                .dkim("fail")
                .fromDomainAligned(true)
                .deceptiveSubject(false)
                .build();

        assertThat(byName)
                .isEqualTo(new EmailMessage(
                        "m-1",
                        "acc-1",
                        NOW,
                        "news@shop.example",
                        "203.0.113.5",
                        1,
                        "Sale",
                        true,
                        "list-1",
                        false,
                        "<mailto:u@x>",
                        true,
                        "pass",
                        "fail",
                        true,
                        false));
    }

    @Test
    void unsetBooleansOfAnEmailStayUnknown() {
        EmailMessage email = EmailMessage.builder().id("m-1").accountId("acc-1").build();

        assertThat(email.commercial()).isNull();
        assertThat(email.hasRemovalLink()).isNull();
        assertThat(email.fromDomainAligned()).isNull();
        assertThat(email.hasOptOut()).isFalse();
    }

    @Test
    void aMissingIdFailsWithTheRecordsOwnMessage() {
        assertThatThrownBy(() -> Account.builder().plan("shared-basic").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("account id must not be null");
        assertThatThrownBy(() ->
                        HostedProcess.builder().accountId("acc-1").name("xmrig").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("process id must not be null");
        assertThatThrownBy(() -> EmailMessage.builder().accountId("acc-1").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("email id must not be null");
        assertThatThrownBy(() -> MailingList.builder().accountId("acc-1").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("mailing list id must not be null");
        assertThatThrownBy(() -> HostedFile.builder().accountId("acc-1").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("file id must not be null");
        assertThatThrownBy(() -> Website.builder().accountId("acc-1").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("website id must not be null");
        assertThatThrownBy(() -> AbuseReport.builder().type(ReportType.SPAM).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("report id must not be null");
    }

    @Test
    void aReportWithoutATypeFailsWithTheRecordsOwnMessage() {
        assertThatThrownBy(
                        () -> AbuseReport.builder().id("r-1").accountId("acc-1").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("report type must not be null");
    }

    @Test
    void aNegativeRecipientCountFailsAsInTheConstructor() {
        assertThatThrownBy(() ->
                        EmailMessage.builder().id("m-1").recipientCount(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("recipientCount must not be negative, got -1");
    }

    @Test
    void factsWithoutARequiredIdBuildWithoutOne() {
        assertThat(Login.builder().accountId("acc-1").country("US").build().id())
                .isNull();
        assertThat(ResourceUsage.builder()
                        .accountId("acc-1")
                        .cpuPercent(50)
                        .build()
                        .id())
                .isNull();
    }

    @Test
    void unsetFieldsTakeTheRecordsDefaults() {
        assertThat(BlacklistListing.builder()
                        .ip("203.0.113.5")
                        .list("zen.spamhaus.org")
                        .build()
                        .ipScope())
                .isEqualTo(IpScope.DEDICATED);
        assertThat(MailingList.builder().id("list-1").build().source()).isEqualTo(ListSource.UNKNOWN);
        Account account = Account.builder().id("acc-1").build();
        assertThat(account.ips()).isEmpty();
        assertThat(account.domains()).isEmpty();
        assertThat(account.status()).isNull();
        assertThat(HostedProcess.builder().id("p-1").build().listeningPorts()).isEmpty();
        assertThat(AbuseReport.builder().id("r-1").type(ReportType.SPAM).build().details())
                .isEmpty();
        assertThat(Website.builder().id("w-1").build().installedSoftware()).isEmpty();
    }

    @Test
    void aScopeThatIsSetIsKept() {
        assertThat(BlacklistListing.builder().ipScope(IpScope.SHARED).build().ipScope())
                .isEqualTo(IpScope.SHARED);
        assertThat(MailingList.builder()
                        .id("l")
                        .source(ListSource.PURCHASED)
                        .build()
                        .source())
                .isEqualTo(ListSource.PURCHASED);
    }

    @Test
    void aListChangedAfterItWasGivenDoesNotChangeTheFact() {
        List<String> ips = new ArrayList<>(List.of("203.0.113.5"));
        Account.Builder builder = Account.builder().id("acc-1").ips(ips);
        ips.add("198.51.100.1");
        Account account = builder.build();
        ips.add("192.0.2.1");

        assertThat(account.ips()).containsExactly("203.0.113.5");
        assertThatThrownBy(() -> account.ips().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anArrayChangedAfterItWasGivenDoesNotChangeTheFact() {
        ContentCategory[] categories = {ContentCategory.PHISHING};
        Website.Builder builder = Website.builder().id("w-1").categories(categories);
        categories[0] = ContentCategory.GAMBLING;

        assertThat(builder.build().categories()).containsExactly(ContentCategory.PHISHING);
    }

    @Test
    void aMapChangedAfterItWasGivenDoesNotChangeTheReport() {
        Map<String, String> details = new HashMap<>(Map.of("Category", "abuse"));
        AbuseReport.Builder builder =
                AbuseReport.builder().id("r-1").type(ReportType.SPAM).details(details);
        details.put("Extra", "added later");

        assertThat(builder.build().details()).containsExactly(Map.entry("Category", "abuse"));
    }

    @Test
    void aBuilderBuildsAgainAfterASetterChanged() {
        HostedProcess.Builder builder =
                HostedProcess.builder().id("p-1").accountId("acc-1").cpuPercent(10);
        HostedProcess first = builder.build();
        HostedProcess second = builder.cpuPercent(99).build();

        assertThat(first.cpuPercent()).isEqualTo(10);
        assertThat(second.cpuPercent()).isEqualTo(99);
    }

    @Test
    void aSetterReplacesWhatWasSetBefore() {
        assertThat(HostedProcess.builder()
                        .id("p-1")
                        .listeningPorts(80, 443)
                        .listeningPorts(6667)
                        .build()
                        .listeningPorts())
                .containsExactly(6667);
    }

    @Test
    void toBuilderMakesACopyThatDiffersInTheFieldsSet() {
        HostedProcess miner = HostedProcess.builder()
                .id("p-1")
                .accountId("acc-1")
                .name("xmrig")
                .cpuPercent(2)
                .build();
        HostedProcess busy = miner.toBuilder().cpuPercent(97).build();

        assertThat(busy).isEqualTo(new HostedProcess("p-1", "acc-1", 0, "xmrig", null, 97, 0, 0, List.of()));
        assertThat(miner.cpuPercent()).isEqualTo(2);
    }

    @Test
    void aDmcaNoticeBuiltByNameNamesWhatIsMissing() {
        DmcaNotice notice = DmcaNotice.builder()
                .signature(true)
                .workIdentified(true)
                .materialIdentified(true)
                .contactInformation(true)
                .goodFaithStatement(true)
                .build();

        assertThat(notice).isEqualTo(new DmcaNotice(true, true, true, true, true, false));
        assertThat(notice.missing()).containsExactly("accuracyUnderPenaltyOfPerjury");
    }

    @Test
    void theFactSetExampleOfTheJavadocBuilds() {
        FactSet facts = FactSet.builder()
                .evaluatedAt(Instant.parse("2026-11-28T12:00:00Z"))
                .accounts(Account.builder().id("acc-1").plan("shared-basic").build())
                .processes(HostedProcess.builder()
                        .id("p-1")
                        .accountId("acc-1")
                        .name("xmrig")
                        .build())
                .build();

        assertThat(facts.accounts())
                .extracting(Account::id, Account::plan)
                .containsExactly(tuple("acc-1", "shared-basic"));
        assertThat(facts.processes()).extracting(HostedProcess::name).containsExactly("xmrig");
        assertThat(facts.emails()).isEmpty();
    }

    @Test
    void aFactSetDoesNotFollowItsBuilderAfterwards() {
        FactSet.Builder builder =
                FactSet.builder().accounts(Account.builder().id("acc-1").build());
        FactSet first = builder.build();
        builder.add(Account.builder().id("acc-2").build());

        assertThat(first.accounts()).extracting(Account::id).containsExactly("acc-1");
        assertThat(builder.build().accounts()).extracting(Account::id).containsExactly("acc-1", "acc-2");
    }
}
