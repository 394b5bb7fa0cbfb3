package dev.postern.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a simulator misbehaves, set at run time from tests, the control API or configuration. The
 * text form ({@link #parse}, {@link #toString}) is what configuration and the control API use:
 * {@code ok}, {@code down}, {@code hang}, {@code hang_greeting}, {@code slow(250ms)}, {@code error(503)},
 * {@code rate_limit(5s)}, {@code auth_fail}, {@code reject_recipient}, {@code garbage},
 * {@code reset_after_body}, {@code budget(0)}, {@code budget(0, 30s)}, {@code flap(down 10s, ok 20s)}.
 */
public sealed interface Fault {

    /** Behaves like the real provider on a good day. */
    record Ok() implements Fault {
        @Override
        public String toString() {
            return "ok";
        }
    }

    /** Refuses connections: nothing listens on the port. */
    record Down() implements Fault {
        @Override
        public String toString() {
            return "down";
        }
    }

    /**
     * Takes each request whole, then never answers: the ambiguous case, the provider may have the
     * message. For SMTP everything up to the final dot is answered; over HTTP the body is read
     * (so a client waiting for {@code 100 Continue} gets it and sends the body).
     */
    record Hang() implements Fault {
        @Override
        public String toString() {
            return "hang";
        }
    }

    /**
     * Accepts connections and never answers anything: for SMTP, no {@code 220} ever comes (and NOOP
     * on open sessions never answers, as under {@link Hang}); over HTTP a request is held before
     * its body is read, so not even {@code 100 Continue} comes and a client that waits for it has
     * sent nothing of the message. The hang of docs/benchmarks.md: "accepts TCP, never answers".
     */
    record HangGreeting() implements Fault {
        @Override
        public String toString() {
            return "hang_greeting";
        }
    }

    /** True for the faults that hold requests until they end ({@code hang}, {@code hang_greeting}). */
    static boolean holds(Fault fault) {
        return fault instanceof Hang || fault instanceof HangGreeting;
    }

    /** Answers normally after {@code delay}. */
    record Slow(Duration delay) implements Fault {
        public Slow {
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public String toString() {
            return "slow(" + delay.toMillis() + "ms)";
        }
    }

    /** Answers every request with HTTP {@code status} (or the SMTP reply code) in the provider's error shape. */
    record Error(int status) implements Fault {
        @Override
        public String toString() {
            return "error(" + status + ")";
        }
    }

    /** Answers with the provider's rate-limit response, asking to retry after {@code retryAfter}. */
    record RateLimit(Duration retryAfter) implements Fault {
        public RateLimit {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        @Override
        public String toString() {
            return "rate_limit(" + retryAfter.toSeconds() + "s)";
        }
    }

    /**
     * Serves normally but reports only {@code remaining} requests left in the provider's rate window,
     * ending {@code reset} from each answer, in the rate-limit headers the provider sends (Resend's
     * {@code ratelimit-*}, SendGrid's {@code X-RateLimit-*} where it sends them). Providers that send
     * no such headers serve as under {@link Ok}.
     */
    record Budget(long remaining, Duration reset) implements Fault {
        /** The window of a provider with a per-second limit, such as Resend's. */
        public static final Duration ONE_SECOND = Duration.ofSeconds(1);

        public Budget {
            Objects.requireNonNull(reset, "reset");
            if (remaining < 0) {
                throw new IllegalArgumentException("budget remaining must be >= 0, but was " + remaining);
            }
            if (reset.isNegative() || reset.toSeconds() < 1) {
                throw new IllegalArgumentException("budget reset must be >= 1s, but was " + reset);
            }
        }

        @Override
        public String toString() {
            return "budget(" + remaining + ", " + reset.toSeconds() + "s)";
        }
    }

    /** Refuses our credentials. */
    record AuthFail() implements Fault {
        @Override
        public String toString() {
            return "auth_fail";
        }
    }

    /** Rejects sends because a recipient is invalid or suppressed; other calls succeed. */
    record RejectRecipient() implements Fault {
        @Override
        public String toString() {
            return "reject_recipient";
        }
    }

    /** Answers 200 with a body that cannot be parsed. */
    record Garbage() implements Fault {
        @Override
        public String toString() {
            return "garbage";
        }
    }

    /** Reads the whole request, then closes the connection without answering: the ambiguous case. */
    record ResetAfterBody() implements Fault {
        @Override
        public String toString() {
            return "reset_after_body";
        }
    }

    /** Cycles through {@code steps}, each for its duration, from the moment it is set. */
    record Flap(List<Step> steps) implements Fault {
        public Flap {
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("flap needs at least one step");
            }
            for (Step step : steps) {
                if (step.fault() instanceof Flap) {
                    throw new IllegalArgumentException("flap steps cannot flap themselves");
                }
            }
        }

        /** One phase of a flap. */
        public record Step(Fault fault, Duration duration) {
            public Step {
                Objects.requireNonNull(fault, "fault");
                if (duration.isZero() || duration.isNegative()) {
                    throw new IllegalArgumentException("flap step duration must be > 0, but was " + duration);
                }
            }
        }

        /** The step in force {@code elapsed} after the flap was set. */
        public Fault at(Duration elapsed) {
            long cycle = steps.stream().mapToLong(s -> s.duration().toMillis()).sum();
            long into = elapsed.toMillis() % cycle;
            for (Step step : steps) {
                if (into < step.duration().toMillis()) {
                    return step.fault();
                }
                into -= step.duration().toMillis();
            }
            return steps.getLast().fault();
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            steps.forEach(s -> parts.add(s.fault() + " " + s.duration().toMillis() + "ms"));
            return "flap(" + String.join(", ", parts) + ")";
        }
    }

    Pattern CALL = Pattern.compile("([a-z_]+)(?:\\((.*)\\))?");

    /** Parses the text form; throws {@link IllegalArgumentException} naming what is wrong. */
    static Fault parse(String text) {
        Matcher m = CALL.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a fault: '" + text + "'");
        }
        String name = m.group(1);
        String arg = m.group(2) == null ? null : m.group(2).strip();
        return switch (name) {
            case "ok" -> noArg(name, arg, new Ok());
            case "down" -> noArg(name, arg, new Down());
            case "hang" -> noArg(name, arg, new Hang());
            case "hang_greeting" -> noArg(name, arg, new HangGreeting());
            case "auth_fail" -> noArg(name, arg, new AuthFail());
            case "reject_recipient" -> noArg(name, arg, new RejectRecipient());
            case "garbage" -> noArg(name, arg, new Garbage());
            case "reset_after_body" -> noArg(name, arg, new ResetAfterBody());
            case "slow" -> new Slow(Durations.parse(required(name, arg)));
            case "rate_limit" -> new RateLimit(Durations.parse(required(name, arg)));
            case "error" -> new Error(status(required(name, arg)));
            case "budget" -> budget(required(name, arg));
            case "flap" -> flap(required(name, arg));
            default ->
                throw new IllegalArgumentException(
                        "unknown fault '" + name + "'; known: ok, down, hang, hang_greeting, "
                                + "slow(ms), error(status), rate_limit(duration), auth_fail, reject_recipient, garbage, "
                                + "reset_after_body, budget(remaining[, reset]), flap(fault duration, ...)");
        };
    }

    private static Fault noArg(String name, String arg, Fault fault) {
        if (arg != null) {
            throw new IllegalArgumentException("fault '" + name + "' takes no argument, but got '" + arg + "'");
        }
        return fault;
    }

    private static String required(String name, String arg) {
        if (arg == null || arg.isEmpty()) {
            throw new IllegalArgumentException("fault '" + name + "' needs an argument, e.g. " + name + "(...)");
        }
        return arg;
    }

    private static int status(String arg) {
        try {
            int status = Integer.parseInt(arg);
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("error status must be in 100..599, but was " + status);
            }
            return status;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("error status must be a number, but was '" + arg + "'");
        }
    }

    private static Budget budget(String arg) {
        List<String> parts = topLevel(arg);
        if (parts.size() > 2) {
            throw new IllegalArgumentException("budget takes (remaining) or (remaining, reset), but got '" + arg + "'");
        }
        long remaining;
        try {
            remaining = Long.parseLong(parts.getFirst().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("budget remaining must be a number, but was '"
                    + parts.getFirst().strip() + "'");
        }
        return new Budget(remaining, parts.size() == 2 ? Durations.parse(parts.get(1)) : Budget.ONE_SECOND);
    }

    private static Flap flap(String arg) {
        List<Flap.Step> steps = new ArrayList<>();
        for (String part : topLevel(arg)) {
            // the duration is the last word: the fault before it may have arguments of its own
            String step = part.strip();
            int space = step.lastIndexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("flap step must be 'fault duration', but was '" + step + "'");
            }
            steps.add(new Flap.Step(parse(step.substring(0, space)), Durations.parse(step.substring(space + 1))));
        }
        return new Flap(steps);
    }

    /** {@code arg} split at the commas outside parentheses. */
    private static List<String> topLevel(String arg) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(arg.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(arg.substring(start));
        return parts;
    }
}
