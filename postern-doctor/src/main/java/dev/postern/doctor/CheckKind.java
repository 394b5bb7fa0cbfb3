package dev.postern.doctor;

import java.util.Locale;

/** What a check looks at. SPF and DKIM are checked per provider; SPF, DMARC and MX per domain. */
public enum CheckKind {
    SPF,
    DKIM,
    DMARC,
    MX;

    /** The name in the JSON report: {@code spf}, {@code dkim}, {@code dmarc} or {@code mx}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
