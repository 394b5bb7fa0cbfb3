package dev.postern.server.auth;

import java.net.IDN;
import java.util.List;
import java.util.Locale;

/**
 * The sender domains a key or SMTP user may send as: exact domains (compared without case, IDN
 * in either form) or {@code "*"} for any. Subdomains are not implied: list them.
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
            return IDN.toASCII(domain.strip(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain: " + e.getMessage());
        }
    }
}
