package dev.postern.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** `postern demo --quick` runs its whole story: failover visible, nothing lost. */
class DemoTest {

    @Test
    void quickDemoFailsOverWhileThePrimaryHangsAndLosesNothing() throws Exception {
        StringWriter printed = new StringWriter();

        Demo.Summary summary = new Demo(Demo.Options.QUICK, new PrintWriter(printed, true)).run();

        assertThat(summary.sent()).isPositive();
        assertThat(summary.lost()).isZero();
        assertThat(summary.delivered()).isEqualTo(summary.sent());
        assertThat(summary.failovers()).isPositive();
        assertThat(summary.failoverTime()).isNotNull();
        assertThat(printed.toString())
                .contains("== phase 2/4: sendgrid hangs after accepting the connection")
                .contains("  phase 3/4: sendgrid answers HTTP 503")
                .contains("== summary")
                .containsPattern("lost: +0")
                .containsPattern("resend +[1-9][0-9]*/s");
    }
}
