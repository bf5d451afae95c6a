package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A bulk request commits in one transaction and its answer is exactly what was committed: items refused by
 * validation or Drive are listed with their problem and not written, the others are all written.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class BulkJobsTest {

    @Test
    void aBulkWithOneUnstorableItemIsRefusedWholeAndCommitsNothing() {
        Emulator.User user = Emulator.newUser("bulknul");
        Api.connectGoogle(user);
        String good = Emulator.file(user, "good.mp4", "video/mp4", 1 << 20);
        Map<String, Object> nul = new HashMap<>(Api.jobBody(good, "Fine"));
        nul.put("metadata", Api.metadata("bad\u0000title"));

        Response answer = bulk(user, List.of(Api.jobBody(good, "Good"), nul));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getList("errors.field", String.class)).contains("jobs[1].metadata.title");
        assertThat(jobsOf(user)).as("nothing committed").isZero();
    }

    @Test
    void aBulkWithRefusedItemsCommitsExactlyTheItemsItReportsCreated() {
        Emulator.User user = Emulator.newUser("bulkmix");
        Api.connectGoogle(user);
        String good = Emulator.file(user, "good.mp4", "video/mp4", 1 << 20);
        String other = Emulator.file(user, "other.mp4", "video/mp4", 2 << 20);
        String empty = Emulator.file(user, "empty.mp4", "video/mp4", 0);
        String pdf = Emulator.file(user, "notes.pdf", "application/pdf", 1000);

        Response answer = bulk(user, List.of(Api.jobBody(good, "Good"), Api.jobBody(empty, "Empty"),
                Api.jobBody(pdf, "Pdf"), Map.of("driveFileId", good, "metadata", Map.of("title", "t".repeat(101))),
                Api.jobBody(other, "Other")));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        JsonPath result = answer.jsonPath();
        assertThat(result.getList("results.status", Integer.class)).containsExactly(201, 422, 422, 422, 201);
        assertThat(result.getInt("created")).isEqualTo(2);
        assertThat(result.getInt("failed")).isEqualTo(3);
        assertThat(result.getList("results[1].problem.errors.field", String.class)).contains("jobs[1].driveFileId");
        assertThat(result.getList("results[3].problem.errors.field", String.class))
                .contains("jobs[3].metadata.title");
        List<String> reported = List.of(result.getString("results[0].job.id"), result.getString("results[4].job.id"));
        assertThat(jobsOf(user)).isEqualTo(2);
        for (String id : reported) {
            assertThat(Db.count("SELECT count(*) FROM upload_job WHERE id = ?::uuid AND owner_id = ?", id,
                    user.sub())).as("reported job %s is committed", id).isEqualTo(1);
            assertThat(Db.count("SELECT count(*) FROM job_outbox WHERE aggregate_id = ?::uuid", id))
                    .as("with its events").isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aZeroByteDriveFileIsRefusedAtOnceNamingDriveFileId() {
        Emulator.User user = Emulator.newUser("empty");
        Api.connectGoogle(user);
        String empty = Emulator.file(user, "empty.mp4", "video/mp4", 0);

        Response answer = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Api.jobBody(empty, "Empty")).post("/api/v1/jobs");

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(422);
        assertThat(answer.jsonPath().getList("errors.field", String.class)).containsExactly("driveFileId");
        assertThat(answer.jsonPath().getList("errors.code", String.class)).containsExactly("emptyFile");
        assertThat(jobsOf(user)).isZero();
    }

    private static Response bulk(Emulator.User user, List<Map<String, Object>> jobs) {
        return given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("jobs", jobs)).post("/api/v1/jobs/bulk");
    }

    private static long jobsOf(Emulator.User user) {
        return Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", user.sub());
    }
}
