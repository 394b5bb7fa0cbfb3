package dev.postern.server.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Postern;
import dev.postern.ProviderStatus;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxConfig;
import dev.postern.provider.HealthResult;
import dev.postern.routing.ProviderState;
import dev.postern.server.config.DrillConfig;
import dev.postern.server.stats.TrafficSeries;
import dev.postern.testing.FakeTime;
import dev.postern.testing.ScriptedProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drills on a fake clock (starts Monday 2026-01-12 03:50 UTC, ten minutes before a weekly cron time). */
class DrillsTest {
    @TempDir
    Path dir;

    final FakeTime time = new FakeTime(Instant.parse("2026-01-12T03:50:00Z"));
    final ScriptedProvider primary = ScriptedProvider.accepting("primary");
    final ScriptedProvider backup = ScriptedProvider.accepting("backup");
    Postern postern;
    Outbox outbox;
    Drills drills;

    void open(DrillConfig config) {
        TrafficSeries traffic = new TrafficSeries(time);
        DrillRecorder recorder = new DrillRecorder();
        AlertLedger ledger = new AlertLedger();
        postern = Postern.builder()
                .provider("primary", primary)
                .provider("backup", backup)
                .listener("traffic", traffic)
                .listener("drills", recorder)
                .eventExecutor(Runnable::run) // hear each attempt before the send that made it returns
                .alertDeliveries(ledger)
                .alert(ledger.named("memory", alert -> {}))
                .clock(time)
                .scheduler(time)
                .build();
        outbox = Outbox.open(
                OutboxConfig.DEFAULTS.withStore("sqlite:" + dir.resolve("postern.db")), postern, time, time);
        drills = Drills.open(new Drills.Parts(
                config,
                dir.resolve("drills"),
                postern,
                outbox,
                traffic,
                recorder,
                ledger,
                time,
                time,
                new Random(7),
                Optional.empty(),
                "test"));
    }

    @AfterEach
    void close() {
        if (drills != null) {
            drills.close();
            outbox.close();
            postern.close();
        }
    }

