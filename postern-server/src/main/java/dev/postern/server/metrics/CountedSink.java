package dev.postern.server.metrics;

import dev.postern.alert.Alert;
import dev.postern.alert.AlertSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** An alert sink whose deliveries are counted by sink type and result ({@code ok} or {@code error}). */
final class CountedSink implements AlertSink {
    private final String type;
    private final AlertSink sink;
    private final MeterRegistry registry;

    CountedSink(String type, AlertSink sink, MeterRegistry registry) {
        this.type = type;
        this.sink = sink;
        this.registry = registry;
        counter("ok");
        counter("error");
    }

    @Override
    public void deliver(Alert alert) throws Exception {
        try {
            sink.deliver(alert);
            count("ok");
        } catch (Exception e) {
            count("error");
            throw e;
        }
    }

    private void count(String result) {
        counter(result).increment();
    }

    private Counter counter(String result) {
        return Counter.builder("postern.alert.deliveries")
                .description("Alert deliveries (each try), by sink type and result")
                .tag("sink", type)
                .tag("result", result)
                .register(registry);
    }

    @Override
    public String toString() {
        return sink.toString();
    }
}
