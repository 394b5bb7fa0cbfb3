package dev.postern.server.smtp;

import static dev.postern.server.smtp.RelayHarness.PASSWORD;
import static dev.postern.server.smtp.RelayHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.server.auth.TrustedNetworks;
import dev.postern.server.config.SmtpRelayConfig;
import dev.postern.sim.smtp.RawSmtp;
import dev.postern.testing.FakeTime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that neither authenticated nor connect from a trusted network cannot hold the relay: they
 * get a short lifetime, a command budget, at most their share of the sessions and a connection
 * rate per address — while authenticated and trusted clients keep being served. Time is a {@link
 * FakeTime} the tests advance; the defaults under test are 30 s, 20 commands, half of {@code
 * max_connections} and 60 connections a minute.
 */
class RelayAnonymousSessionsTest {
    static final String TRUSTED = "127.0.0.9";

    @TempDir
    Path dir;

    final FakeTime time = new FakeTime();

    @Test
    void idleAnonymousSessionsFromFourAddressesLeaveAnAuthenticatedClientRoomToSend() throws Exception {
        SmtpRelayConfig config = RelayHarness.config().withMaxConnections(8);
        int perClient = config.maxConnectionsPerClient();
        List<Wire> held = new ArrayList<>();
        try (RelayHarness h = new RelayHarness(dir, config, time)) {
            for (String address : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5")) {
                for (int i = 0; i < perClient; i++) {
                    Wire wire = new Wire(h.relay.port(), address);
                    held.add(wire);
                    assertThat(wire.reply()).startsWith("220");
                    wire.write("NOOP\r\n");
                    assertThat(wire.reply()).startsWith("250");
                }
            }

            String reply = new MailClient(h.relay.port()).auth("PLAIN").send(Messages.receipt(), USER, PASSWORD);

            assertThat(reply).startsWith("250 2.0.0 queued as ");
        } finally {
            closeAll(held);
        }
    }

    @Test
    void whenAnonymousSessionsHoldTheirShareANewcomerClosesTheLongestWaitingOne() throws Exception {
        SmtpRelayConfig config = RelayHarness.config()
                .withMaxConnections(8)
                .withTrustedNetworks(new TrustedNetworks(List.of(TRUSTED + "/32")));
        List<Wire> held = new ArrayList<>();
        try (RelayHarness h = new RelayHarness(dir, config, time)) {
            for (String address : List.of("127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3", TRUSTED)) {
                Wire wire = new Wire(h.relay.port(), address);
                held.add(wire);
                assertThat(wire.reply()).startsWith("220");
            }

            try (Wire newcomer = new Wire(h.relay.port(), "127.0.0.4")) {
                assertThat(newcomer.reply()).startsWith("220");
                assertThat(held.getFirst().linesUntilClosed())
                        .containsExactly(
                                "421 4.7.0 Too many clients waiting to authenticate; closing the longest waiting");
                for (Wire stays : held.subList(1, held.size())) {
                    stays.write("NOOP\r\n");
                    assertThat(stays.reply()).startsWith("250");
                }
            }
        } finally {
            closeAll(held);
        }
    }

    @Test
    void anAnonymousSessionIsClosedWith421AtTheEndOfItsLifetimeWhileAuthenticatedAndTrustedOnesStay() throws Exception {
        SmtpRelayConfig config = RelayHarness.config()
                .withCommandTimeout(Duration.ofMinutes(10))
                .withTrustedNetworks(new TrustedNetworks(List.of(TRUSTED + "/32")));
        try (RelayHarness h = new RelayHarness(dir, config, time);
                Wire anonymous = new Wire(h.relay.port(), "127.0.0.2");
                Wire authenticated = new Wire(h.relay.port(), "127.0.0.3");
                Wire trusted = new Wire(h.relay.port(), TRUSTED)) {
            assertThat(anonymous.reply()).startsWith("220");
            assertThat(trusted.reply()).startsWith("220");
            authenticate(authenticated);

            time.advance(Duration.ofSeconds(29));
            anonymous.write("NOOP\r\n");
            assertThat(anonymous.reply()).startsWith("250");
            time.advance(Duration.ofSeconds(1));

            assertThat(anonymous.linesUntilClosed())
                    .containsExactly("421 4.7.0 Not authenticated in time; closing connection");
            for (Wire stays : List.of(authenticated, trusted)) {
                time.advance(Duration.ofMinutes(5));
                stays.write("NOOP\r\n");
                assertThat(stays.reply()).startsWith("250");
            }
        }
    }

