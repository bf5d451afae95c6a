package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ApiTestProfile.class)
class UserIsolationTest {

    @Test
    void bobCannotSeeOrTouchAlicesJob() {
        Emulator.User alice = Emulator.newUser("alice");
        Emulator.User bob = Emulator.newUser("bob");
        Api.connectGoogle(alice);
        String job = Api.newJob(alice, "Alice's video");

        given().header("Authorization", bob.bearer()).get("/api/v1/jobs/" + job).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", bob.bearer()).post("/api/v1/jobs/" + job + "/cancel").then().statusCode(404);
        given().header("Authorization", bob.bearer()).post("/api/v1/jobs/" + job + "/retry").then().statusCode(404);
        given().header("Authorization", bob.bearer()).delete("/api/v1/jobs/" + job).then().statusCode(404);
        given().header("Authorization", bob.bearer()).post("/api/v1/jobs/clear").then().statusCode(200);
        given().header("Authorization", bob.bearer()).get("/api/v1/jobs").then().statusCode(200)
                .body("items", equalTo(List.of())).body("total", equalTo(0));

        given().header("Authorization", alice.bearer()).get("/api/v1/jobs/" + job).then().statusCode(200)
                .body("status", equalTo("pending"));
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE id = ?::uuid AND owner_id = ?", job, alice.sub()))
                .isEqualTo(1);
    }

    @Test
    void bobCannotQueueAliceDriveFilesWithHisOwnGoogleAccount() {
        Emulator.User alice = Emulator.newUser("alice");
        Emulator.User bob = Emulator.newUser("bob");
        Api.connectGoogle(bob);
        String alicesFile = Emulator.file(alice, "private.mp4", "video/mp4", 1 << 20);
        Api.createJob(bob, Api.jobBody(alicesFile, "Not mine")).statusCode(404)
                .body("errors[0].field", equalTo("driveFileId"));
    }

    @Test
    void aTokenTheSameIssuerMadeForAnotherAppIsRefused() {
        Emulator.User alice = Emulator.newUser("alice");
        Emulator.client().registerClient("other-app", "other-secret", true);
        com.fasterxml.jackson.databind.JsonNode tokens = Emulator.client().issueTokens(alice.username(), "other-app",
                "openid email");
        String foreign = tokens.hasNonNull("accessToken")
                ? tokens.get("accessToken").asText()
                : tokens.path("access_token").asText();
        assertThat(foreign).isNotBlank();

        given().header("Authorization", "Bearer " + foreign).get("/api/v1/jobs").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", alice.bearer()).get("/api/v1/jobs").then().statusCode(200);
    }
}
