package dev.postern.server;

import dev.postern.server.config.GatewayConfig;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * A gateway process for {@link MultiInstanceCrashTest} and {@link HeapBudgetEndToEndTest}: the test
 * configuration on {@code args[0]}'s store in front of the simulators at {@code args[1]} (emailr)
 * and {@code args[2]} (webhook), with {@code args[3]}, when given, added to {@code server.http}, and
 * the outbox's and the cluster's default settings. Prints {@code ready URL INSTANCE-ID} once it
 * listens, then runs until killed.
 */
public final class GatewayChild {
    private GatewayChild() {}

    public static void main(String[] args) throws InterruptedException {
        String httpExtra = args.length > 3 ? args[3] : "";
        GatewayConfig config = TestGateway.config(
                args[0], "", URI.create(args[1]), URI.create(args[2]), TestGateway.DEFAULT_SINKS, httpExtra, "", "");
        Gateway gateway = Gateway.start(config);
        System.out.println(
                "ready " + gateway.httpUrl() + " " + gateway.cluster().id());
        new CountDownLatch(1).await();
    }
}
