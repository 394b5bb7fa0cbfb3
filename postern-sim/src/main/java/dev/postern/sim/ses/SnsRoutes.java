package dev.postern.sim.ses;

import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.util.UUID;

/**
 * The SNS side of the SES simulator, served on its port without SigV4 as SNS serves them: the
 * signing certificate ({@code GET} the {@code SigningCertURL}) and the {@code SubscribeURL} that
 * confirms the subscription ({@code GET}, answered with SNS's {@code ConfirmSubscriptionResponse}).
 */
final class SnsRoutes {
    private SnsRoutes() {}

    static boolean handles(SimRequest request) {
        return request.path().startsWith("/_sns/");
    }

    static SimResponse serve(SimRequest request, SnsEvents sns) {
        if (!request.method().equals("GET")) {
            return SimResponse.text(405, "text/plain", "use GET");
        }
        return switch (request.path()) {
            case SnsEvents.CERT_PATH -> SimResponse.text(200, "application/x-pem-file", sns.certificatePem());
            case SnsEvents.CONFIRM_PATH -> confirm(request, sns);
            case SnsEvents.UNSUBSCRIBE_PATH -> SimResponse.text(200, "text/xml", "<UnsubscribeResponse/>");
            default -> SimResponse.text(404, "text/plain", "not found");
        };
    }

    private static SimResponse confirm(SimRequest request, SnsEvents sns) {
        if (!sns.confirm(request.query().get("Token"))) {
            return SimResponse.text(
                    400,
                    "text/xml",
                    "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameter</Code>"
                            + "<Message>Invalid token</Message></Error></ErrorResponse>");
        }
        return SimResponse.text(
                200,
                "text/xml",
                "<ConfirmSubscriptionResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                        + "<ConfirmSubscriptionResult><SubscriptionArn>" + sns.subscriptionArn()
                        + "</SubscriptionArn></ConfirmSubscriptionResult><ResponseMetadata><RequestId>"
                        + UUID.randomUUID() + "</RequestId></ResponseMetadata></ConfirmSubscriptionResponse>");
    }
}
