package dev.postern.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A simulator's own suppression list, seeded through the control API ({@code POST
 * /_sim/{name}/suppressions}) and served on the provider's list endpoints, so that {@code postern
 * suppressions import} can be tested against it. Oldest first.
 */
public final class SeededSuppressions {
    /** What put the address on the list. */
    public enum Kind {
        BOUNCE,
        COMPLAINT
    }

    /** One listed address. */
    public record Entry(String address, Kind kind, String detail, Instant created) {
        public Entry {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(created, "created");
        }
    }

    /** Most entries a simulator holds: enough for paging tests, bounded against a runaway seed. */
    public static final int MAX = 100_000;

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(List<Entry> more) {
        if (entries.size() + more.size() > MAX) {
            throw new IllegalArgumentException("a simulator holds at most " + MAX + " suppressions");
        }
        entries.addAll(more);
    }

    /** The entries of {@code kind}, oldest first. */
    public synchronized List<Entry> of(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    public synchronized List<Entry> all() {
        return List.copyOf(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
