package dev.vidferry.api;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

import dev.vidferry.testsupport.http.SecurityHeaders;

/**
 * Every answer carries the security headers (no CORS headers unless configured). A 5xx is asserted in
 * {@link OutageTest}, answers refused before routing in {@link HostileRequestsTest}.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class SecurityHeadersTest {

    @Test
    void aSuccessfulAnswerCarriesTheSecurityHeadersAndNoCorsHeaders() {
        Emulator.User user = Emulator.newUser("headers");
        ValidatableResponse answer = given().header("Authorization", user.bearer()).header("Origin",
                "https://evil.example").get("/api/v1/jobs").then().statusCode(200);

        SecurityHeaders.assertCarried(answer);
        answer.header("Access-Control-Allow-Origin", (String) null);
    }

    @Test
    void aRefusedRequestCarriesTheSecurityHeaders() {
        Emulator.User user = Emulator.newUser("headers");
        SecurityHeaders.assertCarried(given().header("Authorization", user.bearer()).get("/api/v1/jobs?limit=abc").then()
                .statusCode(400));
        SecurityHeaders.assertCarried(given().get("/api/v1/jobs").then().statusCode(401));
    }

    @Test
    void healthAndMetricsCarryTheSecurityHeaders() {
        SecurityHeaders.assertCarried(given().get("/q/health/live").then().statusCode(200));
        SecurityHeaders.assertCarried(given().get("/q/metrics").then().statusCode(200));
    }
}
