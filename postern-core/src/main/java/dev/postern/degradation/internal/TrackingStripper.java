package dev.postern.degradation.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Removes tracking artefacts from HTML with a real parser (jsoup): images of at most 1×1 pixels or
 * loaded from a tracking prefix, and click-tracking redirects whose target is recoverable from a
 * query parameter (their {@code href} becomes the target). A wrapped link whose target cannot be
 * recovered is left as it is: a working redirect is better than a dead link.
 */
final class TrackingStripper {
    private static final Pattern CSS_SIZE =
            Pattern.compile("(?:^|;)\\s*(width|height)\\s*:\\s*(\\d+)\\s*px", Pattern.CASE_INSENSITIVE);

    private final List<String> prefixes;

    TrackingStripper(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /** {@code html} without tracking; the very same string when there was none. */
    String strip(String html) {
        boolean whole = html.toLowerCase(Locale.ROOT).contains("<html");
        Document doc = whole ? Jsoup.parse(html) : Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        boolean changed = false;
        for (Element img : doc.select("img")) {
            if (isPixel(img) || tracked(img.attr("src"))) {
                img.remove();
                changed = true;
            }
        }
        for (Element link : doc.select("a[href]")) {
            String href = link.attr("href");
            if (tracked(href)) {
                Optional<String> target = target(href);
                if (target.isPresent()) {
                    link.attr("href", target.get());
                    changed = true;
                }
            }
        }
        if (!changed) {
            return html;
        }
        return whole ? doc.outerHtml() : doc.body().html();
    }

    private boolean tracked(String url) {
        return !url.isEmpty() && prefixes.stream().anyMatch(url::startsWith);
    }

    private static boolean isPixel(Element img) {
        int width = size(img.attr("width"));
        int height = size(img.attr("height"));
        Matcher css = CSS_SIZE.matcher(img.attr("style"));
        while (css.find()) {
            int value = pixels(css.group(2));
            if (css.group(1).equalsIgnoreCase("width")) {
                width = value;
            } else {
                height = value;
            }
        }
        return width >= 0 && width <= 1 && height >= 0 && height <= 1;
    }

    /** A dimension attribute ({@code 1}, {@code 1px}) in pixels, or -1 when absent or not a pixel count. */
    private static int size(String value) {
        String digits = value.strip().toLowerCase(Locale.ROOT).replaceFirst("px$", "");
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return pixels(digits);
    }

    /**
     * ASCII digits as a pixel count; any count too long to matter (more than six digits after the
     * leading zeros) is {@link Integer#MAX_VALUE}, far from a pixel, rather than an overflow.
     */
    private static int pixels(String digits) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(significant);
    }

    /** The first query parameter whose decoded value is an absolute http(s) URL. */
    private static Optional<String> target(String href) {
        String query;
        try {
            query = new URI(href).getRawQuery();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value;
            try {
                value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue; // a malformed escape: not the target
            }
            if (value.startsWith("https://") || value.startsWith("http://")) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
