package dev.postern.server.drill;

import dev.postern.ProviderStatus;
import dev.postern.routing.ProviderState;
import dev.postern.server.config.DrillConfig;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which drills may start, judged on the providers' states: a drill takes out a provider that is in
 * rotation, never the last available one, and sends probes only to {@code drills.probe_to}.
 */
final class DrillRules {
    private DrillRules() {}

    /** Why {@code request} may not start (while no other drill runs); empty when it may. */
    static Optional<DrillStart> refusal(DrillRequest request, List<ProviderStatus> providers, DrillConfig config) {
        Optional<ProviderStatus> target = providers.stream()
                .filter(p -> p.name().equals(request.provider()))
                .findFirst();
        if (target.isEmpty()) {
            return Optional.of(new DrillStart.Invalid(
                    "provider",
                    "no provider named '" + request.provider() + "'; known: "
                            + providers.stream().map(ProviderStatus::name).collect(Collectors.joining(", "))));
        }
        if (target.get().state() != ProviderState.AVAILABLE) {
            return Optional.of(new DrillStart.Conflict(
                    request.provider() + " is " + target.get().state().wireName()
                            + ", not available: a drill takes out a provider that is in rotation"));
        }
        List<ProviderStatus> others =
                providers.stream().filter(p -> p != target.get()).toList();
        if (others.stream().noneMatch(p -> p.state() == ProviderState.AVAILABLE)) {
            return Optional.of(new DrillStart.Conflict(request.provider() + " is the last available provider ("
                    + (others.isEmpty() ? "there is no other" : String.join(", ", unwell(others)))
                    + "); a drill would leave nothing to send through"));
        }
        if (request.probes() > 0 && config.probeTo().isEmpty()) {
            return Optional.of(new DrillStart.Invalid("probes", "probes need drills.probe_to in the configuration"));
        }
        return Optional.empty();
    }

    /** The providers that are not available, as {@code name is state}; empty when all are. */
    static List<String> unwell(List<ProviderStatus> providers) {
        return providers.stream()
                .filter(p -> p.state() != ProviderState.AVAILABLE)
                .map(p -> p.name() + " is " + p.state().wireName())
                .toList();
    }
}
