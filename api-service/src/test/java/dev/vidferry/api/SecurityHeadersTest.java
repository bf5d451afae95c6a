package dev.vidferry.api;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * Every answer carries the security headers (no CORS headers unless configured). A 5xx is asserted in
 * {@link OutageTest}, answers refused before routing in {@link HostileRequestsTest}.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class SecurityHeadersTest {

    static final Map<String, String> EXPECTED = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-store",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'");

    static void assertHeaders(ValidatableResponse response) {
        EXPECTED.forEach((name, value) -> response.header(name, value));
    }

    @Test
    void aSuccessfulAnswerCarriesTheSecurityHeadersAndNoCorsHeaders() {
        Emulator.User user = Emulator.newUser("headers");
        ValidatableResponse answer = given().header("Authorization", user.bearer()).header("Origin",
                "https://evil.example").get("/api/v1/jobs").then().statusCode(200);

        assertHeaders(answer);
        answer.header("Access-Control-Allow-Origin", (String) null);
    }

    @Test
    void aRefusedRequestCarriesTheSecurityHeaders() {
        Emulator.User user = Emulator.newUser("headers");
        assertHeaders(given().header("Authorization", user.bearer()).get("/api/v1/jobs?limit=abc").then()
                .statusCode(400));
        assertHeaders(given().get("/api/v1/jobs").then().statusCode(401));
    }

    @Test
    void healthAndMetricsCarryTheSecurityHeaders() {
        assertHeaders(given().get("/q/health/live").then().statusCode(200));
        assertHeaders(given().get("/q/metrics").then().statusCode(200));
    }
}
