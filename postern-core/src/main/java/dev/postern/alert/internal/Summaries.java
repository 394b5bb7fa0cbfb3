package dev.postern.alert.internal;

import dev.postern.event.PosternEvent;
import java.time.Duration;

/** The one-line text of an aggregated alert: how many per-message events, over which window. */
final class Summaries {
    private Summaries() {}

    static String of(PosternEvent latest, long count, Duration window) {
        String last = " in the last " + format(window);
        return switch (latest) {
            case PosternEvent.Failover f ->
                count + " " + messages(count) + " failed over from " + f.from() + " to " + f.to() + last + " (latest: "
                        + f.reason() + ")";
            case PosternEvent.RateLimited r ->
                r.name() + " rate limited " + count + " " + (count == 1 ? "time" : "times") + last + " (latest: "
                        + r.reason() + ")";
            case PosternEvent.MessageFailed m ->
                count + " " + messages(count) + " failed" + last + " (latest: " + m.reason() + ")";
            default -> "still ongoing: " + latest.detail();
        };
    }

    private static String messages(long count) {
        return count == 1 ? "message" : "messages";
    }

    /** {@code 1m}, {@code 90s}, {@code 2h}: the largest whole unit. */
    static String format(Duration d) {
        long s = d.toSeconds();
        if (s > 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s > 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
