package dev.postern.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.email.Address;
import dev.postern.email.Email;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {

    /**
     * Email lets {@code ada@example.com} and {@code ADA@example.com} both in (local parts are
     * case-sensitive), the ledger holds one standing for both (compared without case): a round
     * sends to that recipient once, or the provider delivers it twice (a relay takes both RCPT TO)
     * or refuses the whole message (SendGrid: addresses unique across to, cc and bcc).
     */
    @Test
    void aMailboxNamedTwiceIsSentToOnceInTheFieldItFirstAppears() {
        Email email = Email.builder()
                .from("shop@shop.example")
                .to("Ada <ada@example.com>", "bo@example.com")
                .cc("ADA@Example.com")
                .bcc("BO@example.com", "cy@example.com")
                .subject("Your receipt")
                .text("Thanks.")
                .build();

        Email round = new Ledger(email, List.of()).pending(email).orElseThrow();

        assertThat(round.to()).extracting(Address::email).containsExactly("ada@example.com", "bo@example.com");
        assertThat(round.cc()).isEmpty();
        assertThat(round.bcc()).extracting(Address::email).containsExactly("cy@example.com");
    }
}
