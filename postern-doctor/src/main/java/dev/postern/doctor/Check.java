package dev.postern.doctor;

import java.util.List;
import java.util.Objects;

/**
 * The result of one check.
 *
 * @param subject a provider's name, or {@link #DOMAIN} for checks of the domain itself
 * @param kind what was checked
 * @param status the verdict
 * @param reason why, in one line; for {@link CheckStatus#UNCHECKED} it starts with "could not check"
 *     or "not checked"
 * @param fix zone-file lines (and {@code ;} comment lines) that would fix a failure; empty on a pass
 */
public record Check(String subject, CheckKind kind, CheckStatus status, String reason, List<String> fix) {
    /** The subject of the checks that concern the domain rather than one provider. */
    public static final String DOMAIN = "domain";

    public Check {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        fix = List.copyOf(fix);
    }

    public static Check pass(String subject, CheckKind kind, String reason) {
        return new Check(subject, kind, CheckStatus.PASS, reason, List.of());
    }

    public static Check fail(String subject, CheckKind kind, String reason, List<String> fix) {
        return new Check(subject, kind, CheckStatus.FAIL, reason, fix);
    }

    public static Check unchecked(String subject, CheckKind kind, String reason) {
        return new Check(subject, kind, CheckStatus.UNCHECKED, reason, List.of());
    }
}
