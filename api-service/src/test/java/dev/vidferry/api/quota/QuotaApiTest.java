package dev.vidferry.api.quota;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.vidferry.api.ApiTestProfile;
import dev.vidferry.api.Db;
import dev.vidferry.api.Emulator;
import dev.vidferry.model.quota.PacificDay;
import dev.vidferry.model.quota.QuotaBuckets;
import dev.vidferry.model.quota.QuotaMethods;
import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.quota.QuotaLedger;

@QuarkusTest
@TestProfile(ApiTestProfile.class)
class QuotaApiTest {

    @Inject
    QuotaLedger ledger;

    @Inject
    GoogleConfig google;

    @BeforeEach
    void freshQuota() {
        Db.execute("DELETE FROM quota_ledger");
    }

    @Test
    void showsEveryBucketOfTheCurrentModelWithItsNextPacificReset() {
        Emulator.User user = Emulator.newUser("quota");

        JsonPath quota = given().header("Authorization", user.bearer()).get("/api/v1/quota").then().statusCode(200)
                .body("projectId", equalTo(google.projectId()))
                .body("buckets.bucket", equalTo(java.util.List.of("default", "search.list", "videos.insert")))
                .extract().jsonPath();

        assertThat(quota.getLong("buckets.find { it.bucket == 'videos.insert' }.limit")).isEqualTo(100);
        assertThat(quota.getLong("buckets.find { it.bucket == 'videos.insert' }.remaining")).isEqualTo(100);
        assertThat(quota.getLong("buckets.find { it.bucket == 'default' }.limit")).isEqualTo(10_000);
        Instant resetsAt = Instant.parse(quota.getString("buckets.find { it.bucket == 'default' }.resetsAt"));
        assertThat(resetsAt).isEqualTo(PacificDay.nextReset(Instant.now()));
        assertThat(resetsAt).isEqualTo(Instant.parse(quota.getString("resetsAt")));
    }

    @Test
    void showsWhatWorkersBookedAndABucketGoogleClosed() {
        Emulator.User user = Emulator.newUser("quota");
        ledger.reserve(google.projectId(), QuotaMethods.VIDEOS_INSERT).await().indefinitely();
        ledger.reserve(google.projectId(), QuotaMethods.THUMBNAILS_SET).await().indefinitely();
        ledger.markExhausted(google.projectId(), QuotaBuckets.SEARCH_LIST).await().indefinitely();

        given().header("Authorization", user.bearer()).get("/api/v1/quota").then().statusCode(200)
                .body("buckets.find { it.bucket == 'videos.insert' }.used", equalTo(1))
                .body("buckets.find { it.bucket == 'videos.insert' }.remaining", equalTo(99))
                .body("buckets.find { it.bucket == 'videos.insert' }.exhausted", equalTo(false))
                .body("buckets.find { it.bucket == 'default' }.used", equalTo(50))
                .body("buckets.find { it.bucket == 'default' }.remaining", equalTo(9950))
                .body("buckets.find { it.bucket == 'search.list' }.exhausted", equalTo(true))
                .body("buckets.find { it.bucket == 'search.list' }.remaining", equalTo(0));
    }

    @Test
    void needsABearerToken() {
        given().get("/api/v1/quota").then().statusCode(401);
    }
}
