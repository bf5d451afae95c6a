package dev.vidferry.api;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Calls of our API used by several tests. */
public final class Api {

    private Api() {
    }

    public static Map<String, Object> metadata(String title) {
        return Map.of("title", title, "description", "made by a test", "tags", List.of("vidferry", "test tag"),
                "categoryId", "22", "privacyStatus", "private", "madeForKids", false);
    }

    public static Map<String, Object> jobBody(String driveFileId, String title) {
        return Map.of("driveFileId", driveFileId, "metadata", metadata(title));
    }

    /** Connects the user's Google account with the refresh token the emulator gave them. */
    public static void connectGoogle(Emulator.User user) {
        given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", user.refreshToken()))
                .put("/api/v1/google/account").then().statusCode(200);
    }

    public static ValidatableResponse createJob(Emulator.User user, Object body) {
        return given().header("Authorization", user.bearer()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/jobs").then();
    }

    /** A user with Google connected and a 1 MiB video in Drive; returns the new job's id. */
    public static String newJob(Emulator.User user, String title) {
        String file = Emulator.file(user, title + ".mp4", "video/mp4", 1 << 20);
        return createJob(user, jobBody(file, title)).statusCode(201).extract().path("id");
    }
}
