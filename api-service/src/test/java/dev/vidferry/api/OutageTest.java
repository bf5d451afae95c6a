package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.vidferry.testsupport.Conditions;
import dev.vidferry.testsupport.http.SecurityHeaders;
import dev.vidferry.testsupport.postgres.PostgresResource;

/**
 * PostgreSQL or Google out of reach: requests that need them answer 503 problem+json with Retry-After, commit nothing,
 * and the service serves again once the dependency is back.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class OutageTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @AfterEach
    void bringEverythingBack() {
        PostgresResource.proxy().restore();
        Db.execute("DROP TRIGGER IF EXISTS test_slow_insert ON upload_job");
        Emulator.client().clearFaults();
        await("readiness UP", () -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void withPostgresCutCreatingAJobAnswers503WithRetryAfterAndTheServiceRecovers() {
        Emulator.User user = Emulator.newUser("outage");
        Api.connectGoogle(user);
        String file = Emulator.file(user, "outage.mp4", "video/mp4", 1 << 20);

        PostgresResource.proxy().cut();
        Response refused = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Api.jobBody(file, "During the outage")).post("/api/v1/jobs");

        assertUnavailable(refused);
        await("readiness DOWN", () -> given().get("/q/health/ready").statusCode() == 503);
        SecurityHeaders.assertCarried(given().get("/q/health/ready").then().statusCode(503));

        PostgresResource.proxy().restore();
        await("readiness UP", () -> given().get("/q/health/ready").statusCode() == 200);
        Api.createJob(user, Api.jobBody(file, "After the outage")).statusCode(201);
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", user.sub()))
                .as("only the job created after the outage").isEqualTo(1);
    }

    @Test
    void aBulkCutOffAfterValidationAnswers503AndCommitsNothing() {
        Emulator.User user = Emulator.newUser("bulkcut");
        Api.connectGoogle(user);
        String first = Emulator.file(user, "first.mp4", "video/mp4", 1 << 20);
        String slow = Emulator.file(user, "slow.mp4", "video/mp4", 1 << 20);
        // the second insert waits in the database, so the cut falls inside the batch's one transaction
        Db.execute("CREATE OR REPLACE FUNCTION test_slow_insert() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.drive_file_name = 'slow.mp4' THEN PERFORM pg_sleep(30); END IF; RETURN NEW; END $$ "
                + "LANGUAGE plpgsql");
        Db.execute("CREATE TRIGGER test_slow_insert BEFORE INSERT ON upload_job FOR EACH ROW "
                + "EXECUTE FUNCTION test_slow_insert()");

        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> given()
                .header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("jobs", List.of(Api.jobBody(first, "First"), Api.jobBody(slow, "Slow"))))
                .post("/api/v1/jobs/bulk"));
        await("the second insert to wait in PostgreSQL", () -> Db.count("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = ? AND wait_event = 'PgSleep'", ApiTestProfile.DATABASE) > 0);
        PostgresResource.proxy().cut();
        Db.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? "
                + "AND wait_event = 'PgSleep'", ApiTestProfile.DATABASE);

        assertUnavailable(answer.join());
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", user.sub()))
                .as("neither item committed").isZero();
    }

    @Test
    void withGoogleFailingTheDriveLookupAnswers503WithRetryAfter() {
        Emulator.User user = Emulator.newUser("googledown");
        Api.connectGoogle(user);
        String file = Emulator.file(user, "google.mp4", "video/mp4", 1 << 20);
        // more 503s than the Google client's back-off (30 s) retries
        Emulator.client().injectFault("api", 1000, 503);

        Response refused = given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 120_000))).header("Authorization", user.bearer())
                .contentType(ContentType.JSON)
                .body(Api.jobBody(file, "Google down")).post("/api/v1/jobs");

        assertUnavailable(refused);
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", user.sub())).isZero();
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(503);
        assertThat(response.jsonPath().getString("detail")).isNotBlank();
        assertThat(response.asString()).doesNotContainIgnoringCase("exception");
        SecurityHeaders.assertCarried(response.then());
    }

    static void await(String what, BooleanSupplier condition) {
        Conditions.await(what, WITHIN, condition);
    }
}
