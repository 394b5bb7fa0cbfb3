package dev.postern.server.dashboard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The web dashboard at {@code GET /}: static HTML, CSS and JavaScript from the jar (no build step)
 * plus the uPlot WebJar under {@code /webjars/}, all read once at start ({@link DashboardAssets}). The page holds no data and no secret; it reads the
 * {@code /v1} API with the key the operator types in, so every rule of the API (keys, scopes, 403
 * for admin actions) holds for it too.
 *
 * <p>Every answer carries a Content-Security-Policy that allows only this origin: the page cannot
 * load or send anything elsewhere, which keeps it working without network and keeps the key here.
 */
public final class Dashboard {
    /** Where the page's own files are served from; the page is at {@code /}. */
    public static final String ASSETS = "/dashboard";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");

    private final byte[] index;

    private Dashboard() {
        try (InputStream in = Dashboard.class.getResourceAsStream("static/index.html")) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's index.html is missing from the jar");
            }
            this.index = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the page at {@code /}, its files under {@link #ASSETS} and the WebJars under {@code /webjars}. */
    public static void install(JavalinConfig config) {
        Dashboard dashboard = new Dashboard();
        DashboardAssets assets = new DashboardAssets();
        config.routes.get("/", dashboard::page);
        for (String path : assets.paths()) {
            DashboardAssets.Asset asset = assets.find(path).orElseThrow();
            config.routes.get(path, ctx -> {
                HEADERS.forEach(ctx::header);
                ctx.status(200).contentType(asset.contentType()).result(asset.bytes());
            });
        }
    }

    private void page(Context ctx) {
        HEADERS.forEach(ctx::header);
        ctx.status(200).contentType("text/html; charset=utf-8").result(index);
    }
}
