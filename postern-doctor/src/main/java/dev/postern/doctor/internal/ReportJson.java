package dev.postern.doctor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.doctor.Check;
import dev.postern.doctor.DoctorReport;
import dev.postern.error.PosternException;

/** Renders a report as DESIGN §8's JSON, keys in the documented order. */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {}

    public static String render(DoctorReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("domain", report.domain());
        root.put("ok", report.ok());
        if (report.spfLookups().isPresent()) {
            root.put("spf_lookups", report.spfLookups().getAsInt());
        } else {
            root.putNull("spf_lookups");
        }
        ArrayNode checks = root.putArray("checks");
        for (Check check : report.checks()) {
            ObjectNode node = checks.addObject();
            node.put("subject", check.subject());
            node.put("check", check.kind().label());
            node.put("status", check.status().label());
            node.put("reason", check.reason());
            ArrayNode fix = node.putArray("fix");
            check.fix().forEach(fix::add);
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new PosternException("could not write the DNS report as JSON", e);
        }
    }
}
