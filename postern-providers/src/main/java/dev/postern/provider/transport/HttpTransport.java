package dev.postern.provider.transport;

import dev.postern.http.CappedBody;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.AttemptPhase;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.UploadTime;
import dev.postern.time.Scheduler;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * The JDK HTTP client with Postern's timeouts and its reading of failures. Shared by every HTTP
 * adapter so that "did the request reach the provider?" is decided in one place:
 *
 * <ul>
 *   <li>connect refused, connect timeout, unknown host, TLS handshake failure → {@code Unavailable}
 *       (nothing was handed over, failing over cannot duplicate);
 *   <li>any failure once connected (request timeout, reset, EOF before the answer) → {@code
 *       Ambiguous}: the JDK client does not tell whether the body was fully sent, so Postern
 *       assumes it may have been;
 *   <li>cancelled by Postern (the provider is suspect), or timed out, before the client took the
 *       body → {@code Unavailable}: the body is what carries the message, and it was never sent.
 * </ul>
 *
 * <p>An attempt's request timeout is the configured one plus {@link UploadTime} for its body, so
 * a 25 MiB message on a slow link is not cut off for its size.
 *
 * <p>An attempt's request carries {@code Expect: 100-continue} (RFC 9110 §10.1.1), so the body
 * leaves only once the provider has answered {@code 100 Continue} — or its final answer, which
 * ends the exchange without the body. A provider that accepts the connection and never answers
 * therefore never receives the message, and Postern may abandon the attempt for another provider
 * without risking a duplicate (docs/routing.md, suspect providers). The price is one round trip per send, paid in
 * latency, not in throughput.
 *
 * <p>Some endpoints ignore {@code Expect} (in-house webhooks, mocks, some proxies) and wait for the
 * body that would never come. {@link ExpectMemory} remembers per endpoint which kind it is: one that
 * has answered {@code 100 Continue} keeps waiting for it (its silence is a hang before hand-off);
 * at one not known to, a request without {@code 100 Continue} or an answer within {@link
 * ExpectMemory#WAIT} is abandoned before any byte of its body and sent again at once without
 * Expect; that body on the wire is the hand-off, as for any request.
 */
public final class HttpTransport {
    /** The largest answer body read (the rest is never read, {@link CappedBody}); providers' answers are small. */
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final ExpectMemory expectations;
    private final Scheduler scheduler;

    /** A transport on the system clock. */
    public HttpTransport(Timeouts timeouts) {
        this(timeouts, Clock.systemUTC(), SystemScheduler.INSTANCE);
    }

    /** A transport whose wait for {@code 100 Continue} and re-probes run on {@code clock} and {@code scheduler}. */
    public HttpTransport(Timeouts timeouts, Clock clock, Scheduler scheduler) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = timeouts.request();
        this.expectations = new ExpectMemory(clock);
        this.scheduler = scheduler;
    }

    /** One timer thread for every transport, made on first use. */
    private static final class SystemScheduler {
        static final Scheduler INSTANCE = Scheduler.system();
    }

    /** Sends {@code request} (its own timeout, if set, wins) and reads the answer: for health probes. */
    public HttpAnswer send(HttpRequest.Builder request) {
        Duration timeout = timeoutFor(request);
        HttpRequest built = request.timeout(timeout).build();
        return answer(client.sendAsync(built, CappedBody.handler(MAX_ANSWER_BYTES)), null, timeout);
    }

    /**
     * Sends {@code request} for one attempt and reports its progress to {@code context}: the
     * attempt is handed over when the client starts to take the request body — after the
     * provider's {@code 100 Continue} (conservative: the headers alone cannot deliver a message) —
     * and until then Postern may cancel it, which aborts the exchange. Without a body the request
     * counts as handed over at once. An endpoint not known to honour Expect gets the body without
     * it after {@link ExpectMemory#WAIT} ({@link ExpectMemory}).
     */
    public HttpAnswer send(HttpRequest.Builder request, AttemptContext context) {
        if (context == null) {
            return send(request);
        }
        Duration timeout = timeoutFor(request);
        HttpRequest built = request.timeout(timeout).build();
        long bodyBytes = bodyBytes(built);
        URI endpoint = built.uri();
        AtomicReference<CompletableFuture<HttpResponse<byte[]>>> current = new AtomicReference<>();
        context.onCancel(() -> {
            CompletableFuture<HttpResponse<byte[]>> exchange = current.get();
            if (exchange != null) {
                exchange.cancel(true);
            }
        });
        ExpectMemory.Plan plan = bodyBytes == 0 ? ExpectMemory.Plan.EXPECT : expectations.plan(endpoint);
        if (plan == ExpectMemory.Plan.WITHOUT) {
            return exchange(withExpect(built, false), context, new ContinueGate(), () -> {}, current, timeout);
        }
        ContinueGate gate = new ContinueGate();
        HttpAnswer answer;
        if (plan == ExpectMemory.Plan.EXPECT) {
            answer = exchange(withExpect(built, true), context, gate, () -> {}, current, timeout);
        } else {
            answer = waitingForContinue(built, context, gate, current, timeout);
        }
        boolean refused = answer instanceof HttpAnswer.Answered answered && answered.status() == 417;
        boolean bodyNotSent = gate.abandoned() && answer instanceof HttpAnswer.Failed;
        if (context.cancelled() || gate.taken() || !(bodyNotSent || refused)) {
            return answer;
        }
        // No byte of the body left, so the provider cannot have acted on it: send it again, without Expect.
        HttpAnswer again = exchange(withExpect(built, false), context, new ContinueGate(), () -> {}, current, timeout);
        if (again instanceof HttpAnswer.Answered) {
            expectations.ignored(endpoint);
        }
        return again;
    }

    /** Sends with Expect; abandons the request if neither {@code 100 Continue} nor an answer comes in time. */
    private HttpAnswer waitingForContinue(
            HttpRequest built,
            AttemptContext context,
            ContinueGate gate,
            AtomicReference<CompletableFuture<HttpResponse<byte[]>>> current,
            Duration timeout) {
        URI endpoint = built.uri();
        Runnable honoured = () -> expectations.honoured(endpoint);
        HttpRequest request = HandOffBody.watch(withExpect(built, true), context, gate, honoured);
        CompletableFuture<HttpResponse<byte[]>> exchange = start(request, context, current);
        Scheduler.Cancellable wait = scheduler.schedule(ExpectMemory.WAIT, () -> {
            // Another request may have learned meanwhile that the endpoint honours Expect: then this silence is a hang.
            if (!expectations.honours(endpoint) && gate.abandon()) {
                exchange.cancel(true);
            }
        });
        try {
            return answer(exchange, context, timeout);
        } finally {
            wait.cancel();
        }
    }

    private HttpAnswer exchange(
            HttpRequest built,
            AttemptContext context,
            ContinueGate gate,
            Runnable onTaken,
            AtomicReference<CompletableFuture<HttpResponse<byte[]>>> current,
            Duration timeout) {
        HttpRequest request = HandOffBody.watch(built, context, gate, onTaken);
        return answer(start(request, context, current), context, timeout);
    }

    private CompletableFuture<HttpResponse<byte[]>> start(
            HttpRequest request,
            AttemptContext context,
            AtomicReference<CompletableFuture<HttpResponse<byte[]>>> current) {
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request, CappedBody.handler(MAX_ANSWER_BYTES));
        current.set(exchange);
        if (context.cancelled()) {
            exchange.cancel(true); // cancelled before the hook could see this exchange
        }
        return exchange;
    }

    private HttpAnswer answer(
            CompletableFuture<HttpResponse<byte[]>> exchange, AttemptContext context, Duration timeout) {
        try {
            HttpResponse<byte[]> response = exchange.get();
            return new HttpAnswer.Answered(response.statusCode(), response.headers(), response.body());
        } catch (CancellationException e) {
            return unavailable("cancelled before the request was handed over");
        } catch (ExecutionException e) {
            HttpAnswer.Failed failed = failed(e.getCause(), timeout);
            if (context != null
                    && context.phase() != AttemptPhase.AWAITING_ANSWER
                    && failed.outcome() instanceof SendOutcome.Ambiguous) {
                return unavailable(notSent(e.getCause(), failed.outcome(), timeout));
            }
            return failed;
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new HttpAnswer.Failed(new SendOutcome.Ambiguous("interrupted while waiting for the answer"));
        }
    }

    /** A big body earns the time its size takes on the way, so that only a provider's silence times out. */
    private Duration timeoutFor(HttpRequest.Builder request) {
        return requestTimeout.plus(UploadTime.of(bodyBytes(request.build())));
    }

    private static long bodyBytes(HttpRequest request) {
        return request.bodyPublisher()
                .map(HttpRequest.BodyPublisher::contentLength)
                .orElse(0L);
    }

    private static HttpRequest withExpect(HttpRequest request, boolean expect) {
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .expectContinue(expect)
                .build();
    }

    private HttpAnswer.Failed failed(Throwable failure, Duration timeout) {
        if (failure instanceof CancellationException) {
            // Only a cancelled attempt cancels the exchange, and only before its body was taken.
            return unavailable("cancelled before the request was handed over");
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return unavailable("connect timed out after "
                    + client.connectTimeout().orElseThrow().toMillis() + " ms");
        }
        if (failure instanceof ConnectException || failure.getCause() instanceof ConnectException) {
            return unavailable("connection refused");
        }
        if (failure instanceof SSLException) {
            return unavailable("TLS failure: " + failure.getMessage());
        }
        if (failure instanceof UnresolvedAddressException || failure.getCause() instanceof UnresolvedAddressException) {
            return unavailable("unknown host");
        }
        if (failure instanceof HttpTimeoutException) {
            return new HttpAnswer.Failed(new SendOutcome.Ambiguous(
                    "no answer within " + timeout.toMillis() + " ms after the request was sent"));
        }
        if (failure instanceof IOException) {
            return new HttpAnswer.Failed(new SendOutcome.Ambiguous("connection lost before the answer: " + failure));
        }
        return new HttpAnswer.Failed(new SendOutcome.Ambiguous("the request failed: " + failure));
    }

    /** Why an attempt failed before its body left: nothing of the message reached the provider. */
    private static String notSent(Throwable failure, SendOutcome outcome, Duration timeout) {
        if (failure instanceof HttpTimeoutException) {
            return "no answer (not even 100 Continue) within " + timeout.toMillis() + " ms; the message was not sent";
        }
        return outcome.detail() + "; the message was not sent";
    }

    private static HttpAnswer.Failed unavailable(String reason) {
        return new HttpAnswer.Failed(new SendOutcome.Unavailable(reason));
    }
}
