package dev.postern.provider.transport;

import dev.postern.provider.AttemptContext;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Flow;

/**
 * A request body that tells the attempt when it is handed over: the moment the HTTP client
 * subscribes to it, before any byte of it is sent. If the attempt was cancelled first, the body
 * fails instead, so the client aborts the request without sending it.
 *
 * <p>The body is also refused once the request's deadline has passed. The JDK client waits for
 * {@code 100 Continue} at most {@code min(5 s, request timeout)} and then sends the body unasked;
 * with a timeout of 5 s or less that would hand a message to a provider that never answered, in
 * the very instant the request times out. Refusing it keeps such an attempt {@code Unavailable}:
 * nothing was sent. (With a longer timeout the body goes after 5 s.)
 *
 * <p>A {@link ContinueGate} lets the transport abandon the request before its body is asked for
 * (an endpoint that may ignore {@code Expect}, {@link ExpectMemory}); a body asked for after that is
 * refused, so the abandoned request never sent a byte of it.
 */
final class HandOffBody implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher body;
    private final AttemptContext context;
    private final long deadlineNanos;
    private final ContinueGate gate;
    private final Runnable onTaken;

    private HandOffBody(
            HttpRequest.BodyPublisher body,
            AttemptContext context,
            long deadlineNanos,
            ContinueGate gate,
            Runnable onTaken) {
        this.body = body;
        this.context = context;
        this.deadlineNanos = deadlineNanos;
        this.gate = gate;
        this.onTaken = onTaken;
    }

    /**
     * {@code request} with its body watched; a request without a body is handed over at once.
     * Call it just before sending: the request's timeout counts from now. {@code onTaken} runs when
     * the client asks for the body in time and {@code gate} lets it.
     */
    static HttpRequest watch(HttpRequest request, AttemptContext context, ContinueGate gate, Runnable onTaken) {
        if (request.bodyPublisher().isEmpty() || request.bodyPublisher().get().contentLength() == 0) {
            context.handedOver();
            return request;
        }
        long deadline =
                System.nanoTime() + request.timeout().map(Duration::toNanos).orElse(Long.MAX_VALUE / 2);
        HandOffBody watched = new HandOffBody(request.bodyPublisher().get(), context, deadline, gate, onTaken);
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .method(request.method(), watched)
                .build();
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        boolean pastDeadline = System.nanoTime() - deadlineNanos >= 0;
        // the gate before the hand-off: an abandoned request must not count as handed over
        boolean taken = !pastDeadline && gate.take();
        if (taken) {
            onTaken.run();
        }
        if (taken && context.handedOver()) {
            body.subscribe(subscriber);
            return;
        }
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                // nothing will be sent
            }

            @Override
            public void cancel() {
                // nothing to stop
            }
        });
        subscriber.onError(new IOException(
                pastDeadline
                        ? "no 100 Continue before the request's deadline; its body was not sent"
                        : taken
                                ? "attempt cancelled before its body was sent"
                                : "no 100 Continue in time; its body was not sent"));
    }
}
