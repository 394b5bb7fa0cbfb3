package dev.postern.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.server.auth.AuthThrottle.Verdict;
import dev.postern.testing.FakeTime;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {
    private final FakeTime time = new FakeTime();
    private final AuthThrottle throttle = new AuthThrottle(AuthThrottle.Policy.DEFAULTS, time);
    private final InetAddress guesser = address("192.0.2.7");

    @Test
    void fiveFailuresAreFreeThenTheWaitDoublesAfterEachUntilTheTenthBlocksForTenMinutes() {
        for (int i = 1; i <= 4; i++) {
            assertThat(throttle.failed(guesser, "an API key")).isEqualTo(new Verdict.Open());
            assertThat(throttle.admit(guesser)).isEqualTo(new Verdict.Open());
        }
        for (long wait : new long[] {1, 2, 4, 8, 16}) {
            assertThat(throttle.failed(guesser, "an API key")).isEqualTo(new Verdict.Wait(Duration.ofSeconds(wait)));
            time.advance(Duration.ofSeconds(wait).minusMillis(1));
            assertThat(throttle.verdict(guesser)).isEqualTo(new Verdict.Wait(Duration.ofMillis(1)));
            time.advance(Duration.ofMillis(1));
            assertThat(throttle.admit(guesser)).isEqualTo(new Verdict.Open());
        }
        assertThat(throttle.failed(guesser, "an API key")).isEqualTo(new Verdict.Blocked(Duration.ofMinutes(10)));

        time.advance(Duration.ofMinutes(9));
        assertThat(throttle.admit(guesser)).isEqualTo(new Verdict.Blocked(Duration.ofMinutes(1)));
        time.advance(Duration.ofMinutes(1));
        assertThat(throttle.admit(guesser)).isEqualTo(new Verdict.Open());
        assertThat(throttle.tracked()).isZero();
    }

    @Test
    void anAttemptMadeWhileToldToWaitIsRefusedAndCountsSoAnImpatientGuesserIsBlockedSooner() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(guesser, "an API key");
        }
        assertThat(throttle.admit(guesser)).isInstanceOf(Verdict.Wait.class);
        assertThat(throttle.admit(guesser)).isInstanceOf(Verdict.Wait.class);
        assertThat(throttle.admit(guesser)).isInstanceOf(Verdict.Wait.class);
        assertThat(throttle.admit(guesser)).isInstanceOf(Verdict.Wait.class);
        assertThat(throttle.admit(guesser)).isEqualTo(new Verdict.Blocked(Duration.ofMinutes(10)));
        // refused while blocked, but not counted: the block does not grow
        time.advance(Duration.ofMinutes(5));
        assertThat(throttle.admit(guesser)).isEqualTo(new Verdict.Blocked(Duration.ofMinutes(5)));
    }

    @Test
    void failuresFromOneAddressNeverTouchAnother() {
        for (int i = 0; i < 10; i++) {
            throttle.failed(guesser, "an API key");
        }
        assertThat(throttle.admit(guesser)).isInstanceOf(Verdict.Blocked.class);
        assertThat(throttle.admit(address("192.0.2.8"))).isEqualTo(new Verdict.Open());
        assertThat(throttle.failed(address("192.0.2.8"), "an API key")).isEqualTo(new Verdict.Open());
    }

    @Test
    void anIpv6ClientIsCountedPerSlash64() {
        for (int i = 0; i < 10; i++) {
            throttle.failed(address("2001:db8:1:2::" + Integer.toHexString(i + 1)), "an API key");
        }
        assertThat(throttle.admit(address("2001:db8:1:2:ffff::1"))).isInstanceOf(Verdict.Blocked.class);
        assertThat(throttle.admit(address("2001:db8:1:3::1"))).isEqualTo(new Verdict.Open());
    }

    @Test
    void anAddressIsForgottenAWindowAfterItsLastFailure() {
        throttle.failed(guesser, "an API key");
        time.advance(Duration.ofMinutes(9));
        for (int i = 0; i < 4; i++) {
            throttle.failed(guesser, "an API key");
        }
        assertThat(throttle.verdict(guesser)).isInstanceOf(Verdict.Wait.class);
        time.advance(Duration.ofMinutes(10));
        assertThat(throttle.verdict(guesser)).isEqualTo(new Verdict.Open());
        assertThat(throttle.failed(guesser, "an API key")).isEqualTo(new Verdict.Open());
    }

    @Test
    void atMostMaxAddressesAreTrackedTheLeastRecentlyTouchedDropped() {
        AuthThrottle small = new AuthThrottle(
                new AuthThrottle.Policy(5, 10, Duration.ofSeconds(1), Duration.ofMinutes(10), 100), time);
        for (int i = 0; i < 10; i++) {
            small.failed(guesser, "an API key");
        }
        for (int i = 0; i < 1_000; i++) {
            small.failed(address("10.0." + i / 256 + "." + i % 256), "an API key");
            if (i % 50 == 0) {
                assertThat(small.admit(guesser)).isInstanceOf(Verdict.Blocked.class); // touched: kept
            }
        }
        assertThat(small.tracked()).isEqualTo(100);
    }

    @Test
    void aPolicyThatCannotWorkIsRefusedNamingTheRule() {
        assertThatThrownBy(() -> new AuthThrottle.Policy(10, 10, Duration.ofSeconds(1), Duration.ofMinutes(1), 1))
                .hasMessageContaining("freeFailures < maxFailures");
        assertThatThrownBy(() -> new AuthThrottle.Policy(1, 2, Duration.ofMinutes(2), Duration.ofMinutes(1), 1))
                .hasMessageContaining("firstWait <= window");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
