package dev.postern.sim.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Posts webhook requests one at a time, in order, on a virtual thread, as the providers do: each
 * request with a timeout, retried a few times (after a growing pause) while the receiver answers
 * other than 2xx or not at all. The queue is bounded; a request that finds it full is dropped and
 * recorded so. Every attempt is recorded (the most recent {@value #MAX_RECORDS}).
 */
final class EventSender implements AutoCloseable {
    static final int QUEUE_CAPACITY = 1000;
    static final int MAX_RECORDS = 10_000;
    /** The first try and three retries; the providers retry for longer, but a test wants an end. */
    static final int ATTEMPTS = 4;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final ThreadPoolExecutor worker;
    private final Duration retryPause;
    private final Clock clock;
    private final Deque<SentEvent> records = new ArrayDeque<>();

    /** {@code retryPause} before the first retry, twice that before the second, and so on. */
    EventSender(String name, Duration retryPause, Clock clock) {
        this.retryPause = retryPause;
        this.clock = clock;
        this.worker = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                Thread.ofVirtual().name(name + "-events").factory());
    }

    /**
     * Queues the request {@code build} makes (on the sender's thread: signing can take a while, and
     * the caller may be a server's I/O thread) for {@code target}; returns false (and records it)
     * when the queue is full.
     */
    boolean submit(
            URI target,
            String what,
            Supplier<SignedRequest> build,
            String recipient,
            String messageId,
            boolean forged) {
        try {
            worker.execute(() -> deliver(target, build.get(), recipient, messageId, forged));
            return true;
        } catch (RejectedExecutionException e) {
            record(new SentEvent(
                    what, recipient, messageId, shown(target), 0, 0, "queue full: dropped", forged, clock.instant()));
            return false;
        }
    }

    /** Every attempt so far, oldest first. */
    synchronized List<SentEvent> records() {
        return List.copyOf(records);
    }

    synchronized void forget() {
        records.clear();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        http.shutdownNow();
    }

    private void deliver(URI target, SignedRequest request, String recipient, String messageId, boolean forged) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int status = 0;
            String error = "";
            try {
                status = post(target, request, forged);
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // closing
            }
            SentEvent sent = new SentEvent(
                    request.what(),
                    recipient,
                    messageId,
                    shown(target),
                    attempt,
                    status,
                    error,
                    forged,
                    clock.instant());
            record(sent);
            if (sent.accepted() || attempt == ATTEMPTS || !pause(attempt)) {
                return;
            }
        }
    }

    private int post(URI target, SignedRequest request, boolean forged) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(withoutUserInfo(target))
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        if (target.getRawUserInfo() != null) {
            // Credentials in the URL become Basic auth, as Postmark (and SendGrid, Mailgun) send them;
            // a forged request carries a wrong password too.
            String credentials = target.getUserInfo() + (forged ? "-wrong" : "");
            builder.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private boolean pause(int attempt) {
        try {
            Thread.sleep(retryPause.multipliedBy(attempt));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized void record(SentEvent sent) {
        records.addLast(sent);
        while (records.size() > MAX_RECORDS) {
            records.removeFirst();
        }
    }

    /** The target as the record shows it: never with its credentials. */
    static String shown(URI target) {
        return withoutUserInfo(target).toString();
    }

    private static URI withoutUserInfo(URI target) {
        if (target.getRawUserInfo() == null) {
            return target;
        }
        String text = target.toString();
        return URI.create(text.replace(target.getRawUserInfo() + "@", ""));
    }
}
