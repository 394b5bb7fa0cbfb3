package dev.postern.provider.transport;

import dev.postern.provider.AttemptContext;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body that tells the attempt when it is handed over: the moment the HTTP client
 * subscribes to it, before any byte of it is sent. If the attempt was cancelled first, the body
 * fails instead, so the client aborts the request without sending it.
 */
final class HandOffBody implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher body;
    private final AttemptContext context;

    private HandOffBody(HttpRequest.BodyPublisher body, AttemptContext context) {
        this.body = body;
        this.context = context;
    }

    /** {@code request} with its body watched; a request without a body is handed over at once. */
    static HttpRequest watch(HttpRequest request, AttemptContext context) {
        if (request.bodyPublisher().isEmpty() || request.bodyPublisher().get().contentLength() == 0) {
            context.handedOver();
            return request;
        }
        HandOffBody watched = new HandOffBody(request.bodyPublisher().get(), context);
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
        if (context.handedOver()) {
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
        subscriber.onError(new IOException("attempt cancelled before its body was sent"));
    }
}
