package dev.postern.server;

import dev.postern.server.config.GatewayConfig;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * A gateway process for {@link MultiInstanceCrashTest}: the test configuration on a shared store,
 * with the outbox's and the cluster's default settings. Prints {@code ready URL INSTANCE-ID} once
 * it listens, then runs until killed.
 */
public final class GatewayChild {
    private GatewayChild() {}

    public static void main(String[] args) throws InterruptedException {
        GatewayConfig config = TestGateway.config(args[0], "", URI.create(args[1]), URI.create(args[2]));
        Gateway gateway = Gateway.start(config);
        System.out.println(
                "ready " + gateway.httpUrl() + " " + gateway.cluster().id());
        new CountDownLatch(1).await();
    }
}
