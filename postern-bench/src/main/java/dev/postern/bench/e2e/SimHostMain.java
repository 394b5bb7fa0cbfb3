package dev.postern.bench.e2e;

import dev.postern.sim.Simulator;
import dev.postern.sim.SimulatorHost;
import dev.postern.sim.emailr.EmailrSimulator;
import dev.postern.sim.webhook.WebhookSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The simulators' process: a {@link SimulatorHost} (faults set over its control API) with one
 * simulator per argument {@code NAME=TYPE[@PER_SECOND]} ({@code emailr} or {@code http}, the generic
 * webhook), the latter behind a {@link LimitFront} enforcing that limit. Prints {@code sim NAME URL}
 * per simulator (the front's URL when limited), then {@code ready CONTROL_URL}, and runs until
 * killed. What the simulators record is forgotten every 200 ms: a benchmark counts deliveries at
 * the gateway, and the simulators' lists grow by copying, which would slow long runs down.
 */
public final class SimHostMain {
    static final String EMAILR_KEY = "bench-emailr-key-0123456789abcdef";
    static final String WEBHOOK_KEY = "bench-webhook-key-0123456789abcdef";

    private SimHostMain() {}

    public static void main(String[] args) throws InterruptedException {
        SimulatorHost.Builder builder = SimulatorHost.builder();
        Map<String, URI> urls = new LinkedHashMap<>();
        List<AutoCloseable> fronts = new ArrayList<>();
        for (String arg : args) {
            String name = arg.substring(0, arg.indexOf('='));
            String spec = arg.substring(arg.indexOf('=') + 1);
            String type = spec.contains("@") ? spec.substring(0, spec.indexOf('@')) : spec;
            Simulator sim = switch (type) {
                case "emailr" -> new EmailrSimulator(0, EMAILR_KEY).start();
                case "http" -> new WebhookSimulator(0, WEBHOOK_KEY).start();
                default -> throw new IllegalArgumentException("unknown simulator type " + type);
            };
            builder.add(name, sim);
            URI url = sim.baseUrl();
            if (spec.contains("@")) {
                LimitFront front = new LimitFront(url, Long.parseLong(spec.substring(spec.indexOf('@') + 1)));
                fronts.add(front);
                url = front.url();
            }
            urls.put(name, url);
        }
        SimulatorHost host = builder.start();
        Executors.newSingleThreadScheduledExecutor(
                        r -> Thread.ofPlatform().daemon().unstarted(r))
                .scheduleWithFixedDelay(
                        () -> host.simulators().values().forEach(Simulator::clear),
                        200,
                        Duration.ofMillis(200).toMillis(),
                        TimeUnit.MILLISECONDS);
        urls.forEach((name, url) -> System.out.println("sim " + name + " " + url));
        System.out.println("ready " + host.controlUrl());
        new CountDownLatch(1).await();
    }
}
