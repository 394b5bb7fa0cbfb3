package dev.postern.doctor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DKIM key records judged as RFC 6376 §3.6.1 does. */
class DkimKeyTest {
    @Test
    void versionTagIsOptional() {
        assertThat(DkimKey.problem("k=rsa; p=MIGfMA0GCSqGSIb3DQEB")).isEmpty();
        assertThat(DkimKey.problem("v=DKIM1; k=rsa; p=MIGf MA0G CSqG SIb3 DQEB"))
                .isEmpty();
    }

    @Test
    void keyIsRequiredAndAnEmptyKeyIsRevoked() {
        assertThat(DkimKey.problem("v=DKIM1; k=rsa")).hasValue("no p= tag (the public key is required)");
        assertThat(DkimKey.problem("v=DKIM1; p=")).hasValue("p= is empty: the key is revoked");
    }

    @Test
    void malformedRecordsAreNamed() {
        assertThat(DkimKey.problem("k=rsa; v=DKIM1; p=AAAA")).hasValue("v= must be the first tag");
        assertThat(DkimKey.problem("v=DKIM2; p=AAAA")).hasValue("v=DKIM2 is not v=DKIM1");
        assertThat(DkimKey.problem("k=dsa; p=AAAA")).hasValue("unknown key type k=dsa");
        assertThat(DkimKey.problem("p=AAAA; p=BBBB")).hasValue("tag p= appears twice");
        assertThat(DkimKey.problem("p=not*base64")).hasValue("p= is not Base64");
        assertThat(DkimKey.problem("hello world")).hasValue("not a DKIM tag list ('hello world' has no '=')");
    }
}
