package dev.postern.sim.http;

import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.events.EventMessage;
import dev.postern.sim.events.SimEvents;
import java.util.ArrayList;
import java.util.List;

/** What a provider's events repeat of a message it accepted. */
final class AcceptedMessages {
    private AcceptedMessages() {}

    /** The message as its events see it: every recipient (to, cc, bcc) as a bare address. */
    static EventMessage forEvents(ReceivedMessage m) {
        List<String> recipients = new ArrayList<>(m.to());
        recipients.addAll(m.cc());
        recipients.addAll(m.bcc());
        return new EventMessage(
                m.providerMessageId(),
                m.from(),
                SimEvents.bare(recipients),
                m.subject(),
                m.metadata(),
                m.headers(),
                m.tags());
    }
}
