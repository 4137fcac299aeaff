package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SPF, DKIM and DMARC results read from Authentication-Results fields (RFC 8601). */
class AuthenticationResultsTest {

    @Test
    void methodsAreReadAfterTheAuthservId_commentsIgnored() {
        AuthenticationResults r = AuthenticationResults.of(
                List.of(
                        "mx.example.org (dkim=pass in a comment); "
                                + "spf=Fail (sender not permitted) smtp.mailfrom=a.example; dkim=none; dmarc=pass header.from=a.example"));

        assertThat(r).isEqualTo(new AuthenticationResults("fail", "none", "pass"));
        assertThat(r.fromDomainAligned()).contains(true);
    }

    @Test
    void anyPassingDkimSignatureWins_withinOneField() {
        assertThat(AuthenticationResults.of(List.of("mx; dkim=fail header.d=a; dkim=pass header.d=b; dkim=fail"))
                        .dkim())
                .isEqualTo("pass");
    }

    @Test
    void theFirstFieldToStateAMethod_wins() {
        AuthenticationResults r = AuthenticationResults.of(
                List.of("fbl.example; spf=softfail", "mx.example; spf=pass; dkim=pass; dmarc=fail"));

        assertThat(r).isEqualTo(new AuthenticationResults("softfail", "pass", "fail"));
        assertThat(r.fromDomainAligned()).contains(false);
    }

    @Test
    void aResultRfc8601DoesNotRegister_isNoResult_soTheFactStaysValid() {
        AuthenticationResults r =
                AuthenticationResults.of(List.of("mx.example; spf=hardfail; dkim=bogus", "fbl.example; spf=fail"));

        assertThat(r.spf()).isEqualTo("fail");
        assertThat(r.dkim()).isNull();
    }

    @Test
    void noResults_sayNothing() {
        AuthenticationResults r = AuthenticationResults.of(List.of("mx.example.org; none"));

        assertThat(r).isEqualTo(new AuthenticationResults(null, null, null));
        assertThat(r.fromDomainAligned()).isEmpty();
        assertThat(AuthenticationResults.of(List.of("mx; dmarc=temperror")).fromDomainAligned())
                .isEmpty();
    }
}
