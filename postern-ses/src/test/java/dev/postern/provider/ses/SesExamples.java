package dev.postern.provider.ses;

/**
 * SES's documented event records ("Examples of event data that Amazon SES publishes to Amazon SNS"
 * and "Amazon SNS notification examples for Amazon SES"), headers trimmed; where noted, a {@code
 * postern_id} tag or header is added as Postern sends it.
 */
final class SesExamples {
    private SesExamples() {}

    /** Event publishing, Bounce record, with the postern_id tag. */
    static final String BOUNCE = """
            {"eventType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General",
              "bouncedRecipients":[{"emailAddress":"recipient@example.com","action":"failed","status":"5.1.1",
                "diagnosticCode":"smtp; 550 5.1.1 user unknown"}],
              "timestamp":"2017-08-05T00:41:02.669Z",
              "feedbackId":"01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000","reportingMTA":"dsn; mta.example.com"},
             "mail":{"timestamp":"2017-08-05T00:40:02.012Z","source":"Sender Name <sender@example.com>",
              "sourceArn":"arn:aws:ses:us-east-1:123456789012:identity/sender@example.com","sendingAccountId":"123456789012",
              "messageId":"EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000","destination":["recipient@example.com"],
              "headersTruncated":false,
              "tags":{"ses:configuration-set":["ConfigSet"],"ses:source-ip":["192.0.2.0"],"ses:from-domain":["example.com"],
                "ses:caller-identity":["ses_user"],"postern_id":["01JPOSTERN"]}}}""";

    /** Event publishing, Delivery record (its custom tags as documented). */
    static final String DELIVERY = """
            {"eventType":"Delivery","mail":{"timestamp":"2016-10-19T23:20:52.240Z","source":"sender@example.com",
              "sourceArn":"arn:aws:ses:us-east-1:123456789012:identity/sender@example.com","sendingAccountId":"123456789012",
              "messageId":"EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000","destination":["recipient@example.com"],
              "headersTruncated":false,
              "tags":{"ses:configuration-set":["ConfigSet"],"myCustomTag1":["myCustomTagValue1"]}},
             "delivery":{"timestamp":"2016-10-19T23:21:04.133Z","processingTimeMillis":11893,"recipients":["recipient@example.com"],
              "smtpResponse":"250 2.6.0 Message received","reportingMTA":"mta.example.com"}}""";

    /** Event publishing, Complaint record. */
    static final String COMPLAINT = """
            {"eventType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"recipient@example.com"}],
              "timestamp":"2017-08-05T00:41:02.669Z","feedbackId":"01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000",
              "userAgent":"Mozilla/5.0","complaintFeedbackType":"abuse","arrivalDate":"2017-08-05T00:41:02.669Z"},
             "mail":{"timestamp":"2017-08-05T00:40:01.123Z","source":"Sender Name <sender@example.com>",
              "messageId":"EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000","destination":["recipient@example.com"]}}""";

    /** Event publishing, DeliveryDelay record. */
    static final String DELIVERY_DELAY = """
            {"eventType":"DeliveryDelay","mail":{"timestamp":"2020-06-16T00:15:40.641Z","source":"sender@example.com",
              "messageId":"EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000","destination":["recipient@example.com"],
              "headersTruncated":false,"tags":{"ses:configuration-set":["ConfigSet"]}},
             "deliveryDelay":{"timestamp":"2020-06-16T00:25:40.095Z","delayType":"TransientCommunicationFailure",
              "expirationTime":"2020-06-16T00:25:40.914Z",
              "delayedRecipients":[{"emailAddress":"recipient@example.com","status":"4.4.1",
                "diagnosticCode":"smtp; 421 4.4.1 Unable to connect to remote host"}]}}""";

    /** Event publishing, Click record. */
    static final String CLICK = """
            {"eventType":"Click","click":{"ipAddress":"192.0.2.1",
              "link":"http://docs.aws.amazon.com/ses/latest/DeveloperGuide/send-email-smtp.html",
              "linkTags":{"samplekey0":["samplevalue0"]},"timestamp":"2017-08-09T23:51:25.570Z","userAgent":"Mozilla/5.0"},
             "mail":{"messageId":"EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000",
              "destination":["recipient@example.com"],"timestamp":"2017-08-09T23:50:05.795Z"}}""";

    /** Identity notification, bounce without a DSN, two recipients, with the X-Postern-Id header. */
    static final String IDENTITY_BOUNCE = """
            {"notificationType":"Bounce","bounce":{"bounceType":"Transient","bounceSubType":"General",
              "bouncedRecipients":[{"emailAddress":"jane@example.com"},{"emailAddress":"richard@example.com"}],
              "timestamp":"2016-01-27T14:59:38.237Z","feedbackId":"00000137860315fd-869464a4-8680-4114-98d3-716fe35851f9-000000",
              "remoteMtaIp":"127.0.2.0"},
             "mail":{"timestamp":"2016-01-27T14:59:38.237Z","messageId":"00000137860315fd-34208509-5b74-41f3-95c5-22c1edc3c924-000000",
              "source":"john@example.com","destination":["jane@example.com","mary@example.com","richard@example.com"],
              "headersTruncated":false,
              "headers":[{"name":"From","value":"\\"John Doe\\" <john@example.com>"},{"name":"X-Postern-Id","value":"01JHEADER"}]}}""";
}
