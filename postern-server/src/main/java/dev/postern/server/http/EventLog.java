package dev.postern.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import dev.postern.outbox.store.StoredEvent;
import dev.postern.server.events.DeliveryEventListener;
import dev.postern.server.events.EventJson;
import io.javalin.http.sse.SseClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Predicate;

/**
 * The most recent events ({@code GET /v1/events}) and the live stream's clients ({@code GET
 * /v1/events/stream}). A listener of Postern's events, so it runs off the send path; it hands each
 * event to every stream's bounded buffer without waiting ({@link SseStream}). Attempts are not
 * operators' events: they are counted in {@code /metrics} and charted by the dashboard instead.
 */
public final class EventLog implements EventListener, DeliveryEventListener {
    static final int CAPACITY = 1000;

    private final Deque<PosternEvent> recent = new ArrayDeque<>();
    private final Set<SseStream> streams = new CopyOnWriteArraySet<>();

    @Override
    public void on(PosternEvent event) {
        if (event instanceof PosternEvent.Attempted) {
            return;
        }
        synchronized (recent) {
            recent.addFirst(event);
            if (recent.size() > CAPACITY) {
                recent.removeLast();
            }
        }
        stream(new SseStream.Streamed(
                event.type(), event.provider(), toJson(event).toString()));
    }

    /**
     * Streams providers' delivery events as they are stored, in the outbound webhook's shape; {@code
     * GET /v1/events} reads them from the store, where they are kept, rather than from here.
     */
    @Override
    public void recorded(List<StoredEvent> events) {
        for (StoredEvent e : events) {
            stream(new SseStream.Streamed(
                    e.type().wireName(),
                    Optional.of(e.provider()),
                    EventJson.toJson(e).toString()));
        }
    }

    private void stream(SseStream.Streamed event) {
        for (SseStream stream : streams) {
            if (!stream.offer(event)) {
                streams.remove(stream);
            }
        }
    }

    /** Newest first, at most {@code limit}, those matching {@code filter}. */
    List<PosternEvent> recent(Predicate<PosternEvent> filter, int limit) {
        List<PosternEvent> out = new ArrayList<>();
        synchronized (recent) {
            for (PosternEvent e : recent) {
                if (out.size() == limit) {
                    break;
                }
                if (filter.test(e)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    void subscribe(SseClient client, Predicate<SseStream.Streamed> filter) {
        SseStream stream = new SseStream(client, filter);
        streams.add(stream);
        client.onClose(() -> streams.remove(stream));
        stream.start();
    }

    /** Ends every stream (shutdown). */
    void closeStreams() {
        streams.forEach(SseStream::close);
        streams.clear();
    }

    static ObjectNode toJson(PosternEvent event) {
        ObjectNode node = Json.object();
        node.put("type", event.type());
        node.put("provider", event.provider().orElse(null));
        node.put("at", event.at().toString());
        node.put("detail", event.detail());
        return node;
    }
}