    @Test
    void theTwentyFirstCommandBeforeAuthIsAnswered421AndClosesWhileAuthenticatedAndTrustedClientsGoOn()
            throws Exception {
        SmtpRelayConfig config =
                RelayHarness.config().withTrustedNetworks(new TrustedNetworks(List.of(TRUSTED + "/32")));
        try (RelayHarness h = new RelayHarness(dir, config, time);
                Wire anonymous = new Wire(h.relay.port(), "127.0.0.2");
                Wire authenticated = new Wire(h.relay.port(), "127.0.0.3");
                Wire trusted = new Wire(h.relay.port(), TRUSTED)) {
            assertThat(anonymous.reply()).startsWith("220");
            anonymous.write("EHLO app.example\r\n");
            assertThat(anonymous.reply()).startsWith("250");
            for (int i = 2; i <= 20; i++) {
                anonymous.write("NOOP\r\n");
                assertThat(anonymous.reply()).as("command %d", i).startsWith("250");
            }
            anonymous.write("NOOP\r\n");
            assertThat(anonymous.linesUntilClosed())
                    .containsExactly("421 4.7.0 Too many commands without authentication; closing connection");

            authenticate(authenticated);
            assertThat(trusted.reply()).startsWith("220");
            for (int i = 0; i < 30; i++) {
                for (Wire goesOn : List.of(authenticated, trusted)) {
                    goesOn.write("NOOP\r\n");
                    assertThat(goesOn.reply()).startsWith("250");
                }
            }
        }
    }

    @Test
    void theSixtyFirstAnonymousConnectionInAMinuteFromOneAddressIs421UntilTheMinuteHasPassed() throws Exception {
        SmtpRelayConfig config =
                RelayHarness.config().withTrustedNetworks(new TrustedNetworks(List.of(TRUSTED + "/32")));
        try (RelayHarness h = new RelayHarness(dir, config, time)) {
            for (int i = 0; i < 60; i++) {
                connectAndQuit(h, "127.0.0.2", false);
                connectAndQuit(h, "127.0.0.3", true); // connections that authenticate are not counted
                connectAndQuit(h, TRUSTED, false); // trusted networks are exempt
            }

            try (Wire refused = new Wire(h.relay.port(), "127.0.0.2")) {
                assertThat(refused.linesUntilClosed())
                        .containsExactly(
                                "421 4.7.0 Too many connections from your address this minute; try again later");
            }
            connectAndQuit(h, "127.0.0.3", true);
            connectAndQuit(h, TRUSTED, false);
            connectAndQuit(h, "127.0.0.4", false);

            time.advance(Duration.ofMinutes(1));
            connectAndQuit(h, "127.0.0.2", false);
        }
    }

    private static void connectAndQuit(RelayHarness h, String address, boolean authenticate) throws IOException {
        try (Wire wire = new Wire(h.relay.port(), address)) {
            if (authenticate) {
                authenticate(wire);
            } else {
                assertThat(wire.reply()).as(address).startsWith("220");
            }
            wire.write("QUIT\r\n");
            assertThat(wire.reply()).as(address).startsWith("221");
        }
    }

    /** Greeting, EHLO, AUTH PLAIN, then a NOOP: once it is answered the AUTH has fully taken effect. */
    private static void authenticate(Wire wire) throws IOException {
        assertThat(wire.reply()).startsWith("220");
        wire.write("EHLO app.example\r\nAUTH PLAIN " + RawSmtp.plainToken(USER, PASSWORD) + "\r\nNOOP\r\n");
        assertThat(wire.reply()).startsWith("250");
        assertThat(wire.reply()).startsWith("235");
        assertThat(wire.reply()).startsWith("250");
    }

    private static void closeAll(List<Wire> wires) throws IOException {
        for (Wire wire : wires) {
            wire.close();
        }
    }
}
