package dev.postern.provider.sendgrid;

import dev.postern.provider.SendOutcome;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Outcome classification: turning SendGrid's answer (status, headers, body) into a
 * {@link SendOutcome} — accepted (202 with its id), rate limited (429 with Retry-After) and
 * rejected (400 with its error JSON, which is parsed for the detail). In this package because the
 * classifier is package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class OutcomeClassification {
    @Param({"202", "429", "400"})
    public int status;

    private HttpHeaders headers;
    private byte[] body;
    private final Clock clock = Clock.systemUTC();

    @Setup
    public void setUp() {
        headers = HttpHeaders.of(
                Map.of(
                        "X-Message-Id",
                        List.of("14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"),
                        "Retry-After",
                        List.of("1")),
                (name, value) -> true);
        body = (status == 202
                        ? ""
                        : "{\"errors\": [{\"message\": \"The to array is required.\", \"field\": \"personalizations.0.to\","
                                + " \"help\": \"http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public SendOutcome classify() {
        return SendGridClassifier.classify(status, headers, body, clock);
    }
}
