package dev.postern.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.provider.transport.Secret;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpConfigTest {
    private static final SmtpConfig RELAY = SmtpConfig.of("smtp.office.example", 587);

    @Test
    void defaultsAreStartTlsWithoutAuthAndTheDefaultTimeoutsAndPool() {
        assertThat(RELAY.tls()).isEqualTo(SmtpTls.STARTTLS);
        assertThat(RELAY.username()).isNull();
        assertThat(RELAY.timeouts()).isEqualTo(SmtpTimeouts.DEFAULTS);
        assertThat(RELAY.poolSize()).isEqualTo(SmtpConfig.DEFAULT_POOL_SIZE);
        assertThat(RELAY.maxConnections()).isEqualTo(16);
        assertThat(RELAY.poolSize()).isEqualTo(16);
    }

    @Test
    void idleConnectionsKeptNeverExceedTheConnectionsAllowed() {
        assertThatThrownBy(() -> RELAY.withMaxConnections(0))
                .hasMessage("max_connections must be in 1..256, but was 0");
        assertThat(RELAY.withPoolSize(32).maxConnections()).isEqualTo(32);
        assertThat(RELAY.withMaxConnections(2).poolSize()).isEqualTo(2);
        assertThatThrownBy(() ->
                        new SmtpConfig("h.example", 587, SmtpTls.STARTTLS, null, null, null, null, null, false, 8, 4))
                .hasMessage("pool_size must be <= max_connections (4), but was 8");
    }

    @Test
    void violationsNameTheKey() {
        assertThatThrownBy(() -> SmtpConfig.of(" ", 587)).hasMessage("host must not be blank");
        assertThatThrownBy(() -> SmtpConfig.of("h.example", 70000))
                .hasMessage("port must be in 1..65535, but was 70000");
        assertThatThrownBy(() -> RELAY.withCredentials("user", null))
                .hasMessage("password must be set when username is");
        assertThatThrownBy(() -> RELAY.withHelo("bad name")).hasMessageStartingWith("helo must be a host name");
        assertThatThrownBy(() -> RELAY.withPoolSize(-1)).hasMessage("pool_size must be in 0..64, but was -1");
        assertThatThrownBy(() -> new SmtpTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageStartingWith("timeouts.connect must be > 0");
        assertThatThrownBy(() -> SmtpTls.parse("ssl"))
                .hasMessageStartingWith("tls must be one of none, starttls, implicit");
    }

    @Test
    void trustAllIsRefusedForAnythingButLoopback() {
        assertThatThrownBy(RELAY::withTrustAll).hasMessageContaining("trust_all is unsafe");
        assertThat(SmtpConfig.of("127.0.0.1", 2525).withTrustAll().trustAll()).isTrue();
        assertThatThrownBy(() -> SmtpConfig.of("localhost", 25).withTrustAll().withTrustCertificate(Path.of("x.pem")))
                .hasMessage("trust_all and trust_certificate exclude each other");
    }

    @Test
    void aPasswordNeverTravelsInPlainTextBeyondLoopback() {
        assertThatThrownBy(() -> RELAY.withTls(SmtpTls.NONE).withCredentials("u", new Secret("p")))
                .hasMessageContaining("need tls: starttls or implicit");
        assertThat(SmtpConfig.of("127.0.0.1", 2525).withTls(SmtpTls.NONE).withCredentials("u", new Secret("p")))
                .isNotNull();
    }

    @Test
    void thePasswordNeverShows() {
        assertThat(RELAY.withCredentials("user", new Secret("hunter2-secret")).toString())
                .doesNotContain("hunter2");
    }
}
