package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** An {@code admin} reaches every user's jobs and history; a {@code user} only their own. */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class AdminAccessTest {

    @Test
    void anAdminSeesCancelsRetriesAndDeletesAnotherUsersJob() {
        Emulator.User alice = Emulator.newUser("alice");
        Emulator.User bob = Emulator.newUser("bob");
        Api.connectGoogle(alice);
        String job = Api.newJob(alice, "Alice's video");
        String admin = "Bearer " + AuthTest.admin();

        given().header("Authorization", bob.bearer()).get("/api/v1/jobs").then().statusCode(200)
                .body("items.id", not(hasItem(job)));
        given().header("Authorization", bob.bearer()).get("/api/v1/history").then().statusCode(200);

        given().header("Authorization", admin).get("/api/v1/jobs?limit=100").then().statusCode(200)
                .body("items.id", hasItem(job));
        given().header("Authorization", admin).get("/api/v1/jobs/" + job).then().statusCode(200)
                .body("status", equalTo("pending"));
        given().header("Authorization", admin).post("/api/v1/jobs/" + job + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        given().header("Authorization", admin).post("/api/v1/jobs/" + job + "/retry").then().statusCode(200)
                .body("status", equalTo("pending"));
        given().header("Authorization", admin).post("/api/v1/jobs/" + job + "/cancel").then().statusCode(200);
        given().header("Authorization", admin).delete("/api/v1/jobs/" + job).then().statusCode(204);
        given().header("Authorization", alice.bearer()).get("/api/v1/jobs/" + job).then().statusCode(404);
    }

    @Test
    void aUserCannotSeeOrDisconnectAnotherUsersGoogleAccounts() {
        Emulator.User alice = Emulator.newUser("alice");
        Emulator.User bob = Emulator.newUser("bob");
        Api.connectGoogle(alice);
        String account = given().header("Authorization", alice.bearer()).get("/api/v1/google/accounts").then()
                .statusCode(200).body("items[0].isDefault", equalTo(true)).extract().path("items[0].id");

        given().header("Authorization", bob.bearer()).get("/api/v1/google/accounts").then().statusCode(200)
                .body("items.id", not(hasItem(account)));
        given().header("Authorization", bob.bearer()).delete("/api/v1/google/account/" + account).then()
                .statusCode(404);
        given().header("Authorization", bob.bearer()).put("/api/v1/google/accounts/" + account + "/default").then()
                .statusCode(404);
        Api.createJob(bob, java.util.Map.of("driveFileId", Emulator.file(bob, "b.mp4", "video/mp4", 1 << 20),
                "metadata", Api.metadata("Not with Alice's channel"), "googleAccountId", account)).statusCode(404)
                .body("errors[0].field", equalTo("googleAccountId"));
        given().header("Authorization", alice.bearer()).get("/api/v1/google/accounts").then().statusCode(200)
                .body("items.id", hasItem(account));
    }
}
