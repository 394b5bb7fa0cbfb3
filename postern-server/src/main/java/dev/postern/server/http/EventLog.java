package dev.postern.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import io.javalin.http.sse.SseClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Predicate;

/**
 * The most recent events ({@code GET /v1/events}) and the live stream's subscribers ({@code GET
 * /v1/events/stream}), fed by {@code Postern.listen}. Listening is quick: the event is stored and
 * handed to each stream, whose sends are asynchronous in Jetty.
 */
final class EventLog implements EventListener {
    static final int CAPACITY = 1000;

    private final Deque<PosternEvent> recent = new ArrayDeque<>();
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();

    record Subscriber(SseClient client, Predicate<PosternEvent> filter) {}

    @Override
    public void on(PosternEvent event) {
        synchronized (recent) {
            recent.addFirst(event);
            if (recent.size() > CAPACITY) {
                recent.removeLast();
            }
        }
        for (Subscriber s : subscribers) {
            if (s.client().terminated()) {
                subscribers.remove(s);
            } else if (s.filter().test(event)) {
                s.client().sendEvent(event.type(), toJson(event).toString(), null);
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

    void subscribe(SseClient client, Predicate<PosternEvent> filter) {
        Subscriber subscriber = new Subscriber(client, filter);
        subscribers.add(subscriber);
        client.onClose(() -> subscribers.remove(subscriber));
    }

    /** Ends every stream (shutdown). */
    void closeStreams() {
        subscribers.forEach(s -> s.client().close());
        subscribers.clear();
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
