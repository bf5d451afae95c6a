package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@TestProfile(ApiTestProfile.class)
class JobApiTest {

    @Test
    void connectingGoogleStoresTheTokenEncryptedAndNeverShowsIt() {
        Emulator.User user = Emulator.newUser("ann");
        given().header("Authorization", user.bearer()).get("/api/v1/google/account").then().statusCode(200)
                .body("status", equalTo("not_connected"));
        String answer = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", user.refreshToken())).put("/api/v1/google/account")
                .then().statusCode(200).body("status", equalTo("active"))
                .body("scopes", hasItem("https://www.googleapis.com/auth/youtube.upload"))
                .body("channelTitle", notNullValue()).body("channelId", notNullValue())
                .extract().asString();
        assertThat(answer).doesNotContain(user.refreshToken());
        String shown = given().header("Authorization", user.bearer()).get("/api/v1/google/account").then()
                .statusCode(200).body("status", equalTo("active")).extract().asString();
        assertThat(shown).doesNotContain(user.refreshToken()).doesNotContain("ciphertext");
        assertThat(Db.count("SELECT count(*) FROM google_account WHERE owner_id = ? AND key_id = 'test'"
                + " AND position(convert_to(?, 'UTF8') in refresh_token_ciphertext) = 0", user.sub(),
                user.refreshToken())).isEqualTo(1);
    }

    @Test
    void creatingAJobReadsNameSizeAndMd5FromDrive() {
        Emulator.User user = Emulator.newUser("ben");
        Api.connectGoogle(user);
        String fileId = Emulator.file(user, "holiday.mp4", "video/mp4", 3 << 20);
        JsonPath job = Api.createJob(user, Map.of("driveFileId", fileId, "batchId", "b1", "folderPath", "/Videos",
                "metadata", Api.metadata("Holiday"))).statusCode(201)
                .header("Location", startsWith("http")).contentType(ContentType.JSON)
                .body("status", equalTo("pending"))
                .body("fileName", equalTo("holiday.mp4"))
                .body("sizeBytes", equalTo(3 << 20))
                .body("mimeType", equalTo("video/mp4"))
                .body("md5Checksum", notNullValue())
                .body("metadata.privacyStatus", equalTo("private"))
                .body("metadata.madeForKids", equalTo(false))
                .body("batchId", equalTo("b1"))
                .body("warning", nullValue())
                .body("startedAt", nullValue())
                .body("completedAt", nullValue())
                .extract().jsonPath();
        String id = job.getString("id");
        assertThat(job.getString("md5Checksum")).isEqualTo(Emulator.describe(user, fileId).md5());
        given().header("Authorization", user.bearer()).get("/api/v1/jobs/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("fileName", equalTo("holiday.mp4"));
        assertThat(Db.count("SELECT count(*) FROM job_outbox WHERE aggregate_id = ?::uuid AND topic = ?", id,
                "upload-job.requested")).isEqualTo(1);
    }

    @Test
    void aFileAboveTheWarningSizeIsQueuedWithAWarning() {
        Emulator.User user = Emulator.newUser("cid");
        Api.connectGoogle(user);
        String fileId = Emulator.file(user, "big.mov", "video/quicktime", ApiTestProfile.WARNING_SIZE + 1);
        Api.createJob(user, Api.jobBody(fileId, "Big")).statusCode(201).body("warning", notNullValue());
    }

    @Test
    void aShortcutIsResolvedToItsTarget() {
        Emulator.User user = Emulator.newUser("dee");
        Api.connectGoogle(user);
        String target = Emulator.file(user, "target.mp4", "video/mp4", 1 << 20);
        String shortcut = Emulator.shortcut(user, "link to target", target);
        Api.createJob(user, Api.jobBody(shortcut, "Via shortcut")).statusCode(201)
                .body("driveFileId", equalTo(target)).body("fileName", equalTo("target.mp4"));
    }

    @Test
    void listingIsNewestFirstWithCursorPagingFiltersAndRightCounts() {
        Emulator.User user = Emulator.newUser("eve");
        Api.connectGoogle(user);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Api.newJob(user, "Clip " + i));
        }
        given().header("Authorization", user.bearer()).post("/api/v1/jobs/" + ids.get(0) + "/cancel").then()
                .statusCode(200).body("status", equalTo("cancelled")).body("completedAt", notNullValue());

        JsonPath first = given().header("Authorization", user.bearer()).queryParam("limit", 2).get("/api/v1/jobs")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id")).containsExactly(ids.get(4), ids.get(3));
        assertThat(first.getLong("counts.pending")).isEqualTo(4);
        assertThat(first.getLong("counts.cancelled")).isEqualTo(1);
        assertThat(first.getLong("counts.uploading")).isZero();
        assertThat(first.getLong("total")).isEqualTo(5);

