package dev.postern.server.config;

import dev.postern.server.auth.ApiKey;
import java.util.List;

/**
 * Settings that are legal but risky; {@code config check} prints them, {@code serve} logs them. A
 * warning is left out while the part of the file it reads has a problem: what was read there is a
 * fallback, not what the user wrote (a provider whose {@code type} is mistyped is not "only one
 * provider"), and the warning comes back, if still true, once the problem is fixed.
 */
final class Warnings {
    private Warnings() {}

    static void add(
            Findings findings,
            Problems problems,
            HttpConfig http,
            SmtpRelayConfig smtp,
            List<ApiKey> apiKeys,
            List<ProviderEntry> providers,
            List<AlertSinkConfig> sinks) {
        if (providers.size() == 1 && !problems.anyUnder("providers")) {
            findings.warn("only one provider is configured: when it fails, mail waits in the outbox until it recovers");
        }
        if (sinks.isEmpty() && !problems.anyUnder("alerts.sinks")) {
            findings.warn("alerts.sinks is empty: nobody hears about failovers and outages");
        }
        if (apiKeys.isEmpty() && !problems.anyUnder("auth.api_keys")) {
            findings.warn("auth.api_keys is empty: every /v1 call of the HTTP API is refused");
        }
        boolean smtpAsWritten = !problems.anyUnder("server.smtp")
                && !problems.anyUnder("server.tls")
                && !problems.anyUnder("auth.smtp_users")
                && !problems.anyUnder("auth.trusted_networks");
        if (smtpAsWritten && !smtp.listen().isLoopback()) {
            // with users, plaintext AUTH off loopback is refused unless opted in (ServerSection)
            if (smtp.tls().isEmpty() && smtp.users().isEmpty()) {
                findings.warn("server.smtp.listen " + smtp.listen()
                        + " is not loopback and server.tls is not set: mail crosses the network in clear");
            }
            if (smtp.users().isEmpty()) {
                findings.warn("server.smtp.listen " + smtp.listen() + " is not loopback and auth.smtp_users is empty: "
                        + (smtp.trustedNetworks().cidrs().isEmpty()
                                ? "no client can relay"
                                : "only trusted_networks relay, without authentication"));
            }
        }
    }

    /**
     * Delivery events that cannot work as configured: providers with a webhook key but no {@code
     * server.public_url} to build their URLs on, and an outbound {@code events.webhook} that no
     * event can reach because no provider has a webhook key.
     */
    static void events(Findings findings, Problems problems, List<ProviderEntry> providers, EventsConfig events) {
        if (problems.anyUnder("providers") || problems.anyUnder("server.public_url") || problems.anyUnder("events")) {
            return;
        }
        List<String> withKey = providers.stream()
                .filter(p -> p.adapter().eventWebhookConfigured())
                .map(ProviderEntry::name)
                .toList();
        if (!withKey.isEmpty() && events.publicUrl().isEmpty()) {
            findings.warn("server.public_url is not set: the webhook URLs of " + String.join(", ", withKey)
                    + " show " + ConfigReport.PUBLIC_URL_PLACEHOLDER
                    + "; set it to the URL providers reach this gateway at");
        }
        if (withKey.isEmpty() && events.webhook().isPresent()) {
            findings.warn("events.webhook is set but no provider has a webhook key (webhook.key, or webhook.user"
                    + " for postmark, webhook.topic_arn for ses): no delivery event will arrive to send on");
        }
    }
}
