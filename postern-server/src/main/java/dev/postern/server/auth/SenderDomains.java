package dev.postern.server.auth;

import dev.postern.email.DomainNames;
import java.util.List;
import java.util.Locale;

/**
 * The sender domains a key or SMTP user may send as: exact domains (compared without case, IDN
 * in either form, IDNA2008 by UTS #46: {@code straße.de} is not {@code strasse.de}) or {@code "*"} for any. Subdomains are not implied: list them.
 */
public record SenderDomains(List<String> domains) {

    public static final SenderDomains ANY = new SenderDomains(List.of("*"));

    public SenderDomains {
        if (domains == null || domains.isEmpty()) {
            throw new IllegalArgumentException("sender_domains must list at least one domain or \"*\"");
        }
        domains = domains.stream().map(SenderDomains::normalise).toList();
    }

    /** True when mail from {@code domain} may be sent. */
    public boolean allows(String domain) {
        String wanted = normalise(domain);
        return domains.contains("*") || domains.contains(wanted);
    }

    private static String normalise(String domain) {
        if (domain.equals("*")) {
            return domain;
        }
        try {
            return DomainNames.toAscii(domain.strip()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain: " + e.getMessage());
        }
    }
}
