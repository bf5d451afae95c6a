package dev.vidferry.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request, in the header style of the Standard Webhooks spec: {@code webhook-id} (the
 * delivery id, the same on every retry), {@code webhook-timestamp} (Unix seconds of this attempt) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256>} computed with the hook's secret over
 * {@code <webhook-timestamp> + "." + <raw body>}. The secret is {@code whsec_<base64 of 32 random bytes>}; the HMAC key
 * is those 32 bytes. Receivers recompute it, compare in constant time and refuse timestamps older than a few minutes.
 */
public final class WebhookSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret, shown to the user once. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** {@code v1,<base64>} over {@code timestamp + "." + body}. */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** What a receiver does: whether {@code header} holds a valid {@code v1} signature of the body. */
    public static boolean verify(String secret, long timestamp, String body, String header) {
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        for (String candidate : header == null ? new String[0] : header.split(" ")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.startsWith(SECRET_PREFIX)
                ? secret.substring(SECRET_PREFIX.length())
                : secret);
    }
}
