package dev.postern.doctor;

import dev.postern.doctor.internal.ReportJson;
import dev.postern.doctor.internal.ReportTable;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the doctor found for one domain: every check, in order (each provider's SPF and DKIM, then
 * the domain's SPF, DMARC and MX).
 *
 * @param domain the domain checked
 * @param spfLookups the DNS lookups the domain's SPF record costs, counted through every include
 *     as receivers count them; empty when there is not exactly one record or a nested record could
 *     not be fetched
 * @param checks the checks, in order
 */
public record DoctorReport(String domain, OptionalInt spfLookups, List<Check> checks) {

    public DoctorReport {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(spfLookups, "spfLookups");
        checks = List.copyOf(checks);
    }

    /** True only when every check passed; a check that could not be made is not a pass. */
    public boolean ok() {
        return checks.stream().allMatch(c -> c.status() == CheckStatus.PASS);
    }

    /** The exit code for {@code postern doctor dns}: 0 when {@link #ok()}, 1 otherwise. */
    public int exitCode() {
        return ok() ? 0 : 1;
    }

    /**
     * The human report: a table (providers × SPF, DKIM; the domain × SPF, DMARC, MX) with ✔, ✘ or ?,
     * the reason for every check, then the zone-file lines that would fix each failure.
     */
    public String toTable() {
        return ReportTable.render(this);
    }

    /**
     * The JSON report: {@code {"domain", "ok", "spf_lookups", "checks": [{"subject", "check",
     * "status", "reason", "fix": [...]}]}}; {@code spf_lookups} is null when it could not be counted.
     */
    public String toJson() {
        return ReportJson.render(this);
    }
}