        List<Object> seen = new ArrayList<>(first.getList("items.id"));
        String cursor = first.getString("nextCursor");
        while (cursor != null) {
            JsonPath page = given().header("Authorization", user.bearer()).queryParam("limit", 2)
                    .queryParam("cursor", cursor).get("/api/v1/jobs").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        }
        assertThat(seen).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));

        given().header("Authorization", user.bearer()).queryParam("status", "cancelled").get("/api/v1/jobs").then()
                .statusCode(200).body("items.id", equalTo(List.of(ids.get(0))));
    }

    @Test
    void bulkCreationAnswersPerItem() {
        Emulator.User user = Emulator.newUser("fay");
        Api.connectGoogle(user);
        String good = Emulator.file(user, "good.mp4", "video/mp4", 1 << 20);
        String pdf = Emulator.file(user, "notes.pdf", "application/pdf", 1000);
        JsonPath result = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("jobs", List.of(Api.jobBody(good, "Good"), Api.jobBody(pdf, "Pdf"),
                        Map.of("driveFileId", good, "metadata", Map.of("title", "")))))
                .post("/api/v1/jobs/bulk").then().statusCode(200)
                .body("created", equalTo(1)).body("failed", equalTo(2))
                .extract().jsonPath();
        assertThat(result.getInt("results[0].status")).isEqualTo(201);
        assertThat(result.getString("results[0].job.fileName")).isEqualTo("good.mp4");
        assertThat(result.getInt("results[1].status")).isEqualTo(422);
        assertThat(result.getString("results[1].problem.errors[0].field")).isEqualTo("jobs[1].driveFileId");
        assertThat(result.getString("results[2].problem.errors[0].field")).isEqualTo("jobs[2].metadata.title");
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", user.sub())).isEqualTo(1);
    }

    @Test
    void aFailedJobCanBeRetriedWithItsAttemptsReset() {
        Emulator.User user = Emulator.newUser("gus");
        Api.connectGoogle(user);
        String id = Api.newJob(user, "Flaky");
        Db.execute("UPDATE upload_job SET status = 'failed', attempt = 5, error_code = 'RETRIES_EXHAUSTED',"
                + " completed_at = now() WHERE id = ?::uuid", id);
        given().header("Authorization", user.bearer()).post("/api/v1/jobs/" + id + "/retry").then().statusCode(200)
                .body("status", equalTo("pending")).body("attempt", equalTo(0)).body("errorCode", nullValue())
                .body("completedAt", nullValue());
        assertThat(Db.count("SELECT count(*) FROM job_outbox WHERE aggregate_id = ?::uuid AND topic = ?"
                + " AND payload->'data'->>'reason' = 'retry'", id, "upload-job.requested")).isEqualTo(1);
        given().header("Authorization", user.bearer()).post("/api/v1/jobs/" + id + "/retry").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void cancellingARunningJobAsksItsWorkerToStop() {
        Emulator.User user = Emulator.newUser("hal");
        Api.connectGoogle(user);
        String id = Api.newJob(user, "Long one");
        Db.execute("UPDATE upload_job SET status = 'uploading', started_at = now(), attempt = 1 WHERE id = ?::uuid", id);
        given().header("Authorization", user.bearer()).post("/api/v1/jobs/" + id + "/cancel").then().statusCode(202)
                .body("status", equalTo("uploading")).body("cancelRequestedAt", notNullValue())
                .body("startedAt", notNullValue());
        assertThat(Db.count("SELECT count(*) FROM job_outbox WHERE aggregate_id = ?::uuid AND topic = ?"
                + " AND payload->'data'->>'action' = 'cancel'", id, "upload-job.control")).isEqualTo(1);
        given().header("Authorization", user.bearer()).delete("/api/v1/jobs/" + id).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void deletingAndClearingRemoveOnlyTheCallersFinishedJobs() {
        Emulator.User user = Emulator.newUser("ida");
        Api.connectGoogle(user);
        String pending = Api.newJob(user, "Keep me");
        String done = Api.newJob(user, "Done");
        String gone = Api.newJob(user, "Delete me");
        Db.execute("UPDATE upload_job SET status = 'completed', completed_at = now() WHERE id = ?::uuid", done);
        given().header("Authorization", user.bearer()).delete("/api/v1/jobs/" + gone).then().statusCode(204);
        given().header("Authorization", user.bearer()).get("/api/v1/jobs/" + gone).then().statusCode(404);
        given().header("Authorization", user.bearer()).post("/api/v1/jobs/clear").then().statusCode(200)
                .body("deleted", equalTo(1));
        given().header("Authorization", user.bearer()).get("/api/v1/jobs").then().statusCode(200)
                .body("items.id", equalTo(List.of(pending)));
    }

    @Test
    void historyListsTheCallersUploadsNewestFirst() {
        Emulator.User user = Emulator.newUser("jon");
        for (int i = 0; i < 3; i++) {
            Db.execute("INSERT INTO upload_history (id, owner_id, drive_file_id, video_id, video_url, title, uploaded_at)"
                    + " VALUES (?::uuid, ?, 'f" + i + "', 'v" + i + "', 'https://youtu.be/v" + i + "', 'T" + i + "',"
                    + " now() - interval '" + (10 - i) + " minutes')", UUID.randomUUID().toString(), user.sub());
        }
        JsonPath page = given().header("Authorization", user.bearer()).queryParam("limit", 2).get("/api/v1/history")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.videoId")).containsExactly("v2", "v1");
        given().header("Authorization", user.bearer()).queryParam("cursor", page.getString("nextCursor"))
                .get("/api/v1/history").then().statusCode(200).body("items.videoId", equalTo(List.of("v0")))
                .body("nextCursor", nullValue());
    }

    @Test
    void aGoogleGrantThatDiedAsksTheUserToReconnectInsteadOfQueueing() {
        Emulator.User user = Emulator.newUser("kim");
        Api.connectGoogle(user);
        String fileId = Emulator.file(user, "later.mp4", "video/mp4", 1 << 20);
        Emulator.client().expireRefreshTokens(user.username());
        Db.execute("UPDATE google_account SET access_token_expires_at = now() - interval '1 hour' WHERE owner_id = ?",
                user.sub());
        Api.createJob(user, Api.jobBody(fileId, "Later")).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://vidferry.dev/problems/google-reconnect-required"));
        given().header("Authorization", user.bearer()).get("/api/v1/google/account").then().statusCode(200)
                .body("status", equalTo("reconnect_required"));
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", user.sub())).isZero();
    }
}
