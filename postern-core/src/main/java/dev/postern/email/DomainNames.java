package dev.postern.email;

import com.ibm.icu.text.IDNA;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Internationalised domain names in their ASCII (punycode) form by UTS #46 non-transitional
 * processing, which is IDNA2008 as browsers and mail systems use it. The JDK's {@link java.net.IDN}
 * is IDNA2003 and maps the deviation characters away: {@code straße.de} became {@code strasse.de},
 * another registrable domain. Here {@code straße.de} is {@code xn--strae-oqa.de}.
 */
public final class DomainNames {
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE
            | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ
            | IDNA.USE_STD3_RULES);

    /**
     * Left to the callers' own rules, which name them better (empty labels, lengths), or allowed as
     * host names in use have them ({@code r3---sn-abc.example}: hyphens in positions 3 and 4).
     */
    private static final Set<IDNA.Error> LEFT_TO_CALLERS = EnumSet.of(
            IDNA.Error.EMPTY_LABEL,
            IDNA.Error.LABEL_TOO_LONG,
            IDNA.Error.DOMAIN_NAME_TOO_LONG,
            IDNA.Error.LEADING_HYPHEN,
            IDNA.Error.TRAILING_HYPHEN,
            IDNA.Error.HYPHEN_3_4);

    private DomainNames() {}

    /**
     * The ASCII form of {@code domain}. A name that is ASCII already is returned as given (case
     * kept); an internationalised one is mapped (case and width folded) and punycoded.
     *
     * @throws IllegalArgumentException naming what makes {@code domain} no IDNA2008 name
     */
    public static String toAscii(String domain) {
        if (domain.chars().allMatch(c -> c < 0x80)) {
            return domain;
        }
        StringBuilder ascii = new StringBuilder(domain.length() + 16);
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToASCII(domain, ascii, info);
        Set<IDNA.Error> errors = EnumSet.noneOf(IDNA.Error.class);
        errors.addAll(info.getErrors());
        errors.removeAll(LEFT_TO_CALLERS);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("not an IDNA2008 (UTS #46) name: "
                    + errors.stream()
                            .map(e ->
                                    e.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                            .collect(Collectors.joining(", ")));
        }
        return ascii.toString();
    }
}
