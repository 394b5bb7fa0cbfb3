package dev.postern.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ada@example.com",
                "ada.lovelace@example.com",
                "ada+newsletter@example.com",
                "ada@mail.eu.example.com",
                "o'brien@example.ie",
                "x@e.io",
                "\"john doe\"@example.com",
                "\"a@b\"@example.com",
                "\"with \\\"escaped\\\" quote\"@example.com",
                "用户@例子.广告",
                "ada@bücher.example",
                "José.García@correo.example",
                "ada@EXAMPLE.COM",
                "ada@xn--bcher-kva.example",
                "ada@sub-domain.example-1.com",
            })
    void validAddressesAreAccepted(String email) {
        assertThat(Address.of(email).email()).isEqualTo(email);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            plain                              | it has no '@'
            @example.com                       | the local part (before '@') is empty
            ada@                               | the domain (after '@') is empty
            bob@@example.com                   | the local part has a character not allowed unquoted
            .ada@example.com                   | must not start or end with '.'
            ada.@example.com                   | must not start or end with '.'
            ada..lovelace@example.com          | contain '..'
            ada lovelace@example.com           | not allowed unquoted
            ada(comment)@example.com           | not allowed unquoted
            ada@exa_mple.com                   | label "exa_mple" is not letters, digits and inner hyphens
            ada@-example.com                   | label "-example" is not letters, digits and inner hyphens
            ada@example-.com                   | label "example-" is not letters, digits and inner hyphens
            ada@example..com                   | empty label
            ada@bü_cher.example                | not a valid host name (not an IDNA2008 (UTS #46) name: disallowed)
            ada@example.com.                   | empty label
            ada@[192.0.2.1]                    | is not letters, digits and inner hyphens
            ada@exa mple.com                   | label "exa mple" is not letters, digits and inner hyphens
            "unclosed@example.com              | not allowed unquoted
            "a"b"@example.com                  | unescaped
            """)
    void invalidAddressesAreRejectedNamingTheRule(String email, String rule) {
        assertThatThrownBy(() -> Address.of(email))
                .asInstanceOf(type(InvalidEmailException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("address"))
                .satisfies(e -> assertThat(e.getMessage()).contains("is not a valid address", rule));
    }

    @Test
    void localPartOver64OctetsIsRejected() {
        assertThatThrownBy(() -> Address.of("a".repeat(65) + "@example.com"))
                .hasMessageContaining("at most 64 octets, but was 65");
        // UTF-8 counts octets, not characters: 22 × 3 octets = 66
        assertThatThrownBy(() -> Address.of("用".repeat(22) + "@example.com"))
                .hasMessageContaining("at most 64 octets, but was 66");
    }

    @Test
    void domainLabelOver63AndAddressOver254OctetsAreRejected() {
        assertThatThrownBy(() -> Address.of("ada@" + "a".repeat(64) + ".com")).hasMessageContaining("label");
        String longDomain = ("a".repeat(60) + ".").repeat(3) + "example.com"; // 194 chars
        assertThat(Address.of("a".repeat(50) + "@" + longDomain).email()).hasSize(245);
        assertThatThrownBy(() -> Address.of("a".repeat(64) + "@" + longDomain))
                .hasMessageContaining("at most 254 octets, but was 259");
    }

    @Test
    void internationalisedDomainIsPunycodedForProviders() {
        assertThat(Address.of("ada@bücher.example").asciiEmail()).isEqualTo("ada@xn--bcher-kva.example");
        assertThat(Address.of("用户@例子.广告").asciiEmail()).isEqualTo("用户@xn--fsqu00a.xn--4rr70v");
        assertThat(Address.of("ada@example.com").asciiEmail()).isEqualTo("ada@example.com");
    }

    @Test
    void deviationCharactersKeepTheirIdna2008MeaningInsteadOfBeingMappedToAnotherDomain() {
        // UTS #46 non-transitional: straße.de is its own domain, not strasse.de (as IDNA2003 had it)
        assertThat(Address.of("kunde@straße.de").asciiEmail()).isEqualTo("kunde@xn--strae-oqa.de");
        assertThat(Address.of("ada@faß.example").asciiEmail()).isEqualTo("ada@xn--fa-hia.example");
        assertThat(Address.of("ada@βόλος.example").asciiEmail()).isEqualTo("ada@xn--nxasmm1c.example");
        // mapping still folds case and width
        assertThat(Address.of("ada@BÜCHER.example").asciiEmail()).isEqualTo("ada@xn--bcher-kva.example");
    }

    @Test
    void recipientsAreDuplicatesOnlyWhenTheirIdna2008DomainsAreTheSame() {
        assertThat(Email.builder()
                        .from("shop@shop.example")
                        .to("kunde@straße.de")
                        .to("kunde@strasse.de")
                        .subject("s")
                        .text("t")
                        .build()
                        .to())
                .hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ceo@bank.example", "Payroll ceo@Bank.Example", "Shop (orders@shop.example)"})
    void aDisplayNameHoldingAnAddressIsASenderNameProblem(String name) {
        assertThat(Address.of("x@shop.example", name).senderNameProblem())
                .hasValueSatisfying(p -> assertThat(p).contains("display name must not hold an address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Shop", "Ada @ Home", "support at shop.example", "ada@localhost"})
    void anOrdinaryDisplayNameIsNoSenderNameProblem(String name) {
        assertThat(Address.of("x@shop.example", name).senderNameProblem()).isEmpty();
    }

    @Test
    void partsAreSplitAtTheLastAt() {
        Address a = Address.of("\"a@b\"@example.com");
        assertThat(a.localPart()).isEqualTo("\"a@b\"");
        assertThat(a.domain()).isEqualTo("example.com");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Ada Lovelace <ada@example.com>         | ada@example.com | Ada Lovelace
            "Lovelace, Ada" <ada@example.com>      | ada@example.com | Lovelace, Ada
            "Ada \\"the Countess\\"" <ada@ex.com>  | ada@ex.com      | Ada "the Countess"
            "a <b>" <ada@example.com>              | ada@example.com | a <b>
            <ada@example.com>                      | ada@example.com |
            ada@example.com                        | ada@example.com |
              ada+tag@example.com                  | ada+tag@example.com |
            Zoë Çelik <zoe@bücher.example>         | zoe@bücher.example | Zoë Çelik
            "Ada" <"john doe"@example.com>         | "john doe"@example.com | Ada
            """)
    void parseSplitsDisplayNameAndAddress(String mailbox, String email, String name) {
        Address a = Address.parse(mailbox);
        assertThat(a.email()).isEqualTo(email);
        assertThat(a.name()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ada@example.com | | ada@example.com
            ada@example.com | Ada Lovelace | Ada Lovelace <ada@example.com>
            ada@example.com | Lovelace, Ada | "Lovelace, Ada" <ada@example.com>
            ada@example.com | Ada "A" L | "Ada \\"A\\" L" <ada@example.com>
            ada@example.com | Zoë | Zoë <ada@example.com>
            ada@example.com | O'Brien-Smith {Ops} | O'Brien-Smith {Ops} <ada@example.com>
            ada@example.com | Dr. Ada | "Dr. Ada" <ada@example.com>
            ada@example.com | Ada (home) | "Ada (home)" <ada@example.com>
            """)
    void toStringIsAnRfc5322MailboxThatParsesBack(String email, String name, String mailbox) {
        Address a = Address.of(email, name);
        assertThat(a).hasToString(mailbox);
        assertThat(Address.parse(a.toString())).isEqualTo(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\r\nBcc: eve@evil.example", "Ada\nLovelace", "Ada\rX", "Ada\u0000", "Ada\u0007"})
    void displayNameWithLineBreakOrControlCharacterIsRejected(String name) {
        assertThatThrownBy(() -> Address.of("ada@example.com", name))
                .asInstanceOf(type(InvalidEmailException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("address"))
                .satisfies(e -> assertThat(e.getMessage()).contains("display name must not contain"));
    }

    @Test
    void crlfInDisplayNameIsShownEscapedInTheMessage() {
        assertThatThrownBy(() -> Address.of("ada@example.com", "Ada\r\nBcc: x"))
                .hasMessage("address: display name must not contain CR or LF, but was \"Ada\\r\\nBcc: x\"");
    }

    @Test
    void overlongDisplayNameIsRejectedAndNotEchoedInFull() {
        String name = "A".repeat(300);
        assertThatThrownBy(() -> Address.of("ada@example.com", name))
                .hasMessageContaining("at most 256 characters, but was 300")
                .hasMessageContaining("... (300 chars)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(150));
    }

    @Test
    void lineBreaksAroundANameOrMailboxAreRejectedNotStripped() {
        assertThatThrownBy(() -> Address.of("ada@example.com", "Ada\r\n")).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> Address.of("ada@example.com", "\n")).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> Address.parse("ada@example.com\r\n"))
                .hasMessage("address: a mailbox must not contain CR or LF, but was \"ada@example.com\\r\\n\"");
        assertThatThrownBy(() -> Address.parse("Ada\n<ada@example.com>")).hasMessageContaining("CR or LF");
    }

    @Test
    void blankDisplayNameMeansNoName() {
        assertThat(Address.of("ada@example.com", "  ").name()).isNull();
    }

    @Test
    void nullOrUnbalancedMailboxIsRejectedWithFieldAddress() {
        assertThatThrownBy(() -> Address.parse(null)).hasMessage("address: is required");
        assertThatThrownBy(() -> Address.parse("\"Ada <ada@example.com>"))
                .hasMessageContaining("address: ")
                .hasMessageContaining("unclosed");
    }

    @Test
    void addressAndNameProblemsAreReportedTogether() {
        assertThatThrownBy(() -> Address.of("nope", "a\nb"))
                .asInstanceOf(type(InvalidEmailException.class))
                .satisfies(e -> assertThat(e.problems()).hasSize(2));
    }
}
