package dev.vidferry.scheduler;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.testsupport.kafka.KafkaResource;
import dev.vidferry.testsupport.postgres.PostgresResource;

@QuarkusTest
@TestProfile(SchedulerTestProfile.class)
class ReadinessTest {

    private static final Duration WITHIN = Duration.ofSeconds(45);

    @AfterEach
    void bringEverythingBack() {
        PostgresResource.proxy().restore();
        KafkaResource.restartBroker();
        awaitReadiness(200);
    }

    @Test
    void readinessGoesDownWhileKafkaIsStoppedAndUpWhenItReturns() {
        awaitReadiness(200);

        KafkaResource.stopBroker();
        awaitReadiness(503);

        KafkaResource.restartBroker();
        awaitReadiness(200);
    }

    @Test
    void readinessGoesDownWhilePostgresIsUnreachableAndUpWhenItReturns() {
        awaitReadiness(200);

        PostgresResource.proxy().cut();
        awaitReadiness(503);

        PostgresResource.proxy().restore();
        awaitReadiness(200);
    }

    private static void awaitReadiness(int status) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(
                () -> given().when().get("/q/health/ready").then().statusCode(status));
    }
}
