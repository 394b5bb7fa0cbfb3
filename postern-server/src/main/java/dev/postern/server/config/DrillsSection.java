package dev.postern.server.config;

import dev.postern.email.Address;
import dev.postern.email.InvalidEmailException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads {@code drills}. */
final class DrillsSection {
    private DrillsSection() {}

    static Optional<DrillConfig> drills(Section root, List<ProviderEntry> providers) {
        if (!root.has("drills")) {
            return Optional.empty();
        }
        Section d = root.section("drills");
        d.allow("schedule", "duration", "probe_to", "provider", "jitter", "folder", "recovery");
        DrillConfig defaults = DrillConfig.DEFAULTS;
        Optional<String> schedule = d.string("schedule").filter(s -> !s.isBlank());
        schedule.ifPresent(cron -> DrillSchedule.problemWith(cron)
                .ifPresent(problem -> d.problem("schedule", problem + ", but was " + d.showValue("schedule"))));
        Duration duration = d.duration("duration", defaults.duration());
        Optional<String> probeTo = d.string("probe_to");
        probeTo.ifPresent(address -> {
            try {
                Address.parse(address);
            } catch (InvalidEmailException e) {
                d.problem(
                        "probe_to",
                        "is not an email address: " + e.problems().getFirst().message());
            }
        });
        Optional<String> provider = d.string("provider");
        provider.ifPresent(name -> {
            if (providers.stream().noneMatch(p -> p.name().equals(name))) {
                d.problem("provider", "must name a configured provider, but was " + d.showValue("provider"));
            }
        });
        Duration jitter = d.duration("jitter", defaults.jitter());
        Optional<Path> folder = d.string("folder").filter(s -> !s.isBlank()).map(Path::of);
        Duration recovery = d.duration("recovery", defaults.recovery());
        return Optional.of(new DrillConfig(schedule, duration, probeTo, provider, jitter, folder, recovery));
    }
}
