package dev.postern.provider;

import java.util.function.Consumer;

/**
 * A provider's own suppression list, read through its API page by page. Every request has the
 * adapter's timeouts; a source never follows a link to another host than the configured one.
 */
public interface SuppressionSource {

    /** The most entries one import reads, so a runaway list (or a paging loop) cannot run forever. */
    int MAX_ENTRIES = 1_000_000;

    /**
     * Reads the whole list, handing each entry to {@code each} as its page arrives.
     *
     * @return how many entries were read
     * @throws SuppressionSourceException when the provider cannot be reached, refuses the
     *     credentials, or answers something that is not its documented list
     */
    long read(Consumer<ProviderSuppression> each);
}
