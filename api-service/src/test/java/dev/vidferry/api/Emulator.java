package dev.vidferry.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;

/** Test-side client of the emulator: users with real tokens, Drive files. */
public final class Emulator {

    private Emulator() {
    }

    /** An emulated person: a bearer token for our API and a Google refresh token for vidferry's scopes. */
    public record User(String username, String sub, String accessToken, String refreshToken) {
        public String bearer() {
            return "Bearer " + accessToken;
        }
    }

    /** A new user with a unique name, its API bearer token (password grant) and a Google refresh token. */
    public static User newUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath created = given().baseUri(EmulatorTestResource.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.com", "password", "pw",
                        "channelTitle", username + "'s channel"))
                .post("/_emulator/users").then().statusCode(201).extract().jsonPath();
        String access = given().baseUri(EmulatorTestResource.baseUrl()).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", username).formParam("password", "pw")
                .formParam("client_id", "vidferry").formParam("client_secret", "vidferry-secret")
                .formParam("scope", "openid email profile")
                .post("/token").then().statusCode(200).extract().path("access_token");
        return new User(username, created.getString("sub"), access, created.getString("refreshToken"));
    }

    /** Seeds a file in the user's Drive root; returns its id. */
    public static String file(User owner, String name, String mimeType, long size) {
        return given().baseUri(EmulatorTestResource.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("owner", owner.username(), "name", name, "mimeType", mimeType, "size", size))
                .post("/_emulator/files").then().statusCode(201).extract().path("[0].id");
    }

    /** Seeds a shortcut to {@code targetId}; returns the shortcut's id. */
    public static String shortcut(User owner, String name, String targetId) {
        return given().baseUri(EmulatorTestResource.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("owner", owner.username(), "name", name, "shortcutTo", targetId))
                .post("/_emulator/files").then().statusCode(201).extract().path("[0].id");
    }

    /** Moves a file to the Drive trash. */
    public static void trash(String fileId) {
        given().baseUri(EmulatorTestResource.baseUrl()).contentType(ContentType.JSON).body(Map.of("trashed", true))
                .post("/_emulator/files/" + fileId + "/trash").then().statusCode(200);
    }

    /** The Drive file as the emulator's control API sees it (name, size, md5, ...). */
    public static JsonPath describe(User owner, String fileId) {
        JsonPath files = given().baseUri(EmulatorTestResource.baseUrl())
                .get("/_emulator/users/" + owner.username() + "/files").then().statusCode(200).extract().jsonPath();
        return new JsonPath(files.prettify()).setRootPath("find { it.id == '" + fileId + "' }");
    }
}
