package dev.postern.sim.ses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.sim.events.OutgoingEvent;

/**
 * The SES event-publishing record an SNS notification carries
 * (https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html):
 * {@code eventType}, the {@code mail} object and one of {@code delivery}, {@code bounce}, {@code
 * complaint}.
 */
final class SesEventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SesEventJson() {}

    static ObjectNode of(OutgoingEvent event) {
        String at = SnsSignature.timestamp(event.at());
        ObjectNode root = JSON.createObjectNode();
        switch (event.kind()) {
            case DELIVERED -> root.put("eventType", "Delivery");
            case BOUNCE, SOFT_BOUNCE -> root.put("eventType", "Bounce");
            case COMPLAINT -> root.put("eventType", "Complaint");
        }
        ObjectNode mail = root.putObject("mail");
        mail.put("timestamp", at);
        mail.put("source", event.message().from());
        mail.put("sendingAccountId", SnsEvents.ACCOUNT);
        mail.put("messageId", event.message().providerMessageId());
        ArrayNode destination = mail.putArray("destination");
        event.message().recipients().forEach(destination::add);
        mail.put("headersTruncated", false);
        ObjectNode common = mail.putObject("commonHeaders");
        common.putArray("from").add(event.message().from());
        ArrayNode to = common.putArray("to");
        event.message().recipients().forEach(to::add);
        common.put("subject", event.message().subject());
        ObjectNode tags = mail.putObject("tags");
        event.message().metadata().forEach((name, value) -> tags.putArray(name).add(value));
        switch (event.kind()) {
            case DELIVERED ->
                root.putObject("delivery")
                        .put("timestamp", at)
                        .put("processingTimeMillis", 500)
                        .put("smtpResponse", "250 2.6.0 Message received")
                        .put("reportingMTA", "a8-1.smtp-out.amazonses.com")
                        .putArray("recipients")
                        .add(event.recipient());
            case BOUNCE -> bounce(root, event, "Permanent", "General", "5.1.1", "smtp; 550 5.1.1 user unknown");
            case SOFT_BOUNCE ->
                bounce(root, event, "Transient", "MailboxFull", "4.2.2", "smtp; 452 4.2.2 mailbox full");
            case COMPLAINT -> {
                ObjectNode complaint = root.putObject("complaint")
                        .put("timestamp", at)
                        .put("feedbackId", event.eventId())
                        .put("complaintFeedbackType", "abuse")
                        .put("userAgent", "postern-sim");
                complaint.putArray("complainedRecipients").addObject().put("emailAddress", event.recipient());
            }
        }
        return root;
    }

    private static void bounce(
            ObjectNode root, OutgoingEvent event, String type, String subType, String status, String diagnostic) {
        ObjectNode bounce = root.putObject("bounce")
                .put("bounceType", type)
                .put("bounceSubType", subType)
                .put("timestamp", SnsSignature.timestamp(event.at()))
                .put("feedbackId", event.eventId())
                .put("reportingMTA", "dsn; a8-1.smtp-out.amazonses.com");
        bounce.putArray("bouncedRecipients")
                .addObject()
                .put("emailAddress", event.recipient())
                .put("action", "failed")
                .put("status", status)
                .put("diagnosticCode", diagnostic);
    }
}
