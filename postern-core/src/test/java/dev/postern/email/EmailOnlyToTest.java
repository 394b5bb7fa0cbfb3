package dev.postern.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailOnlyToTest {
    private final Email email = Emails.valid()
            .cc("bob@example.com")
            .bcc("eve@example.com")
            .header("X-Campaign", "spring")
            .build();

    @Test
    void keepingEveryRecipientIsTheSameEmail() {
        assertThat(email.onlyTo(a -> true)).containsSame(email);
    }

    @Test
    void keepingSomeRecipientsAddressesOnlyThemInTheirOwnFieldsAndKeepsTheRest() {
        Email rest = email.onlyTo(a -> !a.email().equals("bob@example.com")).orElseThrow();

        assertThat(rest.to()).containsExactly(Address.of("ada@example.com"));
        assertThat(rest.cc()).isEmpty();
        assertThat(rest.bcc()).containsExactly(Address.of("eve@example.com"));
        assertThat(rest.headers()).containsEntry("X-Campaign", "spring");
        assertThat(rest.subject()).isEqualTo(email.subject());
    }

    @Test
    void keepingNoRecipientLeavesNothingToSend() {
        assertThat(email.onlyTo(a -> false)).isEmpty();
    }
}
