package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * One-off folder uploads against the emulator over HTTP (official Drive client) and real PostgreSQL: a 3-level tree
 * with 120 videos, a shortcut, a shared-drive folder, non-videos, two sidecars and a manifest.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FolderUploadTest {

    static final String ZONE = "Pacific/Kiritimati";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, Object> SETTINGS = Map.of("titleTemplate", "{folder} - {filename}",
            "descriptionTemplate", "{root_folder}/{folder_path} on {upload_date}", "includeMd5Marker", true,
            "privacyStatus", "private", "tags", List.of("holiday"));

    Emulator.User user;
    String library;
    Map<String, String> ids = new HashMap<>();
    Map<String, String> md5s = new HashMap<>();

    /** The tree, seeded by the first test that needs it (RestAssured knows the app's port only inside tests). */
    synchronized void seedTheTree() {
        if (user != null) {
            return;
        }
        user = Emulator.newUser("folders");
        Api.connectGoogle(user);
        String name = user.username();
        library = Emulator.client().seedTree(name, null, items().add(folder("Library"))).get(0).id();
        remember(Emulator.client().seedTree(name, library, items()
                .add(video("intro.mp4", 11))
                .add(text("intro.json", "{\"title\":\"Welcome\",\"tags\":[\"a\",\"b\"]}"))
                .add(JSON.createObjectNode().put("name", "notes.txt").put("mimeType", "text/plain").put("size", 100))
                .add(JSON.createObjectNode().put("name", "plan").put("mimeType", "application/vnd.google-apps.document"))
                .add(folder("2025", 40, "video-%03d.mp4").set("children",
                        items().add(folder("Spring", 40, "spring-%03d.mp4"))))
                .add(folder("2026", 36, "clip-%03d.mov"))));
        remember(Emulator.client().seedTree(name, ids.get("Spring"), items()
                .add(text("vidferry.csv", "filename,title,privacyStatus\nspring-001.mp4,Spring opener,unlisted\n"))
                .add(text("spring-002.json", "{\"description\":\"From the sidecar\"}"))));
        String outside = Emulator.client().seedTree(name, null, items().add(video("outside.mp4", 12))).get(0).id();
        ids.put("outside.mp4", outside);
        String shared = Emulator.client().createSharedDrive("Team " + name, name);
        String promo = Emulator.client().seedTree(name, shared, items().add(folder("Promo", 2, "promo-%02d.mp4")))
                .get(0).id();
        Emulator.client().seedShortcut(name, library, "best.mp4", outside);
        Emulator.client().seedShortcut(name, library, "Team", promo);
        // every md5 known (the emulator computes them after seeding)
        Emulator.client().files(name).forEach(f -> md5s.put(f.id(), f.md5()));
    }

    @Test
    void aTreeIsQueuedWithItsTemplatesOverridesAndPathsAndNothingButVideos() {
        seedTheTree();
        LocalDate before = LocalDate.now(ZoneId.of(ZONE));
        JsonPath answer = enqueue(library, Map.of("recursive", true, "settings", SETTINGS)).then().statusCode(200)
                .extract().jsonPath();
        LocalDate after = LocalDate.now(ZoneId.of(ZONE));

        assertThat(answer.getInt("addedCount")).as(answer.prettify()).isEqualTo(120);
        assertThat(answer.getInt("skippedCount")).isZero();
        String batch = answer.getString("batchId");
        List<Map<String, Object>> jobs = Db.rows("SELECT drive_file_id, drive_file_name, folder_path, "
                + "metadata->>'title' AS title, metadata->>'description' AS description, "
                + "metadata->>'privacyStatus' AS privacy, metadata->'tags' AS tags FROM upload_job "
                + "WHERE owner_id = ? AND batch_id = ?", user.sub(), batch);
        assertThat(jobs).hasSize(120);
        assertThat(jobs).extracting(j -> (String) j.get("drive_file_name"))
                .noneMatch(n -> n.endsWith(".json") || n.endsWith(".csv") || n.endsWith(".txt") || n.equals("plan"));
        Map<String, Map<String, Object>> byName = jobs.stream()
                .collect(Collectors.toMap(j -> (String) j.get("drive_file_name"), j -> j));

        Map<String, Object> plain = byName.get("video-001.mp4");
        assertThat(plain.get("title")).isEqualTo("2025 - video-001");
        assertThat(plain.get("folder_path")).isEqualTo("2025");
        assertThat((String) plain.get("description")).isIn(
                "Library/2025 on " + before + "\n\n[md5:" + md5s.get(ids.get("video-001.mp4")) + "]",
                "Library/2025 on " + after + "\n\n[md5:" + md5s.get(ids.get("video-001.mp4")) + "]");
        assertThat(plain.get("privacy")).isEqualTo("private");
        assertThat(plain.get("tags").toString()).contains("holiday");

        Map<String, Object> manifest = byName.get("spring-001.mp4");
        assertThat(manifest.get("title")).isEqualTo("Spring opener");
        assertThat(manifest.get("privacy")).isEqualTo("unlisted");
        assertThat(manifest.get("folder_path")).isEqualTo("2025/Spring");

        Map<String, Object> sidecar = byName.get("spring-002.mp4");
        assertThat(sidecar.get("title")).isEqualTo("Spring - spring-002");
        assertThat((String) sidecar.get("description")).startsWith("From the sidecar\n\n[md5:");

        Map<String, Object> intro = byName.get("intro.mp4");
        assertThat(intro.get("title")).isEqualTo("Welcome");
        assertThat(intro.get("tags").toString()).contains("\"a\"", "\"b\"");
        assertThat(intro.get("folder_path")).isEqualTo("");

        Map<String, Object> shortcut = byName.get("best.mp4");
        assertThat(shortcut.get("drive_file_id")).as("the shortcut's target is queued").isEqualTo(ids.get("outside.mp4"));
        assertThat(shortcut.get("title")).isEqualTo("Library - best");

        Map<String, Object> promo = byName.get("promo-01.mp4");
        assertThat(promo.get("folder_path")).isEqualTo("Team");
        assertThat(promo.get("title")).isEqualTo("Team - promo-01");
        assertThat(Db.count("SELECT count(*) FROM job_outbox o JOIN upload_job j ON j.id = o.aggregate_id "
                + "WHERE j.batch_id = ?", batch)).as("requested + progress per job").isEqualTo(240);

        // the same folder again: every file is live already
        JsonPath again = enqueue(library, Map.of("recursive", true, "settings", SETTINGS)).then().statusCode(200)
                .extract().jsonPath();
        assertThat(again.getInt("addedCount")).isZero();
        assertThat(again.getInt("skippedCount")).isEqualTo(120);
        assertThat(again.getList("skipped.reason", String.class)).containsOnly("already_queued");
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", user.sub())).isEqualTo(120);
    }

    @Test
    void aFileUploadedBeforeIsSkippedWithItsVideoAlsoWhenACopyHasAnotherName() {
        Emulator.User owner = Emulator.newUser("uploaded");
        Api.connectGoogle(owner);
        String folder = Emulator.client().seedTree(owner.username(), null, items().add(folder("Clips")
                .set("children", items().add(video("first.mp4", 77))))).get(0).id();
        JsonPath first = enqueue(owner, folder, Map.of()).then().statusCode(200).extract().jsonPath();
        String job = first.getString("jobs[0].jobId");
        completeAsTheWorkerDoes(owner, job, "vid-first");
        Emulator.client().seedTree(owner.username(), folder, items().add(video("renamed copy.mp4", 77)));

        JsonPath again = enqueue(owner, folder, Map.of()).then().statusCode(200).extract().jsonPath();

        assertThat(again.getInt("addedCount")).isZero();
        assertThat(again.getList("skipped.fileName", String.class)).containsExactlyInAnyOrder("first.mp4",
                "renamed copy.mp4");
        assertThat(again.getList("skipped.reason", String.class)).containsOnly("already_uploaded:vid-first");

        JsonPath anyway = enqueue(owner, folder, Map.of("skipDuplicates", false)).then().statusCode(200).extract()
                .jsonPath();
        assertThat(anyway.getInt("addedCount")).as("skipDuplicates=false queues the copies").isEqualTo(2);
    }

    @Test
    void aScanPreviewsTitlesAndSkipReasonsAndQueuesNothing() {
        Emulator.User owner = Emulator.newUser("preview");
        Api.connectGoogle(owner);
        Emulator.client().seedTree(owner.username(), null, items().add(video("a.mp4", 5)).add(video("z copy.mp4", 5))
                .add(video("b.mp4", 6)).add(text("b.json", "{\"categoryId\":\"7\"}")));
        Emulator.client().files(owner.username()); // every md5 known (the emulator computes them after seeding)

        JsonPath scan = given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("settings", Map.of("titleTemplate", "{root_folder}: {filename}")))
                .post("/api/v1/folders/root/scan").then().statusCode(200).extract().jsonPath();

        assertThat(scan.getInt("wouldAdd")).isEqualTo(1);
        assertThat(scan.getInt("wouldSkip")).isEqualTo(2);
        Map<String, String> reasons = new HashMap<>();
        Map<String, String> titles = new HashMap<>();
        List<Map<String, Object>> videos = scan.getList("videos");
        videos.forEach(v -> {
            reasons.put((String) v.get("name"), (String) v.get("skipReason"));
            titles.put((String) v.get("name"), (String) v.get("title"));
        });
        assertThat(reasons).containsEntry("b.mp4", "bad_sidecar: categoryId").containsEntry("z copy.mp4",
                "duplicate_md5_queued");
        assertThat(reasons.get("a.mp4")).isNull();
        assertThat(titles.get("a.mp4")).isEqualTo("My Drive: a");
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", owner.sub())).isZero();
    }

    @Test
    void badRequestsNameTheirField() {
        seedTheTree();
        long jobs = Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", user.sub());
        problem(enqueue(library, Map.of("settings", Map.of("titleTemplate", "{name} {filename}"))), 400,
                "settings.titleTemplate");
        problem(enqueue(library, Map.of("settings", Map.of("descriptionTemplate", "{Folder}"))), 400,
                "settings.descriptionTemplate");
        problem(enqueue(library, Map.of("maxFiles", 0)), 400, "maxFiles");
        problem(enqueue(library, Map.of("maxFiles", 10_001)), 400, "maxFiles");
        problem(enqueue(library, Map.of("settings", Map.of("privacyStatus", "secret"))), 400,
                "settings.privacyStatus");
        problem(enqueue(library, Map.of("settings", Map.of("categoryId", "7"))), 400, "settings.categoryId");
        problem(given().header("Authorization", user.bearer()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/folders/no-such-folder/scan"), 404, "folderId");
        problem(enqueue(ids.get("intro.mp4"), Map.of()), 404, "folderId");
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", user.sub()))
                .as("no refused request queued anything").isEqualTo(jobs);
    }

    // --- helpers

    private Response enqueue(String folderId, Map<String, Object> body) {
        return enqueue(user, folderId, body);
    }

    static Response enqueue(Emulator.User owner, String folderId, Map<String, Object> body) {
        return given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/folders/" + folderId + "/enqueue");
    }

    static void problem(Response answer, int status, String field) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getList("errors.field", String.class)).contains(field);
    }

    /** What the worker writes when a job's upload completes: the job completed and a history row for the channel. */
    static void completeAsTheWorkerDoes(Emulator.User owner, String jobId, String videoId) {
        Db.execute("UPDATE upload_job SET status = 'completed', video_id = ?, completed_at = now() WHERE id = ?::uuid",
                videoId, jobId);
        Db.execute("INSERT INTO upload_history (id, owner_id, google_account_id, channel_id, job_id, drive_file_id, "
                + "drive_file_name, drive_md5, size_bytes, video_id, video_url) SELECT gen_random_uuid(), j.owner_id, "
                + "j.google_account_id, a.channel_id, j.id, j.drive_file_id, j.drive_file_name, j.drive_md5, "
                + "j.size_bytes, ?, 'https://youtu.be/' || ? FROM upload_job j JOIN google_account a "
                + "ON a.id = j.google_account_id WHERE j.id = ?::uuid", videoId, videoId, jobId);
    }

    private void remember(List<SeededFile> created) {
        created.forEach(f -> ids.put(f.name(), f.id()));
    }

    static ArrayNode items() {
        return JSON.createArrayNode();
    }

    static ObjectNode folder(String name) {
        return JSON.createObjectNode().put("name", name).put("folder", true);
    }

    static ObjectNode folder(String name, int videos, String pattern) {
        ObjectNode f = folder(name);
        f.putObject("files").put("count", videos).put("size", 2048).put("namePattern", pattern);
        return f;
    }

    /** A video whose content comes from {@code seed}: two videos of one seed have one md5. */
    static ObjectNode video(String name, long seed) {
        return JSON.createObjectNode().put("name", name).put("size", 4096).put("mimeType", "video/mp4")
                .put("seed", seed);
    }

    static ObjectNode text(String name, String text) {
        return JSON.createObjectNode().put("name", name).put("mimeType",
                name.endsWith(".csv") ? "text/csv" : "application/json").put("text", text);
    }
}
