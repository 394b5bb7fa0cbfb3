package dev.postern.server;

import dev.postern.server.config.EventsConfig;
import dev.postern.server.config.GatewayConfig;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * A gateway process for {@link EventsCrashTest}: the test configuration on {@code args[0]}'s store
 * in front of the simulators at {@code args[1]} and {@code args[2]}, every provider given the
 * test-only delivery-event webhook ({@link TokenWebhooks}), and the outbound event webhook at
 * {@code args[3]} signed with {@code args[4]}. Prints {@code ready URL INSTANCE-ID} once it
 * listens, then runs until killed.
 */
public final class EventsGatewayChild {
    private EventsGatewayChild() {}

    public static void main(String[] args) throws InterruptedException {
        GatewayConfig config =
                TestGateway.config(args[0], "", URI.create(args[1]), URI.create(args[2]), TestGateway.DEFAULT_SINKS);
        EventsConfig events =
                EventsConfig.DEFAULTS.withWebhook(new EventsConfig.OutboundWebhook(URI.create(args[3]), args[4]));
        Gateway gateway = Gateway.start(TokenWebhooks.on(config).withEvents(events));
        System.out.println(
                "ready " + gateway.httpUrl() + " " + gateway.cluster().id());
        new CountDownLatch(1).await();
    }
}
