package dev.postern.server.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's files, read from the jar once at start and served from memory. Jetty's static
 * file handler would mount the whole jar as a zip file system for each location (the gateway's jar
 * holds some 30,000 entries: about 10 MB of heap per mount, 80 MB in all) and look each request
 * path up in it; the dashboard has a dozen files, known in advance.
 */
final class DashboardAssets {
    /** The page's own files, under {@link Dashboard#ASSETS}. */
    static final List<String> OWN = List.of(
            "api.js",
            "app.js",
            "chart.js",
            "dashboard.css",
            "dom.js",
            "incidents.js",
            "messages.js",
            "providers.js",
            "sse.js");

    /** The WebJar files the page loads, under {@code /webjars/}. */
    static final List<String> WEBJARS =
            List.of("uplot/1.6.30/dist/uPlot.min.css", "uplot/1.6.30/dist/uPlot.iife.min.js");

    /** A file's bytes and its content type. */
    record Asset(byte[] bytes, String contentType) {}

    private final Map<String, Asset> byPath = new LinkedHashMap<>();

    DashboardAssets() {
        for (String name : OWN) {
            byPath.put(Dashboard.ASSETS + "/" + name, read("/dev/postern/server/dashboard/static/" + name));
        }
        for (String name : WEBJARS) {
            byPath.put("/webjars/" + name, read("/META-INF/resources/webjars/" + name));
        }
    }

    /** The file served at {@code path} (e.g. {@code /dashboard/app.js}), if there is one. */
    Optional<Asset> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** Every path served. */
    Iterable<String> paths() {
        return byPath.keySet();
    }

    private static Asset read(String resource) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + resource + " is missing from the jar");
            }
            return new Asset(in.readAllBytes(), contentType(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        throw new IllegalArgumentException("no content type known for " + name);
    }
}
