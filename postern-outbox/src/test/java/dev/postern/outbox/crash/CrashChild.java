package dev.postern.outbox.crash;

import dev.postern.Postern;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxConfig;
import dev.postern.testing.Mail;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The process the crash test kills: accepts mail from several threads, printing {@code accepted
 * ID} only after each accept returned, while its dispatcher sends to the parent's sink. With zero
 * threads it only drains what an earlier process left behind. Runs until killed.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws InterruptedException {
        String db = args[0];
        URI sink = URI.create(args[1]);
        int threads = Integer.parseInt(args[2]);
        Postern postern =
                Postern.builder().provider("sink", new SinkProvider(sink)).build();
        // A short lease, so the restarted process takes over the dead one's claims within seconds.
        OutboxConfig config = OutboxConfig.DEFAULTS
                .withStore("sqlite:" + db)
                .withLease(Duration.ofSeconds(2))
                .withPollInterval(Duration.ofMillis(100))
                .withConcurrency(32);
        Outbox outbox = Outbox.open(config, postern);
        System.out.println("ready");
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                while (true) {
                    String id = outbox.accept(Mail.receipt()).id();
                    System.out.println("accepted " + id);
                }
            });
        }
        new CountDownLatch(1).await(); // until the parent kills us
    }
}