    ProviderState state(String name) {
        return postern.providers().stream()
                .filter(p -> p.name().equals(name))
                .map(ProviderStatus::state)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aDrillTakesTheProviderOutForItsDurationAndPutsItBack() {
        open(DrillConfig.DEFAULTS);

        DrillStart start = drills.start(new DrillRequest("primary", Duration.ofMinutes(1), 0));

        assertThat(start).isInstanceOf(DrillStart.Started.class);
        assertThat(state("primary")).isEqualTo(ProviderState.DRILL);
        time.advance(Duration.ofSeconds(59));
        assertThat(state("primary")).isEqualTo(ProviderState.DRILL);
        time.advance(Duration.ofSeconds(1));
        assertThat(state("primary")).isEqualTo(ProviderState.AVAILABLE);
    }

    @Test
    void aDrillWhileTheOnlyOtherProviderIsDownIsRefusedWithTheReason() {
        backup.healthAlways(HealthResult.down("HTTP 503"));
        open(DrillConfig.DEFAULTS);
        time.advance(Duration.ofMinutes(2));
        assertThat(state("backup")).isEqualTo(ProviderState.UNHEALTHY);

        DrillStart start = drills.start(new DrillRequest("primary", Duration.ofMinutes(1), 0));

        assertThat(start)
                .isInstanceOfSatisfying(
                        DrillStart.Conflict.class,
                        c -> assertThat(c.reason())
                                .isEqualTo("primary is the last available provider (backup is unhealthy); "
                                        + "a drill would leave nothing to send through"));
        assertThat(state("primary")).isEqualTo(ProviderState.AVAILABLE);
        assertThat(drills.recent()).isEmpty();
    }

    @Test
    void oneDrillAtATime() {
        open(DrillConfig.DEFAULTS);
        DrillStart.Started first =
                (DrillStart.Started) drills.start(new DrillRequest("primary", Duration.ofMinutes(1), 0));

        DrillStart second = drills.start(new DrillRequest("backup", Duration.ofMinutes(1), 0));

        assertThat(second)
                .isInstanceOfSatisfying(
                        DrillStart.Conflict.class,
                        c -> assertThat(c.reason())
                                .startsWith("drill " + first.drill().id() + " on primary is running"));
        assertThat(state("backup")).isEqualTo(ProviderState.AVAILABLE);
    }

    @Test
    void probesNeedAProbeAddressAndAnUnknownProviderIsNamed() {
        open(DrillConfig.DEFAULTS);

        assertThat(drills.start(new DrillRequest("primary", Duration.ofMinutes(1), 3)))
                .isEqualTo(new DrillStart.Invalid("probes", "probes need drills.probe_to in the configuration"));
        assertThat(drills.start(new DrillRequest("sendgrid", Duration.ofMinutes(1), 0)))
                .isEqualTo(new DrillStart.Invalid("provider", "no provider named 'sendgrid'; known: primary, backup"));
    }

    @Test
    void anAbortedDrillRestoresTheProviderAtOnce() {
        open(DrillConfig.DEFAULTS);
        DrillStart.Started started =
                (DrillStart.Started) drills.start(new DrillRequest("primary", Duration.ofMinutes(10), 0));
        time.advance(Duration.ofSeconds(5));

        Drill aborted = drills.abort(started.drill().id()).orElseThrow();

        assertThat(state("primary")).isEqualTo(ProviderState.AVAILABLE);
        assertThat(aborted.status()).isEqualTo(DrillStatus.ABORTED);
        assertThat(aborted.restoredAt()).contains(time.instant());
        assertThat(aborted.report().orElseThrow().verdictReasons())
                .first()
                .isEqualTo("aborted by an operator after 5.0 s");
        assertThat(dir.resolve("drills").resolve(aborted.id() + ".md")).exists();
        assertThat(dir.resolve("drills").resolve(aborted.id() + ".html"))
                .content()
                .contains("<svg");
        // nothing left to fire: the ten minutes are not waited out
        assertThat(drills.find(aborted.id()).orElseThrow().status()).isEqualTo(DrillStatus.ABORTED);
    }

    @Test
    void closingWhileTheProviderIsBackButTheVerdictIsPendingEndsTheDrillAborted() {
        open(DrillConfig.DEFAULTS);
        String id = ((DrillStart.Started) drills.start(new DrillRequest("primary", Duration.ofMinutes(1), 0)))
                .drill()
                .id();
        time.advance(Duration.ofMinutes(1));
        assertThat(drills.find(id).orElseThrow().restoredAt()).isPresent();

        drills.close();

        Drill closed = drills.find(id).orElseThrow();
        assertThat(closed.status()).isEqualTo(DrillStatus.ABORTED);
        assertThat(closed.report().orElseThrow().verdictReasons())
                .first()
                .isEqualTo("aborted: the gateway shut down after 60.0 s");
        assertThat(dir.resolve("drills").resolve(id + ".json")).exists();
    }

    @Test
    void aScheduledDrillFiresOnTheFakeClockWithinItsJitter() {
        open(DrillConfig.DEFAULTS.withSchedule("0 4 * * MON", Duration.ofMinutes(10)));
        Instant cronTime = Instant.parse("2026-01-12T04:00:00Z");

        time.advance(Duration.between(time.instant(), cronTime).minusSeconds(1));
        assertThat(drills.recent()).isEmpty();
        time.advance(Duration.ofMinutes(11));

        assertThat(drills.recent()).singleElement().satisfies(d -> {
            assertThat(d.origin()).isEqualTo("schedule");
            assertThat(d.provider()).isEqualTo("primary");
            assertThat(d.startedAt()).isBetween(cronTime, cronTime.plus(Duration.ofMinutes(10)));
            assertThat(d.request().duration()).isEqualTo(Duration.ofMinutes(10));
        });
    }

    @Test
    void aScheduledDrillIsSkippedWhenAProviderIsAlreadyUnhealthy() {
        backup.healthAlways(HealthResult.down("HTTP 503"));
        open(DrillConfig.DEFAULTS.withSchedule("0 4 * * MON", Duration.ofMinutes(10)));

        time.advance(Duration.ofMinutes(30));

        assertThat(drills.recent()).isEmpty();
        assertThat(drills.skipped())
                .singleElement()
                .asString()
                .contains("a provider is already not available (backup is unhealthy)");
        assertThat(state("primary")).isEqualTo(ProviderState.AVAILABLE);
    }

    @Test
    void aFinishedDrillIsStillServedAfterARestartFromItsSavedReport() {
        open(DrillConfig.DEFAULTS);
        String id = ((DrillStart.Started) drills.start(new DrillRequest("primary", Duration.ofMinutes(1), 0)))
                .drill()
                .id();
        drills.abort(id);
        drills.close();

        Drills restarted = Drills.open(new Drills.Parts(
                DrillConfig.DEFAULTS,
                dir.resolve("drills"),
                postern,
                outbox,
                new TrafficSeries(time),
                new DrillRecorder(),
                new AlertLedger(),
                time,
                time,
                new Random(8),
                Optional.empty(),
                "test"));

        assertThat(restarted.find(id)).isEmpty();
        assertThat(restarted.json(id).orElseThrow().get("status").asText()).isEqualTo("aborted");
        assertThat(restarted
                        .json(id)
                        .orElseThrow()
                        .at("/report/verdict_reasons/0")
                        .asText())
                .startsWith("aborted by an operator");
        assertThat(restarted.json("../postern.db")).isEmpty();
    }
}
