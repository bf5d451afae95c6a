package dev.vidferry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** One live job per Drive file, owner and Google account (V12), also when two requests race. */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class AlreadyQueuedTest {

    @Test
    void twoConcurrentRequestsForOneFileGiveOneJobAndOne409NamingIt() throws Exception {
        Emulator.User user = Emulator.newUser("race");
        Api.connectGoogle(user);
        String file = Emulator.file(user, "race.mp4", "video/mp4", 1 << 20);
        CyclicBarrier start = new CyclicBarrier(2);

        List<CompletableFuture<Response>> calls = List.of(post(user, file, start), post(user, file, start));
        List<Response> answers = calls.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(201, 409);
        Response created = answers.stream().filter(a -> a.statusCode() == 201).findFirst().orElseThrow();
        Response refused = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).endsWith("/already-queued");
        assertThat(refused.jsonPath().getString("title")).isEqualTo("Already queued");
        assertThat(refused.jsonPath().getList("errors.field", String.class)).containsExactly("driveFileId");
        String id = created.jsonPath().getString("id");
        assertThat(refused.jsonPath().getString("existingJobId")).as(refused.asString()).isEqualTo(id);
        assertThat(Db.count("SELECT count(*) FROM upload_job WHERE owner_id = ?", user.sub())).isEqualTo(1);
    }

    @Test
    void aFileIsQueuedAgainOnceItsJobIsFinishedButRetryingAnOldJobBesideALiveOneIs409() {
        Emulator.User user = Emulator.newUser("again");
        Api.connectGoogle(user);
        String file = Emulator.file(user, "again.mp4", "video/mp4", 1 << 20);
        String first = Api.createJob(user, Api.jobBody(file, "First")).statusCode(201).extract().path("id");
        Api.createJob(user, Api.jobBody(file, "Twice")).statusCode(409);
        io.restassured.RestAssured.given().header("Authorization", user.bearer())
                .post("/api/v1/jobs/" + first + "/cancel").then().statusCode(200);

        String second = Api.createJob(user, Api.jobBody(file, "Second")).statusCode(201).extract().path("id");
        Response retry = io.restassured.RestAssured.given().header("Authorization", user.bearer())
                .post("/api/v1/jobs/" + first + "/retry");

        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(409);
        assertThat(retry.jsonPath().getString("type")).endsWith("/already-queued");
        assertThat(retry.jsonPath().getString("existingJobId")).isEqualTo(second);
    }

    private static CompletableFuture<Response> post(Emulator.User user, String file, CyclicBarrier start) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return io.restassured.RestAssured.given().header("Authorization", user.bearer())
                    .contentType(io.restassured.http.ContentType.JSON).body(Api.jobBody(file, "Race"))
                    .post("/api/v1/jobs");
        });
    }
}
