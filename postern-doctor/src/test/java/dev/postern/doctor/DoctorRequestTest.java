package dev.postern.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.error.PosternException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorRequestTest {
    @Test
    void domainIsNormalised() {
        assertThat(DoctorRequest.of("Shop.Example.", List.of()).domain()).isEqualTo("shop.example");
    }

    @Test
    void invalidValuesAreRejectedNamingFieldRuleAndValue() {
        assertThatThrownBy(() -> DoctorRequest.of("not a domain", List.of()))
                .isInstanceOf(PosternException.class)
                .hasMessage("domain must be a domain name such as shop.example, but was 'not a domain'");
        assertThatThrownBy(() -> DoctorRequest.of("shop.example", List.of()).withResolver("127.0.0.1:99999"))
                .hasMessage("resolver must be HOST:PORT (e.g. 127.0.0.1:53 or [::1]:53), but was '127.0.0.1:99999'");
        assertThatThrownBy(() -> DoctorRequest.of("shop.example", List.of()).withTimeout(Duration.ZERO))
                .hasMessage("timeout must be > 0, but was PT0S");
        assertThatThrownBy(() -> SendingProvider.of("relay", "smtp").withSpfInclude("not a domain"))
                .hasMessage("spf_include must be a domain name such as sendgrid.net, but was 'not a domain'");
        assertThatThrownBy(() -> SendingProvider.of("relay", "smtp").withDkimSelectors(List.of("a b")))
                .hasMessageStartingWith("provider relay: dkim_selectors must be DNS labels");
    }

    @Test
    void resolverAcceptsHostPortHostAloneAndBracketedIpv6() {
        assertThat(ResolverAddress.parse("127.0.0.1:5353").getPort()).isEqualTo(5353);
        assertThat(ResolverAddress.parse("127.0.0.1").getPort()).isEqualTo(53);
        assertThat(ResolverAddress.parse("[::1]:5353").getHostString()).isEqualTo("::1");
    }

    @Test
    void configuredIncludeDropsItsPrefix() {
        assertThat(SendingProvider.of("relay", "SMTP")
                        .withSpfInclude("include:SPF.Relay.example.")
                        .spfInclude())
                .hasValue("spf.relay.example");
    }
}
