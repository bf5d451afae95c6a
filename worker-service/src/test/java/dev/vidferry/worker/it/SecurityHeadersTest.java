package dev.vidferry.worker.it;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

import dev.vidferry.testsupport.postgres.PostgresResource;

/** Every answer of a worker carries the security headers, a readiness failure included. */
@QuarkusTest
@TestProfile(WorkerTestProfile.class)
class SecurityHeadersTest {

    static final Map<String, String> EXPECTED = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-store",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'");

    @AfterEach
    void bringPostgresBack() {
        PostgresResource.proxy().restore();
        Jobs.await("readiness UP", Duration.ofSeconds(45),
                () -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void aSuccessfulAnswerCarriesTheSecurityHeaders() {
        assertHeaders(given().get("/q/health/live").then().statusCode(200));
    }

    @Test
    void aClientErrorCarriesTheSecurityHeaders() {
        assertHeaders(given().get("/no/such/route").then().statusCode(404));
    }

    @Test
    void aServerErrorCarriesTheSecurityHeaders() {
        PostgresResource.proxy().cut();
        Jobs.await("readiness DOWN", Duration.ofSeconds(45),
                () -> given().get("/q/health/ready").statusCode() == 503);

        assertHeaders(given().get("/q/health/ready").then().statusCode(503));
    }

    private static void assertHeaders(ValidatableResponse response) {
        EXPECTED.forEach((name, value) -> response.header(name, value));
    }
}
