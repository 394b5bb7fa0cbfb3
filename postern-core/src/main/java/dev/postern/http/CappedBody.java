package dev.postern.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer body read up to {@code max} bytes: what comes after is never read, so a provider, a
 * paging service (or anything posing as one) answering hundreds of megabytes costs at most {@code max} bytes of heap.
 * Once the limit is reached the subscription is cancelled, which closes the connection rather than
 * draining a body that may never end; the body is the first {@code max} bytes.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(int max) {
        this.max = max;
    }

    /** A handler whose bodies hold at most {@code max} bytes. */
    public static HttpResponse.BodyHandler<byte[]> handler(int max) {
        return info -> new CappedBody(max);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), max - kept.size());
            byte[] bytes = new byte[take];
            buffer.get(bytes);
            kept.write(bytes, 0, take);
        }
        if (kept.size() >= max) {
            subscription.cancel();
            body.complete(kept.toByteArray());
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(kept.toByteArray());
    }
}
