package dev.postern.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.server.auth.Hashes;
import dev.postern.server.auth.SenderDomains;
import dev.postern.server.auth.SmtpUser;
import dev.postern.server.config.Listen;
import dev.postern.server.config.SmtpRelayConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpRelayConfigTest {

    @Test
    void defaultsAreTheContractsListenSizeAndRecipientLimit() {
        assertThat(SmtpRelayConfig.DEFAULTS.listen()).isEqualTo(new Listen("127.0.0.1", 2525));
        assertThat(SmtpRelayConfig.DEFAULTS.maxMessageBytes()).isEqualTo(26_214_400);
        assertThat(SmtpRelayConfig.DEFAULTS.maxRecipients()).isEqualTo(1000);
        assertThat(SmtpRelayConfig.DEFAULTS.users()).isEmpty();
        assertThat(SmtpRelayConfig.DEFAULTS.trustedNetworks().cidrs()).isEmpty();
        assertThat(SmtpRelayConfig.DEFAULTS.maxConnectionsPerClient()).isEqualTo(25);
    }

    @Test
    void listenParsesHostsAndBracketedIpv6() {
        assertThat(Listen.parse("0.0.0.0:25")).isEqualTo(new Listen("0.0.0.0", 25));
        assertThat(Listen.parse("[::1]:2525")).isEqualTo(new Listen("::1", 2525));
        assertThat(Listen.parse("[::1]:2525")).hasToString("[::1]:2525");
        assertThatThrownBy(() -> Listen.parse("::1:2525")).hasMessageContaining("in brackets");
        assertThatThrownBy(() -> Listen.parse("localhost:70000"))
                .hasMessage("listen port must be in 0..65535, but was 70000");
    }

    @Test
    void invalidValuesAreRefusedNamingFieldRuleAndValue() {
        SmtpRelayConfig d = SmtpRelayConfig.DEFAULTS;
        assertThatThrownBy(() -> d.withMaxRecipients(1001))
                .hasMessageStartingWith("max_recipients must be in 1..1000")
                .hasMessageEndingWith("but was 1001");
        assertThatThrownBy(() -> d.withMaxMessageBytes(0)).hasMessageContaining("max_message_bytes must be in 1..");
        assertThatThrownBy(() -> d.withCommandTimeout(Duration.ZERO)).hasMessageContaining("command_timeout");
        assertThatThrownBy(() -> d.withMaxConnections(0)).hasMessage("max_connections must be >= 1, but was 0");
        SmtpUser user = new SmtpUser("app", Hashes.sha256Hex("x"), SenderDomains.ANY);
        assertThatThrownBy(() -> d.withUsers(List.of(user, user))).hasMessageContaining("'app' appears twice");
    }
}
