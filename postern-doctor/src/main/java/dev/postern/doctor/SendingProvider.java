package dev.postern.doctor;

import dev.postern.error.PosternException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A provider that sends for the domain, as the doctor needs to know it: its configured name, its
 * type ({@code sendgrid}, {@code mailgun}, {@code ses}, {@code postmark}, {@code resend},
 * {@code emailr}, {@code smtp}, …) and, optionally, the SPF include and DKIM selectors that
 * override what the doctor knows about the type. For types the doctor knows nothing about (SMTP
 * relays, {@code http}, emailr) these are the only way to get the provider checked.
 *
 * @param name the provider's name in the configuration, shown as the check's subject
 * @param type the provider's type, lower case
 * @param spfInclude the domain the SPF record must include (without {@code include:}), if configured
 * @param dkimSelectors the DKIM selectors to look up (without {@code ._domainkey}); empty if not
 *     configured
 */
public record SendingProvider(String name, String type, Optional<String> spfInclude, List<String> dkimSelectors) {

    public SendingProvider {
        if (name == null || name.isBlank()) {
            throw new PosternException("provider name must not be blank, but was " + quoted(name));
        }
        if (type == null || type.isBlank()) {
            throw new PosternException("provider " + name + ": type must not be blank, but was " + quoted(type));
        }
        type = type.strip().toLowerCase(Locale.ROOT);
        spfInclude = spfInclude.map(SendingProvider::include);
        for (String selector : dkimSelectors) {
            if (selector == null || !selector.matches("[A-Za-z0-9._-]+")) {
                throw new PosternException("provider " + name
                        + ": dkim_selectors must be DNS labels (letters, digits, '-', '_', '.'), but had "
                        + quoted(selector));
            }
        }
        dkimSelectors = List.copyOf(dkimSelectors);
    }

    /** A provider with nothing configured beyond its name and type. */
    public static SendingProvider of(String name, String type) {
        return new SendingProvider(name, type, Optional.empty(), List.of());
    }

    public SendingProvider withSpfInclude(String include) {
        return new SendingProvider(name, type, Optional.of(include), dkimSelectors);
    }

    public SendingProvider withDkimSelectors(List<String> selectors) {
        return new SendingProvider(name, type, spfInclude, selectors);
    }

    private static String include(String value) {
        String host = value.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("include:")) {
            host = host.substring("include:".length());
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!host.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)+")) {
            throw new PosternException(
                    "spf_include must be a domain name such as sendgrid.net, but was " + quoted(value));
        }
        return host;
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
