package dev.postern.doctor.internal;

import dev.postern.doctor.SendingProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the doctor knows about each provider type: the SPF include it needs, where that SPF record
 * lives, and how its DKIM records are named. A provider's configured {@code spf_include} and
 * {@code dkim_selectors} override this. docs/dns-doctor.md gives the source of every value, or
 * says it is to be confirmed.
 *
 * @param spfInclude the domain to include, if known
 * @param spfLabel the label in front of the domain that holds the SPF record ("" for the domain
 *     itself; {@code send} for Resend)
 * @param dkimSelectors the selectors used by every account of this provider (empty when they are
 *     chosen per domain and must be configured)
 * @param dkimCnameTarget how the provider's DKIM CNAME targets are formed from a selector, if the
 *     provider publishes DKIM as CNAMEs; {@code %s} stands for the selector
 * @param note what the user must know about this provider's DNS, shown when its checks fail
 */
public record ProviderKnowledge(
        Optional<String> spfInclude,
        String spfLabel,
        List<String> dkimSelectors,
        Optional<String> dkimCnameTarget,
        String note) {

    private static final ProviderKnowledge UNKNOWN =
            new ProviderKnowledge(Optional.empty(), "", List.of(), Optional.empty(), "");

    private static final Map<String, ProviderKnowledge> BY_TYPE = Map.of(
            "sendgrid",
                    new ProviderKnowledge(
                            Optional.of("sendgrid.net"),
                            "",
                            List.of("s1", "s2"),
                            Optional.of("%s.domainkey.u0000000.wl000.sendgrid.net"),
                            "copy the CNAME targets from SendGrid's Sender Authentication page"
                                    + " (u0000000.wl000 stands for your account's)"),
            "mailgun",
                    new ProviderKnowledge(
                            Optional.of("mailgun.org"),
                            "",
                            List.of(),
                            Optional.empty(),
                            "copy the DKIM TXT value from the Mailgun domain's DNS records page"),
            "ses",
                    new ProviderKnowledge(
                            Optional.of("amazonses.com"),
                            "",
                            List.of(),
                            Optional.of("%s.dkim.amazonses.com"),
                            "the three Easy DKIM tokens are shown in the SES console for the identity"),
            "postmark",
                    new ProviderKnowledge(
                            Optional.of("spf.mtasv.net"),
                            "",
                            List.of(),
                            Optional.empty(),
                            "copy the DKIM TXT value from the Postmark sender signature's DNS settings"),
            "resend",
                    new ProviderKnowledge(
                            Optional.of("amazonses.com"),
                            "send",
                            List.of("resend"),
                            Optional.empty(),
                            "copy the DKIM TXT value from the Resend domain's page"));

    public static ProviderKnowledge of(String type) {
        return BY_TYPE.getOrDefault(type, UNKNOWN);
    }

    /** The include to look for: the configured one, else the type's. */
    public static Optional<String> spfInclude(SendingProvider provider) {
        return provider.spfInclude().or(() -> of(provider.type()).spfInclude());
    }

    /** The selectors to look up: the configured ones, else the type's. */
    public static List<String> dkimSelectors(SendingProvider provider) {
        return provider.dkimSelectors().isEmpty() ? of(provider.type()).dkimSelectors() : provider.dkimSelectors();
    }

    /** The name that holds the SPF record this provider needs. */
    public static String spfName(SendingProvider provider, String domain) {
        String label = of(provider.type()).spfLabel();
        return label.isEmpty() ? domain : label + "." + domain;
    }
}
