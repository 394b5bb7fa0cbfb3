package dev.postern.ratelimit;

import java.time.Instant;

/**
 * A provider's rate budget shared with other processes, so that several gateways together keep to
 * a provider's limits (docs/scaling.md). It is consulted after the process's own token bucket, so
 * it only ever narrows what one process may send. Implementations must be safe to call from many
 * threads and should answer quickly: the call is on the send path.
 */
public interface SharedBudget {

    /**
     * Takes {@code tokens} from {@code provider}'s shared budget under {@code limits} at {@code now},
     * all or none.
     *
     * @return false when the budget is spent for the current second or day
     */
    boolean tryTake(String provider, RateLimitConfig limits, int tokens, Instant now);

    /** Returns tokens taken at {@code now} for attempts that were not made. */
    void giveBack(String provider, RateLimitConfig limits, int tokens, Instant now);
}
