package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@TestProfile(ApiTestProfile.class)
class ApiSmokeTest {

    @Test
    void isReadyWhenPostgresAndKafkaAnswer() {
        JsonPath health = given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .extract().jsonPath();
        List<String> checks = health.getList("checks.name");
        assertThat(String.join(",", checks).toLowerCase()).contains("database").contains("kafka");
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("vidferry_outbox_published_total")
                .contains("vidferry_outbox_jobs_waiting");
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/api/v1/jobs").contains("/api/v1/google/account");
    }

    @Test
    void appliesTheMigrations() {
        assertThat(Db.count("SELECT count(*) FROM flyway_schema_history WHERE success")).isGreaterThanOrEqualTo(1);
    }
}
