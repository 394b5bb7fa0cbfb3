package dev.postern.bench.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;

/**
 * Load generators over loopback. Closed loops: {@code clients} threads each send, wait for the
 * answer, send again; completions are counted only inside the measured window (after a warm-up).
 * Open loop: {@link #paced} starts one task per tick on its own virtual thread, whatever the answers.
 */
final class Load {
    private Load() {}

    /** Completions per second counted in the measured window, and the requests that failed. */
    record Rate(double perSecond, long counted, long failed) {}

    /** A task run by one closed-loop client; true when the system took the message. */
    interface Task {
        boolean run() throws Exception;
    }

    /** {@code clients} closed loops of {@code task} for {@code warmUp}, then counted for {@code measure}. */
    static Rate closedLoop(int clients, Duration warmUp, Duration measure, java.util.function.IntFunction<Task> client)
            throws InterruptedException {
        long start = System.nanoTime();
        long from = start + warmUp.toNanos();
        long to = from + measure.toNanos();
        AtomicLong counted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Task task = client.apply(i);
            threads.add(Thread.ofPlatform().name("load-" + i).start(() -> {
                while (System.nanoTime() < to) {
                    boolean ok;
                    try {
                        ok = task.run();
                    } catch (Exception e) {
                        ok = false;
                    }
                    long now = System.nanoTime();
                    if (now >= from && now < to) {
                        (ok ? counted : failed).incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Rate(counted.get() / (measure.toNanos() / 1e9), counted.get(), failed.get());
    }

    /** A closed-loop HTTP client posting {@code body} to {@code path}; a success is a status {@code ok} accepts. */
    static Task http(Gateway gateway, String path, String body, IntPredicate ok) {
        return () -> {
            HttpResponse<String> response = gateway.post(path, body);
            return ok.test(response.statusCode());
        };
    }

    /** A closed-loop HTTP client GETting {@code path}; a success is {@code 200}. */
    static Task get(Gateway gateway, String path) {
        return () -> gateway.client
                        .send(gateway.request(path).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                == 200;
    }

    /**
     * A closed-loop SMTP client on one connection (the relay trusts loopback, so no AUTH): MAIL,
     * RCPT, DATA per message; a success is {@code 250} after the final dot.
     */
    static Task smtp(int port, String message) throws IOException {
        SmtpClient session = new SmtpClient(port);
        session.command("EHLO bench.example");
        return () -> session.command("MAIL FROM:<orders@shop.example>") == 250
                && session.command("RCPT TO:<ada@example.com>") == 250
                && session.data(message) == 250;
    }

    /** Starts {@code task} {@code perSecond} times a second for {@code duration}, each on its own virtual thread. */
    static <T> List<Future<T>> paced(
            int perSecond, Duration duration, ExecutorService executor, java.util.concurrent.Callable<T> task) {
        long gap = 1_000_000_000L / perSecond;
        long total = duration.toNanos() / gap;
        long start = System.nanoTime();
        List<Future<T>> futures = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            LockSupport.parkNanos(start + i * gap - System.nanoTime());
            futures.add(executor.submit(task));
        }
        return futures;
    }

    static ExecutorService virtualThreads() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    /** The {@code p}-th percentile (0–100) of sorted values, nearest rank. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The SMTP message text (CRLF line ends) of about {@code bytes} bytes. */
    static String mime(int bytes) {
        String head = "From: Shop <orders@shop.example>\r\nTo: ada@example.com\r\nSubject: Your receipt\r\n"
                + "Message-ID: <bench@shop.example>\r\n\r\n";
        StringBuilder text = new StringBuilder(head);
        while (text.length() < bytes) {
            text.append("x".repeat(76)).append("\r\n");
        }
        return text.toString();
    }
}
