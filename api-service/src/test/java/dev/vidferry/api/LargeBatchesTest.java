package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * A 10,000-file folder and a 500-item bulk, timed (printed for docs/benchmarks.md; the machine is shared, so the
 * assertions are about what was written, not about the time).
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class LargeBatchesTest {

    @Test
    void aTenThousandFileFolderIsScannedDeduplicatedAndQueuedInOneRequest() {
        Emulator.User user = Emulator.newUser("tenk");
        Api.connectGoogle(user);
        List<SeededFile> seeded = Emulator.client().seedFolder(user.username(), null, "Big", 10_000, 2048);
        String folder = seeded.get(0).id();
        Emulator.client().files(user.username()); // every md5 known
        String early = Api.createJob(user, Api.jobBody(seeded.get(1).id(), "Early")).statusCode(201).extract()
                .path("id");

        long t0 = System.nanoTime();
        JsonPath answer = FolderUploadTest.enqueue(user, folder, Map.of("maxFiles", 10_000)).then().statusCode(200)
                .extract().jsonPath();
        long ms = (System.nanoTime() - t0) / 1_000_000;

        System.out.printf("folder enqueue of 10,000 files: %d ms, %d Drive calls%n", ms, answer.getInt("driveCalls"));
        assertThat(answer.getInt("addedCount")).isEqualTo(9_999);
        assertThat(answer.getList("skipped.reason", String.class)).containsExactly("already_queued");
        assertThat(answer.getInt("driveCalls")).as("a get of the folder and 10 pages of 1000").isEqualTo(11);
        assertThat(Db.count("SELECT count(DISTINCT drive_file_id) FROM upload_job WHERE owner_id = ?", user.sub()))
                .isEqualTo(10_000);
        assertThat(Db.count("SELECT count(*) FROM job_outbox o JOIN upload_job j ON j.id = o.aggregate_id "
                + "WHERE j.batch_id = ?", answer.getString("batchId"))).isEqualTo(19_998);
        assertThat(early).isNotNull();
    }

    @Test
    void aBulkOfFiveHundredItemsIsLookedUpConcurrentlyAndWrittenTogether() {
        Emulator.User user = Emulator.newUser("bulk500");
        Api.connectGoogle(user);
        List<SeededFile> seeded = Emulator.client().seedFolder(user.username(), null, "Five hundred", 500, 2048);
        List<Map<String, Object>> items = new ArrayList<>();
        for (SeededFile file : seeded.subList(1, seeded.size())) {
            items.add(Map.of("driveFileId", file.id(), "metadata", Api.metadata(file.name()), "batchId", "b500"));
        }

        long t0 = System.nanoTime();
        JsonPath answer = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("jobs", items)).post("/api/v1/jobs/bulk").then().statusCode(200).extract().jsonPath();
        long ms = (System.nanoTime() - t0) / 1_000_000;

        System.out.printf("bulk of 500 items: %d ms, 500 Drive files.get calls (16 at a time)%n", ms);
        assertThat(answer.getInt("created")).isEqualTo(500);
        assertThat(answer.getList("results.index", Integer.class)).isSorted().hasSize(500);
        assertThat(answer.getList("results.job.fileName", String.class)).containsExactlyElementsOf(
                seeded.subList(1, seeded.size()).stream().map(SeededFile::name).toList());
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ? AND batch_id = 'b500'", user.sub()))
                .isEqualTo(500);
        assertThat(Db.count("SELECT count(*) FROM job_outbox o JOIN upload_job j ON j.id = o.aggregate_id "
                + "WHERE j.owner_id = ?", user.sub())).isEqualTo(1000);
    }
}
