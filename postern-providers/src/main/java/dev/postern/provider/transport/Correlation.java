package dev.postern.provider.transport;

/** Names under which every attempt carries Postern's message id (docs/providers.md). */
public final class Correlation {
    /** The header added to every message. */
    public static final String HEADER = "X-Postern-Id";

    /** The key in a provider's metadata field (custom_args, v: variables, Metadata, tags, …). */
    public static final String METADATA_KEY = "postern_id";

    private Correlation() {}
}
