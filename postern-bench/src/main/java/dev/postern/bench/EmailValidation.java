package dev.postern.bench;

import dev.postern.email.Email;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building (and so validating: addresses parsed, headers checked, sizes bounded) an {@code Email}:
 * a plain receipt, and one with a display name, cc, bcc, reply-to, HTML and headers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EmailValidation {
    private final String text = "Thanks for your order. ".repeat(40);

    @Benchmark
    public Email plain() {
        return Email.builder()
                .from("orders@shop.example")
                .to("ada@example.com")
                .subject("Your receipt")
                .text(text)
                .build();
    }

    @Benchmark
    public Email full() {
        return Email.builder()
                .from("Shop <orders@shop.example>")
                .to("Ada Lovelace <ada@example.com>", "grace@example.org")
                .cc("accounts@shop.example")
                .bcc("archive@shop.example")
                .replyTo("Support <support@shop.example>")
                .subject("Your receipt — order #1234")
                .text(text)
                .html("<p>" + text + "</p>")
                .header("X-Order", "1234")
                .build();
    }
}
