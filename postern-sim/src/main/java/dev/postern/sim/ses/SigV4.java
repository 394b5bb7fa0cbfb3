package dev.postern.sim.ses;

import dev.postern.sim.http.SimRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 as a server sees it: the {@code Authorization} header's form, and the
 * signature recomputed from the request with the known secret (canonical request, string to sign,
 * derived key). The query is signed from its decoded parameters, first value of each: enough for
 * SES's list operations, whose parameters ({@code PageSize}, {@code NextToken}) are single.
 */
final class SigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** {@code AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ses/aws4_request, SignedHeaders=a;b, Signature=hex}. */
    private static final Pattern HEADER = Pattern.compile(ALGORITHM
            + " Credential=([^/\\s]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,\\s*"
            + "SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})");

    /** The parts of a well-formed {@code Authorization} header. */
    record Authorization(
            String accessKeyId, String date, String region, String service, String signedHeaders, String signature) {
        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    private SigV4() {}

    /** The header's parts, or null when it is not a SigV4 header of the expected form. */
    static Authorization parse(String header) {
        Matcher m = HEADER.matcher(header.strip());
        if (!m.matches()) {
            return null;
        }
        return new Authorization(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6));
    }

    /** The signature this request should carry, computed with {@code secret}. */
    static String expectedSignature(SimRequest request, Authorization auth, String amzDate, String secret) {
        String canonical = String.join(
                "\n",
                request.method(),
                canonicalPath(request.path()),
                canonicalQuery(request.query()),
                canonicalHeaders(request.headers(), auth.signedHeaders()),
                auth.signedHeaders(),
                request.header("x-amz-content-sha256").orElse(hex(sha256(request.body()))));
        return sign(secret, auth, amzDate, canonical);
    }

    /** The signature of {@code canonicalRequest}; used by the simulator and to sign test requests. */
    static String sign(String secret, Authorization auth, String amzDate, String canonicalRequest) {
        String toSign = String.join(
                "\n", ALGORITHM, amzDate, auth.scope(), hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, toSign));
    }

    /** Each segment URI-encoded (RFC 3986 unreserved characters kept), as AWS does for non-S3 services. */
    static String canonicalPath(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            String once = encode(segment);
            // Non-S3 services encode the path twice.
            segments.add(once.replace("%", "%25"));
        }
        String joined = String.join("/", segments);
        return joined.isEmpty() ? "/" : joined;
    }

    /** {@code name=value} pairs, each part URI-encoded as AWS does, sorted by name, joined with {@code &}. */
    static String canonicalQuery(Map<String, String> query) {
        Map<String, String> encoded = new TreeMap<>();
        query.forEach((name, value) -> encoded.put(encode(name), encode(value)));
        List<String> pairs = new ArrayList<>();
        encoded.forEach((name, value) -> pairs.add(name + "=" + value));
        return String.join("&", pairs);
    }

    /** RFC 3986 percent-encoding: unreserved characters kept, a space as %20. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    static String canonicalHeaders(Map<String, List<String>> headers, String signedHeaders) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.put(
                name.toLowerCase(Locale.ROOT),
                String.join(",", values.stream().map(SigV4::trimAll).toList())));
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            out.append(name).append(':').append(lower.getOrDefault(name, "")).append('\n');
        }
        return out.toString();
    }

    private static String trimAll(String value) {
        return value.strip().replaceAll("\\s+", " ");
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
