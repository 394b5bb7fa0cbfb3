package dev.postern.degradation.internal;

import dev.postern.email.Email;
import dev.postern.email.Tracking;
import dev.postern.provider.Capabilities;
import dev.postern.routing.Feature;
import dev.postern.routing.RoutingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts a message to one provider before an attempt, on a copy: drops the features the provider
 * lacks, drops those {@code degrade_on_failover} lists when the route is not the planned one, and
 * splits the recipients into parts the provider takes. The caller's message is never changed, and
 * each dropped feature is named once in {@link Adapted#degraded()}.
 */
public final class Adaptation {
    private static final Logger LOG = LoggerFactory.getLogger(Adaptation.class);

    private final Set<Feature> onFailover;
    private final UnaryOperator<String> stripper;

    public Adaptation(RoutingConfig config) {
        this(config, new TrackingStripper(config.trackingUrlPrefixes())::strip);
    }

    /** With {@code stripper} removing tracking from HTML: tests put a failing one here. */
    Adaptation(RoutingConfig config, UnaryOperator<String> stripper) {
        this.onFailover = config.degradeOnFailover();
        this.stripper = stripper;
    }

    /**
     * {@code email} as {@code capabilities} can carry it; {@code planned} is false on a failover
     * route. Never throws: a failure while adapting is an {@link Unadaptable} naming it.
     */
    public AdaptResult adapt(Email email, Capabilities capabilities, boolean planned) {
        try {
            return adapted(email, capabilities, planned);
        } catch (RuntimeException e) {
            // Content no test foresaw must not take the message's round, and its attempts, with it.
            LOG.error("could not adapt a message to a provider; it goes on to the next one", e);
            return new Unadaptable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Adapted adapted(Email email, Capabilities capabilities, boolean planned) {
        Set<Feature> failover = planned ? Set.of() : onFailover;
        List<String> degraded = new ArrayList<>();
        Tracking tracking = tracking(email.tracking(), capabilities, failover);
        String html = html(email.html(), failover);
        if (!tracking.equals(email.tracking()) || !Objects.equals(html, email.html())) {
            degraded.add(Feature.TRACKING.wireName());
        }
        List<String> tags =
                keep(Feature.TAGS, email.tags(), !email.tags().isEmpty(), capabilities.tags(), failover, degraded);
        Map<String, String> metadata = keep(
                Feature.METADATA,
                email.metadata(),
                !email.metadata().isEmpty(),
                capabilities.metadata(),
                failover,
                degraded);
        Map<String, String> headers = keep(
                Feature.CUSTOM_HEADERS,
                email.headers(),
                !email.headers().isEmpty(),
                capabilities.customHeaders(),
                failover,
                degraded);
        Email adapted = degraded.isEmpty()
                ? email
                : new Email(
                        email.from(),
                        email.to(),
                        email.cc(),
                        email.bcc(),
                        email.replyTo(),
                        email.subject(),
                        email.text(),
                        html,
                        headers,
                        email.attachments(),
                        tags,
                        metadata,
                        tracking);
        List<Email> parts = Recipients.split(adapted, capabilities.maxRecipients());
        if (parts.size() > 1) {
            degraded.add(Adapted.RECIPIENTS_SPLIT);
        }
        return new Adapted(parts, degraded);
    }

    // Each flag the provider cannot honour is turned off; on failover, tracking goes entirely.
    private static Tracking tracking(Tracking wanted, Capabilities capabilities, Set<Feature> failover) {
        if (failover.contains(Feature.TRACKING)) {
            return Tracking.OFF;
        }
        return new Tracking(
                wanted.opens() && capabilities.openTracking(), wanted.clicks() && capabilities.clickTracking());
    }

    private String html(String html, Set<Feature> failover) {
        if (html == null || !failover.contains(Feature.TRACKING)) {
            return html;
        }
        String stripped = stripper.apply(html);
        // A body that was nothing but tracking stays as it was: an email needs a body.
        return stripped.isBlank() ? html : stripped;
    }

    private static <T> T keep(
            Feature feature, T value, boolean used, boolean supported, Set<Feature> failover, List<String> degraded) {
        if (used && (!supported || failover.contains(feature))) {
            degraded.add(feature.wireName());
            return null; // Email takes null collections as empty
        }
        return value;
    }
}
