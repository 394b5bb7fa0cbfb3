package dev.postern.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SenderDomainsTest {

    @Test
    void aDomainMatchesInUnicodeOrPunycodeAndWithoutCase() {
        SenderDomains domains = new SenderDomains(List.of("Bücher.example"));

        assertThat(domains.allows("bücher.example")).isTrue();
        assertThat(domains.allows("xn--bcher-kva.example")).isTrue();
        assertThat(domains.allows("BÜCHER.EXAMPLE")).isTrue();
        assertThat(domains.allows("buecher.example")).isFalse();
    }

    @Test
    void aSenderAllowedStrasseDeMayNotSendAsStraßeDeWhichIsAnotherDomain() {
        // IDNA2003 mapped ß to ss, so a key for strasse.de could send as straße.de (xn--strae-oqa.de)
        SenderDomains strasse = new SenderDomains(List.of("strasse.de"));
        SenderDomains strasseSharp = new SenderDomains(List.of("straße.de"));

        assertThat(strasse.allows("straße.de")).isFalse();
        assertThat(strasseSharp.allows("straße.de")).isTrue();
        assertThat(strasseSharp.allows("xn--strae-oqa.de")).isTrue();
        assertThat(strasseSharp.allows("strasse.de")).isFalse();
    }

    @Test
    void anyAllowsEveryDomain() {
        assertThat(SenderDomains.ANY.allows("straße.de")).isTrue();
    }
}
