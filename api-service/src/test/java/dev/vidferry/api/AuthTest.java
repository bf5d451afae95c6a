package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.testsupport.emulator.EmulatorClient;

/** Only user tokens of our issuer and audience get in; roles decide the operator endpoints. Real emulator JWTs. */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class AuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void refused(String bearer) {
        var request = given();
        if (bearer != null) {
            request = request.header("Authorization", "Bearer " + bearer);
        }
        request.get("/api/v1/jobs").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void noTokenIsRefused() {
        refused(null);
        given().get("/api/v1/google/accounts").then().statusCode(401);
        given().post("/api/v1/admin/keys/reencrypt").then().statusCode(401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Emulator.User alice = Emulator.newUser("alice");
        EmulatorClient emulator = Emulator.client();
        emulator.advanceClock(Duration.ofHours(-3));
        String expired;
        try {
            expired = emulator.oidcAccessToken(alice.username(), "pw");
        } finally {
            emulator.advanceClock(Duration.ofHours(3));
        }
        assertThat(claims(expired).path("exp").asLong()).isLessThan(System.currentTimeMillis() / 1000);
        refused(expired);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        Emulator.User alice = Emulator.newUser("alice");
        EmulatorClient emulator = Emulator.client();
        String previous = emulator.setIssuer("https://issuer.attacker.example");
        String foreign;
        try {
            foreign = emulator.oidcAccessToken(alice.username(), "pw");
        } finally {
            emulator.setIssuer(previous);
        }
        assertThat(claims(foreign).path("iss").asText()).isEqualTo("https://issuer.attacker.example");
        refused(foreign);
        given().header("Authorization", alice.bearer()).get("/api/v1/jobs").then().statusCode(200);
    }

    @Test
    void aTamperedSignatureIsRefused() {
        Emulator.User alice = Emulator.newUser("alice");
        String[] parts = alice.accessToken().split("\\.");
        ObjectNode claims = (ObjectNode) claims(alice.accessToken());
        claims.put("sub", "someone-else");
        refused(parts[0] + "." + b64(claims.toString()) + "." + parts[2]);
        char last = parts[2].charAt(10);
        refused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A')
                + parts[2].substring(11));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        Emulator.User alice = Emulator.newUser("alice");
        String payload = alice.accessToken().split("\\.")[1];
        refused(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".");
    }

    @Test
    void aClientCredentialsTokenHasNoUserAndIsRefused() {
        JsonNode answer = Emulator.client().clientCredentialsToken("vidferry", "vidferry-secret", "openid email");
        String token = answer.path("access_token").asText();
        JsonNode claims = claims(token);
        assertThat(claims.path("aud").asText()).isEqualTo("vidferry");
        assertThat(claims.path("sub").asText()).isEqualTo(claims.path("azp").asText());
        refused(token);
    }

    @Test
    void aUserCallingAnOperatorEndpointIsForbidden() {
        Emulator.User user = Emulator.newUser("ursula");
        given().header("Authorization", user.bearer()).post("/api/v1/admin/keys/reencrypt").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anAdminMayReencryptTheKeys() {
        String token = admin();
        given().header("Authorization", "Bearer " + token).post("/api/v1/admin/keys/reencrypt").then()
                .statusCode(200).body("activeKeyId", equalTo("test"));
    }

    /** A user whose tokens carry the {@code admin} role (the emulator's role mapping). */
    static String admin() {
        String username = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        Emulator.client().createUser(username, "pw", List.of("admin"));
        return Emulator.client().oidcAccessToken(username, "pw");
    }

    static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
