package dev.vidferry.testsupport.http;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vidferry.testsupport.postgres.PostgresResource;

/**
 * Every answer of a service carries the security headers: a success, a client error and a readiness failure (Postgres
 * cut through {@link PostgresResource#proxy()}). A service's test extends it with its {@code @QuarkusTest} profile.
 */
public abstract class SecurityHeadersContract {

    private static final Duration READINESS_CHANGE = Duration.ofSeconds(45);

    @AfterEach
    void bringPostgresBack() {
        PostgresResource.proxy().restore();
        awaitReadiness(200);
    }

    @Test
    void aSuccessfulAnswerCarriesTheSecurityHeaders() {
        SecurityHeaders.assertCarried(given().get("/q/health/live").then().statusCode(200));
    }

    @Test
    void aClientErrorCarriesTheSecurityHeaders() {
        SecurityHeaders.assertCarried(given().get("/no/such/route").then().statusCode(404));
    }

    @Test
    void aServerErrorCarriesTheSecurityHeaders() {
        PostgresResource.proxy().cut();
        awaitReadiness(503);

        SecurityHeaders.assertCarried(given().get("/q/health/ready").then().statusCode(503));
    }

    private static void awaitReadiness(int status) {
        await().atMost(READINESS_CHANGE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(status));
    }
}
