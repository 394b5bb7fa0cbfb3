package dev.postern.provider.ses;

import dev.postern.error.PosternException;
import java.net.URI;

/**
 * An SNS signing certificate could not be fetched now (no connection, a timeout, a 5xx answer): the
 * message it signs is neither verified nor refuted. Thrown by {@link SnsCertificates#certificate};
 * the SNS webhook answers it with {@link dev.postern.provider.event.WebhookOutcome.Unavailable}, so
 * that SNS, which retries 5xx and not 4xx, sends the message again.
 */
public final class CertificateUnreachableException extends PosternException {
    private static final long serialVersionUID = 1L;

    /** @param why what went wrong, without secrets: {@code connect timed out}, {@code answered 503} */
    public CertificateUnreachableException(URI url, String why) {
        super("SNS signing certificate " + url + " cannot be fetched now: " + why);
    }
}
