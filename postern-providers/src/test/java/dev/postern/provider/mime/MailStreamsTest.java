package dev.postern.provider.mime;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

/** Jakarta Mail finds its stream provider by name, not by reading every jar's service files per message. */
class MailStreamsTest {
    private static final String PROPERTY = "jakarta.mail.util.StreamProvider";

    @Test
    void jakartaMailIsToldWhichStreamProviderAngusRegisters() {
        MailStreams.nameProvider();

        assertThat(System.getProperty(PROPERTY)).isEqualTo(MailStreamProvider.class.getName());
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }

    @Test
    void aStreamProviderNamedByTheOperatorIsKept() {
        String before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, "com.example.OwnStreamProvider");
        try {
            MailStreams.nameProvider();

            assertThat(System.getProperty(PROPERTY)).isEqualTo("com.example.OwnStreamProvider");
        } finally {
            if (before == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, before);
            }
        }
    }
}
