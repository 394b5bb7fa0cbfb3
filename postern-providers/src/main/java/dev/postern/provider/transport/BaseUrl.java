package dev.postern.provider.transport;

import java.net.URI;
import java.util.Locale;

/** A provider's {@code base_url}: where its API lives, or a simulator in tests. */
public final class BaseUrl {
    private BaseUrl() {}

    /**
     * Checks {@code url} for the {@code base_url} key: absolute http(s) with a host, no query or
     * fragment; a trailing slash is dropped so that paths can be appended.
     */
    public static URI check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new IllegalArgumentException("base_url must be an absolute http(s) URL, but was '" + url + "'");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("base_url must have no query or fragment, but was '" + url + "'");
        }
        String text = url.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
    }

    /** {@code path} (starting with {@code /}) under a base URL that {@link #check} accepted. */
    public static URI resolve(URI base, String path) {
        return URI.create(base + path);
    }
}
