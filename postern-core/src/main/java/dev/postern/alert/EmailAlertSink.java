package dev.postern.alert;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Mails each alert to on-call through a provider other than the one in trouble: directly with
 * {@link Provider#send}, bypassing routing and the outbox (they may be what is failing), each try
 * bounded by its own timeout. Providers are tried in the order given, skipping the one the alert
 * names and any that {@code usable} rules out (out of rotation); the first that accepts wins.
 * When none is left (all providers down), every provider but the named one is tried anyway: an
 * alert that might arrive beats one that surely does not.
 *
 * <p>One mail when an incident opens and one when it resolves; the reminders while it lasts
 * ({@code UPDATED}) are not mailed, since an inbox is read, not paged, and the resolution carries
 * the whole story. Each mail names the incident in its subject and in {@code X-Postern-Incident}.
 */
public final class EmailAlertSink implements AlertSink {
    /** How long one provider may take to accept an alert. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Provider> providers;
    private final Predicate<String> usable;
    private final String from;
    private final List<String> to;
    private final Duration timeout;

    /**
     * @param providers by name, in the order to try them
     * @param usable whether routing currently considers a provider usable
     * @param from the sender mailbox, e.g. {@code Postern <postern@shop.example>}
     * @param to on-call mailboxes
     */
    public EmailAlertSink(
            Map<String, Provider> providers, Predicate<String> usable, String from, List<String> to, Duration timeout) {
        this.providers = new LinkedHashMap<>(providers);
        this.usable = Objects.requireNonNull(usable, "usable");
        this.from = Objects.requireNonNull(from, "from");
        this.to = List.copyOf(to);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (this.to.isEmpty()) {
            throw new IllegalArgumentException("to must list at least one address");
        }
    }

    @Override
    public void deliver(Alert alert) throws IOException, InterruptedException {
        if (alert.incident()
                .filter(i -> i.state() == IncidentView.State.UPDATED)
                .isPresent()) {
            return; // reminders are for the channels that page; the inbox hears open and resolved
        }
        Email.Builder mail = Email.builder()
                .from(from)
                .to(to.toArray(String[]::new))
                .subject(subject(alert))
                .text(body(alert));
        alert.incident().ifPresent(i -> mail.header("X-Postern-Incident", i.id()));
        Email email = mail.build();
        List<String> tried = new ArrayList<>();
        for (String name : candidates(alert)) {
            tried.add(name + ": " + attempt(providers.get(name), email));
            if (tried.getLast().endsWith(": accepted")) {
                return;
            }
        }
        throw new IOException("no provider took the alert mail: " + String.join("; ", tried));
    }

    /** Who may carry {@code alert}: never the provider it is about. */
    List<String> candidates(Alert alert) {
        List<String> others = providers.keySet().stream()
                .filter(name -> alert.provider().map(p -> !p.equals(name)).orElse(true))
                .toList();
        List<String> usableOthers = others.stream().filter(usable).toList();
        return usableOthers.isEmpty() ? others : usableOthers;
    }

    private String attempt(Provider provider, Email email) throws InterruptedException {
        AttemptContext context = new AttemptContext("alert-" + UUID.randomUUID(), 1, true);
        // Its own thread, so a provider that hangs costs this alert the timeout, not the sink's thread.
        FutureTask<SendOutcome> sending = new FutureTask<>(() -> provider.send(email, context));
        Thread.ofVirtual().name("postern-alert-mail").start(sending);
        try {
            SendOutcome outcome = sending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return outcome instanceof SendOutcome.Accepted ? "accepted" : outcome.toString();
        } catch (TimeoutException e) {
            sending.cancel(true);
            return "no answer within " + timeout;
        } catch (ExecutionException e) {
            return "threw " + e.getCause();
        }
    }

    /** {@code [Postern] OPENED emailr: incident emailr-20260105T090000Z-1}; drills keep their event name. */
    static String subject(Alert alert) {
        return alert.incident()
                .map(i -> "[Postern] " + i.state().name() + " " + i.provider().orElse(i.condition()) + ": incident "
                        + i.id())
                .orElseGet(() -> "[Postern] " + alert.event()
                        + alert.provider().map(p -> ": " + p).orElse(""));
    }

    private static String body(Alert alert) {
        StringBuilder text = new StringBuilder(Alerts.line(alert))
                .append("\n\nat ")
                .append(alert.at())
                .append('\n');
        alert.incident().ifPresent(i -> {
            text.append("incident: ")
                    .append(i.id())
                    .append(" (")
                    .append(Alerts.wire(i.state()))
                    .append(")\n");
            text.append("opened at: ").append(i.openedAt()).append('\n');
            i.resolvedAt().ifPresent(r -> text.append("resolved at: ").append(r).append('\n'));
            text.append("signals: ").append(String.join(", ", i.signals())).append('\n');
            new java.util.TreeMap<>(i.counts())
                    .forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
            i.lastAnswer().ifPresent(a -> text.append("last answer: ").append(a).append('\n'));
        });
        return text.toString();
    }

    @Override
    public String toString() {
        return "EmailAlertSink" + to;
    }
}
