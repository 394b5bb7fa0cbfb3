package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Postern;
import dev.postern.event.PosternEvent;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxConfig;
import dev.postern.provider.SendOutcome;
import dev.postern.server.config.BacklogConfig;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backlog_high} from a real outbox on SQLite whose only provider is down. */
class BacklogWatchTest {
    private final FakeTime time = new FakeTime();
    private final List<PosternEvent.BacklogHigh> raised = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private Postern postern() {
        return Postern.builder()
                .provider("down", ScriptedProvider.accepting("down").always(new SendOutcome.Unavailable("HTTP 503")))
                .listener(e -> {
                    if (e instanceof PosternEvent.BacklogHigh b) {
                        raised.add(b);
                    }
                })
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time)
                .build();
    }

    private Outbox outbox(Postern postern) {
        return Outbox.open(OutboxConfig.DEFAULTS.withStore("sqlite:" + dir.resolve("o.db")), postern, time, time);
    }

    @Test
    void raisedWhenTheDepthReachesItsThresholdAndNotBefore() {
        try (Postern postern = postern();
                Outbox outbox = outbox(postern)) {
            BacklogWatch watch = new BacklogWatch(
                    new BacklogConfig(3, Duration.ofHours(1), Duration.ofSeconds(30)), outbox, postern, time);
            outbox.accept(Mail.receipt());
            outbox.accept(Mail.receipt());
            watch.check();
            assertThat(raised).isEmpty();

            outbox.accept(Mail.receipt());
            watch.check();

            assertThat(raised).hasSize(1);
            assertThat(raised.getFirst().depth()).isEqualTo(3);
        }
    }

    @Test
    void raisedWhenTheOldestMessageHasWaitedTooLongCheckedOnTheScheduler() {
        try (Postern postern = postern();
                Outbox outbox = outbox(postern)) {
            new BacklogWatch(
                            new BacklogConfig(1000, Duration.ofMinutes(10), Duration.ofMinutes(1)),
                            outbox,
                            postern,
                            time)
                    .start(time);
            outbox.accept(Mail.receipt());
            time.advance(Duration.ofMinutes(9));
            assertThat(raised).isEmpty();

            time.advance(Duration.ofMinutes(1));

            assertThat(raised).isNotEmpty();
            assertThat(raised.getFirst().oldestAge()).isEqualTo(Duration.ofMinutes(10));
            assertThat(raised.getFirst().depth()).isEqualTo(1);
        }
    }
}
