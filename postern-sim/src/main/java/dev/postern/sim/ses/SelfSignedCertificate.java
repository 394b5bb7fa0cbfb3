package dev.postern.sim.ses;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A minimal self-signed X.509 v1 certificate (SHA256withRSA, subject = issuer = one CN), encoded by
 * hand in DER because the JDK can sign but has no public API to build a certificate, and the
 * simulator must not depend on BouncyCastle. Enough for a receiver to read the public key from the
 * PEM an SNS {@code SigningCertURL} serves.
 */
final class SelfSignedCertificate {
    private static final byte[] SHA256_WITH_RSA = {
        0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x0B
    };
    private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private SelfSignedCertificate() {}

    /** A certificate for {@code keys} (RSA), valid from {@code from} to {@code until} (both before 2050). */
    static X509Certificate create(KeyPair keys, String commonName, Instant from, Instant until) {
        byte[] algorithm = tlv(0x30, SHA256_WITH_RSA, new byte[] {0x05, 0x00});
        byte[] name =
                tlv(0x30, tlv(0x31, tlv(0x30, COMMON_NAME, tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
        byte[] validity = tlv(0x30, utcTime(from), utcTime(until));
        byte[] serial = tlv(0x02, BigInteger.valueOf(from.toEpochMilli()).toByteArray());
        byte[] tbs = tlv(
                0x30, serial, algorithm, name, validity, name, keys.getPublic().getEncoded());
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(tbs);
            byte[] signature = rsa.sign();
            byte[] bits = new byte[signature.length + 1]; // leading 0: no unused bits
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] der = tlv(0x30, tbs, algorithm, tlv(0x03, bits));
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the simulator's SNS signing certificate", e);
        }
    }

    private static byte[] utcTime(Instant instant) {
        return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    /** One DER tag-length-value with the given contents, concatenated. */
    private static byte[] tlv(int tag, byte[]... contents) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] part : contents) {
            value.writeBytes(part);
        }
        int length = value.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xFF);
            out.write(length & 0xFF);
        }
        out.writeBytes(value.toByteArray());
        return out.toByteArray();
    }
}
