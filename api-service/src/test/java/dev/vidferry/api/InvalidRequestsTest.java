package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Bad requests answer 4xx {@code application/problem+json} naming the problem (and the offending field where there
 * is one), never 5xx, never library exception text, and write no rows.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class InvalidRequestsTest {

    /** Who calls. */
    enum Caller {
        ALICE, BOB, CHARLIE_WITHOUT_GOOGLE, NOBODY, FORGED
    }

    /** Shared fixtures, made once per JVM. */
    static Emulator.User alice;
    static Emulator.User bob;
    static Emulator.User charlie;
    static String alicesJob;
    static String video;
    static String pdf;
    static String googleDoc;
    static String tooLarge;
    static String trashed;

    @BeforeEach
    void fixtures() {
        if (alice != null) {
            return;
        }
        alice = Emulator.newUser("alice");
        bob = Emulator.newUser("bob");
        charlie = Emulator.newUser("charlie");
        Api.connectGoogle(alice);
        Api.connectGoogle(bob);
        alicesJob = Api.newJob(alice, "Alice's");
        video = Emulator.file(alice, "ok.mp4", "video/mp4", 1 << 20);
        pdf = Emulator.file(alice, "doc.pdf", "application/pdf", 2000);
        googleDoc = Emulator.file(alice, "notes", "application/vnd.google-apps.document", 0);
        tooLarge = Emulator.file(alice, "huge.mp4", "video/mp4", ApiTestProfile.MAX_SIZE + 1);
        trashed = Emulator.file(alice, "old.mp4", "video/mp4", 1 << 20);
        Emulator.trash(trashed);
    }

    /** One bad request and what the answer must say. */
    record Case(String name, Caller caller, String method, Function<Fixtures, String> path, String contentType,
            Function<Fixtures, Object> body, int status, String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** Fixture ids as seen by the cases. */
    record Fixtures(String video, String pdf, String googleDoc, String tooLarge, String trashed, String alicesJob) {
    }

    static Map<String, Object> job(Fixtures f, Map<String, Object> metadataChanges) {
        Map<String, Object> metadata = new HashMap<>(Api.metadata("Fine title"));
        metadata.putAll(metadataChanges);
        metadata.values().removeIf(v -> v == NULL);
        return Map.of("driveFileId", f.video(), "metadata", metadata);
    }

    static Map<String, Object> jobWith(Fixtures f, String key, Object value) {
        Map<String, Object> body = new HashMap<>(job(f, Map.of()));
        if (value == NULL) {
            body.remove(key);
        } else {
            body.put(key, value);
        }
        return body;
    }

    static final Object NULL = new Object();
    static final String JSON = "application/json";
    static final String JOBS = "/api/v1/jobs";

    static Case post(String name, Function<Fixtures, Object> body, int status, String field) {
        return new Case(name, Caller.ALICE, "POST", f -> JOBS, JSON, body, status, field);
    }

    static Case meta(String name, String key, Object value, int status, String field) {
        return post(name, f -> job(f, Map.of(key, value)), status, field);
    }

    static Stream<Arguments> cases() {
        String future = OffsetDateTime.now().plusDays(3).toString();
        return Stream.of(
                post("malformed JSON", f -> "{\"driveFileId\": ", 400, ""),
                post("JSON array instead of object", f -> "[1, 2]", 400, ""),
                post("empty body", f -> "", 422, ""),
                post("driveFileId missing", f -> jobWith(f, "driveFileId", NULL), 422, "driveFileId"),
                post("driveFileId blank", f -> jobWith(f, "driveFileId", "  "), 422, "driveFileId"),
                post("driveFileId with forbidden characters", f -> jobWith(f, "driveFileId", "../etc/passwd"), 422,
                        "driveFileId"),
                post("driveFileId oversized", f -> jobWith(f, "driveFileId", "a".repeat(201)), 422, "driveFileId"),
                post("driveFileId not a string", f -> jobWith(f, "driveFileId", Map.of("id", 1)), 400, "driveFileId"),
                post("metadata missing", f -> jobWith(f, "metadata", NULL), 422, "metadata"),
                meta("title missing", "title", NULL, 422, "metadata.title"),
                meta("title blank", "title", "   ", 422, "metadata.title"),
                meta("title over 100 characters", "title", "t".repeat(101), 422, "metadata.title"),
                meta("title with angle bracket", "title", "a <b> title", 422, "metadata.title"),
                meta("description over 5000 bytes", "description", "é".repeat(2501), 422, "metadata.description"),
                meta("description with angle bracket", "description", "x > y", 422, "metadata.description"),
                meta("tags over 500 characters", "tags", List.of("a".repeat(250), "b".repeat(250)), 422,
                        "metadata.tags"),
                meta("tag with a comma", "tags", List.of("a,b"), 422, "metadata.tags[0]"),
                meta("blank tag", "tags", List.of(" "), 422, "metadata.tags[0]"),
                meta("tags not a list of strings", "tags", Map.of("a", 1), 400, "metadata.tags"),
                meta("unknown category", "categoryId", "99", 422, "metadata.categoryId"),
                meta("unknown privacy", "privacyStatus", "secret", 400, "metadata.privacyStatus"),
                post("publishAt without private", f -> job(f, Map.of("privacyStatus", "public", "publishAt", future)),
                        422, "metadata.publishAt"),
                meta("publishAt in the past", "publishAt", "2001-01-01T00:00:00Z", 422, "metadata.publishAt"),
                meta("publishAt not a date", "publishAt", "tomorrow", 400, "metadata.publishAt"),
                meta("madeForKids not a boolean", "madeForKids", "maybe", 400, "metadata.madeForKids"),
                post("batchId oversized", f -> jobWith(f, "batchId", "b".repeat(201)), 422, "batchId"),
                post("folderPath with control characters", f -> jobWith(f, "folderPath", "a\u0000b"), 422,
                        "folderPath"),
                post("unknown Drive file", f -> jobWith(f, "driveFileId", "doesNotExist123"), 404, "driveFileId"),
                post("Drive file in the trash", f -> jobWith(f, "driveFileId", f.trashed()), 404, "driveFileId"),
                post("not a video", f -> jobWith(f, "driveFileId", f.pdf()), 422, "driveFileId"),
                post("a Google Doc", f -> jobWith(f, "driveFileId", f.googleDoc()), 422, "driveFileId"),
                post("too large", f -> jobWith(f, "driveFileId", f.tooLarge()), 422, "driveFileId"),
                new Case("no Google account connected", Caller.CHARLIE_WITHOUT_GOOGLE, "POST", f -> JOBS, JSON,
                        f -> job(f, Map.of()), 409, null),
                new Case("no bearer token", Caller.NOBODY, "POST", f -> JOBS, JSON, f -> job(f, Map.of()), 401, null),
                new Case("forged bearer token", Caller.FORGED, "GET", f -> JOBS, null, null, 401, null),
                new Case("text/plain body", Caller.ALICE, "POST", f -> JOBS, "text/plain", f -> "hello", 415, null),
                new Case("wrong method on a job", Caller.ALICE, "PUT", f -> JOBS + "/" + f.alicesJob(), JSON,
                        f -> "{}", 405, null),
                new Case("other user's job", Caller.BOB, "GET", f -> JOBS + "/" + f.alicesJob(), null, null, 404, null),
                new Case("cancel other user's job", Caller.BOB, "POST", f -> JOBS + "/" + f.alicesJob() + "/cancel",
                        null, null, 404, null),
                new Case("delete other user's job", Caller.BOB, "DELETE", f -> JOBS + "/" + f.alicesJob(), null, null,
                        404, null),
                new Case("unknown job id", Caller.ALICE, "GET", f -> JOBS + "/0b5e7a36-8d1f-4c39-9b7e-3f4c9f1d2a10",
                        null, null, 404, null),
                new Case("malformed job id", Caller.ALICE, "GET", f -> JOBS + "/not-a-uuid", null, null, 404, null),
                new Case("retry of a pending job", Caller.ALICE, "POST", f -> JOBS + "/" + f.alicesJob() + "/retry",
                        null, null, 409, null),
                new Case("unknown status filter", Caller.ALICE, "GET", f -> JOBS + "?status=bogus", null, null, 400,
                        "status"),
                new Case("limit out of range", Caller.ALICE, "GET", f -> JOBS + "?limit=0", null, null, 400, "limit"),
                new Case("forged cursor", Caller.ALICE, "GET", f -> JOBS + "?cursor=zzz", null, null, 400, "cursor"),
                new Case("bulk without jobs", Caller.ALICE, "POST", f -> JOBS + "/bulk", JSON,
                        f -> Map.of("jobs", List.of()), 422, "jobs"),
                new Case("refresh token missing", Caller.ALICE, "PUT", f -> "/api/v1/google/account", JSON,
                        f -> Map.of(), 422, "refreshToken"),
                new Case("refresh token refused by Google", Caller.ALICE, "PUT", f -> "/api/v1/google/account", JSON,
                        f -> Map.of("refreshToken", "1//not-a-real-token"), 422, "refreshToken"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAProblemNamingWhatIsWrongAndWritesNothing(Case c) {
        Fixtures f = new Fixtures(video, pdf, googleDoc, tooLarge, trashed, alicesJob);
        long[] before = Db.rowCounts();
        long accountsBefore = Db.count("SELECT count(*) FROM google_account");

        RequestSpecification request = given();
        switch (c.caller()) {
            case ALICE -> request.header("Authorization", alice.bearer());
            case BOB -> request.header("Authorization", bob.bearer());
            case CHARLIE_WITHOUT_GOOGLE -> request.header("Authorization", charlie.bearer());
            case FORGED -> request.header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
            case NOBODY -> {
            }
        }
        if (c.contentType() != null) {
            request.contentType(c.contentType());
        }
        if (c.body() != null) {
            Object body = c.body().apply(f);
            request.body(body);
        }
        Response response = request.request(c.method(), c.path().apply(f));

        assertThat(response.statusCode()).as(c.name() + ": " + response.asString()).isEqualTo(c.status());
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonPath problem = response.jsonPath();
        assertThat(problem.getInt("status")).isEqualTo(c.status());
        assertThat(problem.getString("type")).startsWith("https://vidferry.dev/problems/");
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        if (c.field() != null) {
            assertThat(problem.getList("errors.field", String.class)).as(response.asString()).contains(c.field());
        }
        assertThat(response.asString()).doesNotContainIgnoringCase("exception").doesNotContain("dev.vidferry")
                .doesNotContain("com.fasterxml").doesNotContain("\tat ");
        assertThat(Db.rowCounts()).as("no rows written").containsExactly(before);
        assertThat(Db.count("SELECT count(*) FROM google_account")).isEqualTo(accountsBefore);
    }
}
