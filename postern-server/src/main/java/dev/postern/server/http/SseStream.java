package dev.postern.server.http;

import io.javalin.http.sse.SseClient;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of {@code GET /v1/events/stream}: a bounded buffer filled by {@link #offer}, which
 * never blocks, and a writer thread of its own that empties it onto the socket. A client that
 * reads slower than events come fills its buffer and is disconnected: it may reconnect and catch
 * up from {@code GET /v1/events}, and nothing else ever waits for it.
 */
final class SseStream {
    /** One event as the stream sends it: its SSE event name, its provider (for filters) and its JSON. */
    record Streamed(String type, Optional<String> provider, String json) {}

    private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);

    /** Events a client may have waiting before it is disconnected. */
    static final int BUFFER = 256;

    private final SseClient client;
    private final Predicate<Streamed> filter;
    private final BlockingQueue<Streamed> buffer = new ArrayBlockingQueue<>(BUFFER);
    private final Thread writer;

    SseStream(SseClient client, Predicate<Streamed> filter) {
        this.client = client;
        this.filter = filter;
        this.writer = Thread.ofVirtual().name("postern-sse").unstarted(this::write);
    }

    void start() {
        writer.start();
    }

    /** Queues {@code event} if the client wants it; false when the client is gone or was just dropped. */
    boolean offer(Streamed event) {
        if (client.terminated()) {
            return false;
        }
        if (!filter.test(event) || buffer.offer(event)) {
            return true;
        }
        LOG.warn(
                "event stream client {} fell {} events behind; disconnected",
                client.ctx().req().getRemoteAddr(),
                BUFFER);
        disconnect();
        return false;
    }

    /**
     * Ends the stream now. The connection is closed under the writer, since a write blocked on a
     * client that stopped reading would otherwise wait for the idle timeout.
     */
    void disconnect() {
        try {
            ServletContextRequest.getServletContextRequest(client.ctx().req())
                    .getConnectionMetaData()
                    .getConnection()
                    .getEndPoint()
                    .close();
        } catch (RuntimeException e) {
            LOG.debug("closing an event stream's connection failed", e);
        }
        close();
    }

    /** Ends the stream as the server shuts down. */
    void close() {
        client.close();
        writer.interrupt();
    }

    private void write() {
        try {
            client.sendComment("postern events");
            while (!client.terminated()) {
                Streamed event = buffer.take();
                client.sendEvent(event.type(), event.json(), null);
            }
        } catch (InterruptedException e) {
            // closed: nothing more to send
        } catch (RuntimeException e) {
            LOG.debug("writing to an event stream failed; it ends", e);
            client.close();
        }
    }
}
