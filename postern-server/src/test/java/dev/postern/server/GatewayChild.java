package dev.postern.server;

import dev.postern.server.config.GatewayConfig;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A gateway process for {@link MultiInstanceCrashTest}: the test configuration on a shared store,
 * with a short lease so that a survivor takes over a killed instance's claims within seconds.
 * Prints {@code ready URL} once it listens, then runs until killed.
 */
public final class GatewayChild {
    private GatewayChild() {}

    public static void main(String[] args) throws InterruptedException {
        GatewayConfig config = TestGateway.config(args[0], "", URI.create(args[1]), URI.create(args[2]));
        config = config.withOutbox(
                config.outbox().withLease(Duration.ofSeconds(3)).withPollInterval(Duration.ofMillis(100)));
        Gateway gateway = Gateway.start(config);
        System.out.println("ready " + gateway.httpUrl());
        new CountDownLatch(1).await();
    }
}
