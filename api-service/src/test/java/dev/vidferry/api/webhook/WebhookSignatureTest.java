package dev.vidferry.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The signature a receiver recomputes (no Quarkus). */
class WebhookSignatureTest {

    /** A fixed vector computed independently (Python hmac over the base64-decoded key and "1700000000.{body}"). */
    @Test
    void signsTimestampDotBodyWithTheSecretsKeyBytes() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\"id\":\"1\"}";
        String signature = WebhookSignature.sign(secret, 1_700_000_000L, body);
        assertThat(signature).isEqualTo("v1,qk1aquxi/ZHaJgyvhJgcehuxWf3AadMXTM8rxDBxk0U=");
        assertThat(WebhookSignature.verify(secret, 1_700_000_000L, body, "v1,bogus " + signature)).isTrue();
        assertThat(WebhookSignature.verify(secret, 1_700_000_001L, body, signature)).isFalse();
        assertThat(WebhookSignature.verify(secret, 1_700_000_000L, body, null)).isFalse();
    }
}
