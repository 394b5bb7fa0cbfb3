package dev.postern.sim.events;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delivery-event webhooks of one simulator: where they go, which addresses produce which event,
 * and what was sent. Once a target is set, every accepted message produces one event per recipient
 * — {@code delivered} unless the address is scripted (or is one of the provider's documented test
 * addresses) — sent asynchronously after the send was answered.
 */
public final class SimEvents implements AutoCloseable {
    /** The pause before the first retry of a webhook the receiver refused. */
    public static final Duration RETRY_PAUSE = Duration.ofMillis(200);
    /** How many accepted messages are remembered for {@link #resend}; a benchmark sends many more. */
    public static final int REMEMBERED = 10_000;

    private final WebhookFormat format;
    private final Clock clock;
    private final EventSender sender;
    private final Map<String, EventKind> script = new ConcurrentHashMap<>();
    /** Accepted messages, for events sent again on demand: the most recent {@value #REMEMBERED}. */
    private final Deque<EventMessage> accepted = new ArrayDeque<>();

    private volatile URI target;

    public SimEvents(String name, WebhookFormat format, Clock clock) {
        this(name, format, clock, RETRY_PAUSE);
    }

    public SimEvents(String name, WebhookFormat format, Clock clock, Duration retryPause) {
        this.format = Objects.requireNonNull(format, "format");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sender = new EventSender(name, retryPause, clock);
    }

    /** Where events go; empty while none is set (nothing is sent then). */
    public Optional<URI> target() {
        return Optional.ofNullable(target);
    }

    /**
     * Sends events to {@code url} from now on (an {@code http} or {@code https} URL; credentials in it
     * are sent as Basic auth), first sending whatever the provider sends on subscribing.
     */
    public void target(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException(
                    "webhook url must be an absolute http(s) URL, but was '" + EventSender.shown(url) + "'");
        }
        target = url;
        format.subscribe(url).forEach(request -> sender.submit(url, request.what(), () -> request, "", "", false));
    }

    /** Stops sending events. */
    public void stop() {
        target = null;
    }

    /** What a receiver needs to verify the webhooks ({@link WebhookFormat#keys}). */
    public Map<String, String> keys() {
        return format.keys();
    }

    /** From now on, messages to {@code address} produce {@code kind} instead of {@code delivered}. */
    public void script(String address, EventKind kind) {
        script.put(normal(address), Objects.requireNonNull(kind, "kind"));
    }

    /** The scripted addresses and their events. */
    public Map<String, EventKind> script() {
        return new TreeMap<>(script);
    }

    /** Forgets every scripted address. */
    public void clearScript() {
        script.clear();
    }

    /** Called once the simulator has answered a send it accepted: one event per recipient. */
    public void accepted(EventMessage message) {
        synchronized (accepted) {
            accepted.addLast(message);
            if (accepted.size() > REMEMBERED) {
                accepted.removeFirst();
            }
        }
        for (String recipient : message.recipients()) {
            EventKind kind = Optional.ofNullable(script.get(normal(recipient)))
                    .or(() -> format.magicAddress(normal(recipient)))
                    .orElse(EventKind.DELIVERED);
            send(message, recipient, kind, false);
        }
    }

    /**
     * Sends {@code kind} for an accepted message, to {@code recipient} or (when null) each of its
     * recipients; {@code forged}: signed with keys the receiver does not know. Returns how many
     * events were queued.
     *
     * @throws IllegalArgumentException no accepted message has that id, or no target is set
     */
    public int resend(String providerMessageId, EventKind kind, String recipient, boolean forged) {
        if (target == null) {
            throw new IllegalArgumentException("no webhook url is set: set one first");
        }
        EventMessage message = remembered(providerMessageId)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no accepted message has id '" + providerMessageId + "' (of the last " + REMEMBERED + ")"));
        List<String> recipients = recipient == null ? message.recipients() : List.of(recipient);
        int queued = 0;
        for (String to : recipients) {
            queued += send(message, to, kind, forged) ? 1 : 0;
        }
        return queued;
    }

    /** Every delivery attempt so far, oldest first. */
    public List<SentEvent> sent() {
        return sender.records();
    }

    /** Forgets accepted messages and the record of what was sent; keeps target and script. */
    public void clear() {
        synchronized (accepted) {
            accepted.clear();
        }
        sender.forget();
    }

    @Override
    public void close() {
        sender.close();
    }

    private Optional<EventMessage> remembered(String providerMessageId) {
        synchronized (accepted) {
            Iterator<EventMessage> newestFirst = accepted.descendingIterator();
            while (newestFirst.hasNext()) {
                EventMessage m = newestFirst.next();
                if (m.providerMessageId().equals(providerMessageId)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    private boolean send(EventMessage message, String recipient, EventKind kind, boolean forged) {
        URI to = target;
        if (to == null) {
            return false;
        }
        if (!format.ready()) {
            // as SNS: nothing reaches an endpoint whose subscription is not confirmed
            return false;
        }
        OutgoingEvent event = new OutgoingEvent(
                UUID.randomUUID().toString(), kind, EventMessage.bareAddress(recipient), message, clock.instant());
        return sender.submit(
                to,
                kind.scriptName(),
                () -> format.request(event, forged),
                event.recipient(),
                message.providerMessageId(),
                forged);
    }

    private static String normal(String address) {
        return EventMessage.bareAddress(address).toLowerCase(Locale.ROOT);
    }

    /** The recipients of a message, as bare addresses, in order. */
    public static List<String> bare(List<String> addresses) {
        List<String> bare = new ArrayList<>();
        addresses.forEach(a -> bare.add(EventMessage.bareAddress(a)));
        return bare;
    }
}
