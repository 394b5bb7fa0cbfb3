package dev.postern.provider.mime;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;

/**
 * Tells Jakarta Mail which {@link StreamProvider} to use, so that it stops looking one up for every
 * message. Jakarta Mail 2.1 asks for its stream provider each time it writes a part (in {@code
 * MimeBodyPart.writeTo} for the header lines, in {@code MimeUtility.encode} for the body) and
 * keeps no answer: without the system property named after the interface, each question is a fresh
 * {@code ServiceLoader} pass over every jar's {@code META-INF/services} (40–55 µs a call in {@code
 * postern.jar}, 9 % of the HTTP → SMTP pipeline's CPU samples; docs/benchmarks.md). With the
 * property it loads the named class: under a microsecond.
 *
 * <p>The property is process-wide. It is set only when absent, and to the provider Angus Mail
 * registers as that service, the one the look-up finds: only the look-up changes. An operator's
 * own value is kept.
 */
public final class MailStreams {
    private static final String PROPERTY = StreamProvider.class.getName();

    private MailStreams() {}

    /** Names Angus Mail's stream provider unless a provider is named already; idempotent. */
    public static void nameProvider() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, MailStreamProvider.class.getName());
        }
    }
}
