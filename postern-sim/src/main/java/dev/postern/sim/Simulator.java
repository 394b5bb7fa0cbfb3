package dev.postern.sim;

import dev.postern.sim.events.SimEvents;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A stand-in for one provider, on loopback: it speaks the provider's protocol, checks requests as
 * the real service would, records what it accepted, and misbehaves on demand.
 */
public interface Simulator extends AutoCloseable {

    /** The provider kind simulated: {@code sendgrid}, {@code smtp}, … */
    String type();

    /** Where adapters point their {@code base_url} (or SMTP host and port: {@code smtp://127.0.0.1:port}). */
    URI baseUrl();

    /** Changes how the simulator behaves from now on; {@link Fault.Ok} restores normal service. */
    void fault(Fault fault);

    /** The fault in force now (for a flap, its current step). */
    Fault fault();

    /** Every message accepted since start or {@link #clear}, oldest first. */
    List<ReceivedMessage> received();

    /** Forgets received messages. */
    void clear();

    /** The delivery-event webhooks this simulator sends, if its provider has them. */
    default Optional<SimEvents> webhooks() {
        return Optional.empty();
    }

    /** The simulator's own suppression list, for a provider whose API offers one. */
    default Optional<SeededSuppressions> suppressions() {
        return Optional.empty();
    }

    @Override
    void close();
}
