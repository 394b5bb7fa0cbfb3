package dev.postern.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FaultTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ok",
                "down",
                "hang",
                "hang_greeting",
                "slow(250ms)",
                "error(503)",
                "rate_limit(5s)",
                "auth_fail",
                "reject_recipient",
                "garbage",
                "reset_after_body",
                "budget(0, 30s)",
                "flap(down 10000ms, ok 20000ms)",
                "flap(budget(0, 1s) 10000ms, ok 20000ms)"
            })
    void textFormRoundTrips(String text) {
        assertThat(Fault.parse(text)).hasToString(text);
    }

    @Test
    void flapStepsAreParsedWithTheirDurations() {
        Fault.Flap flap = (Fault.Flap) Fault.parse("flap(down 10s, error(503) 1m)");

        assertThat(flap.steps())
                .containsExactly(
                        new Fault.Flap.Step(new Fault.Down(), Duration.ofSeconds(10)),
                        new Fault.Flap.Step(new Fault.Error(503), Duration.ofMinutes(1)));
        assertThat(flap.at(Duration.ofSeconds(9))).isEqualTo(new Fault.Down());
        assertThat(flap.at(Duration.ofSeconds(10))).isEqualTo(new Fault.Error(503));
        assertThat(flap.at(Duration.ofSeconds(75))).isEqualTo(new Fault.Down());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "explode | unknown fault 'explode'",
                "error(abc) | error status must be a number, but was 'abc'",
                "error(700) | error status must be in 100..599, but was 700",
                "slow | fault 'slow' needs an argument",
                "down(3) | fault 'down' takes no argument, but got '3'",
                "slow(5 parsecs) | duration must look like 500ms, 5s, 10m or 72h, but was '5 parsecs'",
                "flap(down) | flap step must be 'fault duration', but was 'down'",
                "budget(-1) | budget remaining must be >= 0, but was -1",
                "budget(few) | budget remaining must be a number, but was 'few'",
                "budget(0, 0s) | budget reset must be >= 1s, but was PT0S"
            })
    void badTextIsRefusedNamingTheProblem(String text, String message) {
        assertThatThrownBy(() -> Fault.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aBudgetWithoutAResetReportsAOneSecondWindow() {
        assertThat(Fault.parse("budget(0)")).isEqualTo(new Fault.Budget(0, Duration.ofSeconds(1)));
    }

    @Test
    void aFlapCannotContainAFlap() {
        var inner = new Fault.Flap(List.of(new Fault.Flap.Step(new Fault.Ok(), Duration.ofSeconds(1))));
        assertThatThrownBy(() -> new Fault.Flap(List.of(new Fault.Flap.Step(inner, Duration.ofSeconds(1)))))
                .hasMessage("flap steps cannot flap themselves");
    }
}
