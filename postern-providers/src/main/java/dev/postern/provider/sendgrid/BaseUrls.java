package dev.postern.provider.sendgrid;

import java.net.URI;
import java.util.Locale;

/** Checks a {@code base_url}: absolute http(s), no query or fragment; a trailing slash is dropped. */
final class BaseUrls {
    private BaseUrls() {}

    static URI check(URI url) {
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
}
