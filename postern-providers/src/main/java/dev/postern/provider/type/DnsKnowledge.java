package dev.postern.provider.type;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code postern doctor dns} knows about a provider type: the SPF include it needs, where
 * that SPF record lives, and how its DKIM records are named. A configured provider's {@code
 * spf_include} and {@code dkim_selectors} override this. docs/dns-doctor.md gives the source of
 * every value.
 *
 * @param spfInclude the domain to include, if known
 * @param spfLabel the label in front of the domain that holds the SPF record ("" for the domain
 *     itself; {@code send} for Resend)
 * @param dkimSelectors the selectors used by every account of this provider (empty when they are
 *     chosen per domain and must be configured)
 * @param dkimCnameTarget how the provider's DKIM CNAME targets are formed from a selector, if the
 *     provider publishes DKIM as CNAMEs; {@code %s} stands for the selector
 * @param note what the user must know about this provider's DNS, shown when its checks fail
 * @param returnPath a custom Return-Path that authorises the provider instead of the SPF include,
 *     when the provider offers one
 */
public record DnsKnowledge(
        Optional<String> spfInclude,
        String spfLabel,
        List<String> dkimSelectors,
        Optional<String> dkimCnameTarget,
        String note,
        Optional<ReturnPath> returnPath) {

    /** Nothing known: the provider is checked only with configured {@code spf_include} and {@code dkim_selectors}. */
    public static final DnsKnowledge NONE =
            new DnsKnowledge(Optional.empty(), "", List.of(), Optional.empty(), "", Optional.empty());

    public DnsKnowledge {
        Objects.requireNonNull(spfInclude, "spfInclude");
        Objects.requireNonNull(spfLabel, "spfLabel");
        dkimSelectors = List.copyOf(dkimSelectors);
        Objects.requireNonNull(dkimCnameTarget, "dkimCnameTarget");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(returnPath, "returnPath");
    }

    /** A provider authorised by {@code include:<include>} in the domain's own SPF record. */
    public static DnsKnowledge spf(String include) {
        return NONE.withSpf(include, "");
    }

    /** The SPF include, in the record at {@code label.<domain>} ({@code ""}: the domain itself). */
    public DnsKnowledge withSpf(String include, String label) {
        return new DnsKnowledge(Optional.of(include), label, dkimSelectors, dkimCnameTarget, note, returnPath);
    }

    public DnsKnowledge withDkimSelectors(List<String> selectors) {
        return new DnsKnowledge(spfInclude, spfLabel, selectors, dkimCnameTarget, note, returnPath);
    }

    /** DKIM published as CNAMEs to {@code target} ({@code %s} for the selector). */
    public DnsKnowledge withDkimCnameTarget(String target) {
        return new DnsKnowledge(spfInclude, spfLabel, dkimSelectors, Optional.of(target), note, returnPath);
    }

    public DnsKnowledge withNote(String note) {
        return new DnsKnowledge(spfInclude, spfLabel, dkimSelectors, dkimCnameTarget, note, returnPath);
    }

    public DnsKnowledge withReturnPath(ReturnPath returnPath) {
        return new DnsKnowledge(spfInclude, spfLabel, dkimSelectors, dkimCnameTarget, note, Optional.of(returnPath));
    }

    /**
     * A custom Return-Path: {@code label.<domain>} as a CNAME to {@code target}, where the provider's
     * SPF is checked instead of in the domain's record.
     *
     * @param provider the provider's name as users know it ({@code Postmark}), for messages
     */
    public record ReturnPath(String label, String target, String provider) {
        public ReturnPath {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(provider, "provider");
        }
    }
}
