package dev.postern.doctor;

import static dev.postern.doctor.DnsDoctorTest.MAILGUN;
import static dev.postern.doctor.DnsDoctorTest.SENDGRID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** The table and the JSON of DESIGN §8, and fix lines that a zone file accepts. */
class ReportFormatTest {
    private final LoopbackDns dns = LoopbackDns.start();

    @AfterEach
    void stop() {
        dns.close();
    }

    /** No DKIM for Mailgun, no DMARC, one MX. */
    DoctorReport broken() {
        dns.serve(Zones.healthyWithout("mta._domainkey", "_dmarc", "example.com. 3600 IN MX 20"));
        return DnsDoctor.check(DoctorRequest.of("example.com", List.of(SENDGRID, MAILGUN))
                .withResolver(dns.address())
                .withTimeout(DnsDoctorTest.TIMEOUT));
    }

    @Test
    void jsonHasTheShapeOfDesignSection8() throws Exception {
        JsonNode json = new ObjectMapper().readTree(broken().toJson());

        assertThat(json.fieldNames()).toIterable().containsExactly("domain", "ok", "spf_lookups", "checks");
        assertThat(json.get("domain").asText()).isEqualTo("example.com");
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("spf_lookups").asInt()).isEqualTo(3);
        JsonNode dmarc = json.get("checks").get(5);
        assertThat(dmarc.fieldNames()).toIterable().containsExactly("subject", "check", "status", "reason", "fix");
        assertThat(dmarc.get("subject").asText()).isEqualTo("domain");
        assertThat(dmarc.get("check").asText()).isEqualTo("dmarc");
        assertThat(dmarc.get("status").asText()).isEqualTo("fail");
        assertThat(dmarc.get("fix").get(0).asText()).startsWith("_dmarc.example.com. 3600 IN TXT");
        assertThat(json.get("checks").get(0).get("status").asText()).isEqualTo("pass");
        assertThat(json.get("checks").get(0).get("fix")).isEmpty();
    }

    @Test
    void tableShowsTheMatrixEveryReasonAndTheFixLines() {
        String table = broken().toTable();

        assertThat(table)
                .startsWith(
                        "DNS doctor for example.com: 3 failed, 0 could not be checked, 4 passed\nSPF lookups: 3 of 10\n")
                .contains("""
                                  SPF    DKIM   DMARC  MX
                        sendgrid  ✔      ✔      -      -
                        mailgun   ✔      ✘      -      -
                        domain    ✔      -      ✘      ✘
                        """)
                .contains("✘ mailgun   DKIM   mta._domainkey.example.com: no DKIM record (NXDOMAIN)\n")
                .contains("✔ sendgrid  SPF    example.com includes sendgrid.net\n")
                .contains("\nZone-file lines that would fix the failures:\n; -- mailgun DKIM\n")
                .contains("example.com. 3600 IN MX 20 backup-mx.example.com.\n");
    }

    @Test
    void fixLinesAreZoneFileRecords() throws Exception {
        List<String> lines = new ArrayList<>();
        broken().checks().forEach(c -> lines.addAll(c.fix()));

        String zone = String.join("\n", lines) + "\n";
        List<Record> records = new ArrayList<>();
        try (Master master = new Master(new ByteArrayInputStream(zone.getBytes(StandardCharsets.UTF_8)), Name.root)) {
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                records.add(r);
            }
        }
        assertThat(records)
                .hasSize((int) lines.stream().filter(l -> !l.startsWith(";")).count());
    }

    @Test
    void passingReportSaysSo() {
        dns.serve(Zones.HEALTHY);
        DoctorReport report = DnsDoctor.check(DoctorRequest.of("example.com", List.of(SENDGRID, MAILGUN))
                .withResolver(dns.address())
                .withTimeout(DnsDoctorTest.TIMEOUT));

        assertThat(report.toTable())
                .startsWith("DNS doctor for example.com: all 7 checks pass\n")
                .doesNotContain("Zone-file");
    }
}
