package dev.vidferry.api.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.vidferry.api.ApiTestProfile;
import dev.vidferry.api.Emulator;

/** Saved folder syncs over the API: create, read, change, delete, runs asked for; validation; user isolation. */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class SyncApiTest {

    static Map<String, Object> body(String folderId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Holiday clips");
        body.put("folderId", folderId);
        body.put("cron", "0 0/15 * * * ?");
        body.put("timezone", "Europe/Berlin");
        body.put("maxFilesPerRun", 200);
        body.put("settings", Map.of("titleTemplate", "{folder} - {filename}", "privacyStatus", "unlisted"));
        return body;
    }

    static RequestSpecification as(Emulator.User user) {
        return given().header("Authorization", user.bearer());
    }

    @Test
    void aSavedSyncCanBeReadChangedRunAndDeleted() {
        Emulator.User alice = Emulator.newUser("sync-alice");
        String id = as(alice).contentType(ContentType.JSON).body(body("folder-1")).post("/api/v1/syncs").then()
                .statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/v1/syncs/"))
                .body("ownerId", equalTo(alice.sub())).body("cron", equalTo("0 0/15 * * * ?"))
                .body("timezone", equalTo("Europe/Berlin")).body("recursive", equalTo(true))
                .body("enabled", equalTo(true)).body("incremental", equalTo(false))
                .body("nextRunAt", notNullValue()).body("settings.titleTemplate", equalTo("{folder} - {filename}"))
                .body("settings.privacyStatus", equalTo("unlisted")).extract().path("id");

        as(alice).get("/api/v1/syncs/" + id).then().statusCode(200).body("name", equalTo("Holiday clips"));
        as(alice).get("/api/v1/syncs").then().statusCode(200).body("items.id", hasItem(id));

        as(alice).contentType(ContentType.JSON).body(Map.of("enabled", false, "cron", "0 0 6 * * ?")).patch(
                "/api/v1/syncs/" + id).then().statusCode(200).body("enabled", equalTo(false))
                .body("cron", equalTo("0 0 6 * * ?")).body("nextRunAt", nullValue())
                .body("name", equalTo("Holiday clips")).body("maxFilesPerRun", equalTo(200));

        String run = as(alice).post("/api/v1/syncs/" + id + "/run?full=true").then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/syncs/" + id + "/runs"))
                .body("status", equalTo("queued")).body("trigger", equalTo("manual"))
                .body("fullRequested", equalTo(true)).extract().path("id");
        as(alice).post("/api/v1/syncs/" + id + "/run").then().statusCode(202).body("id", equalTo(run))
                .body("fullRequested", equalTo(true));
        as(alice).get("/api/v1/syncs/" + id + "/runs").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(run)).body("items[0].status", equalTo("queued"));

        as(alice).delete("/api/v1/syncs/" + id).then().statusCode(204);
        as(alice).get("/api/v1/syncs/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void invalidFieldsAre400sNamingTheField() {
        Emulator.User alice = Emulator.newUser("sync-invalid");
        Map<String, String> cases = Map.of(
                "cron", "{\"cron\":\"every five minutes\"}",
                "timezone", "{\"timezone\":\"Mars/Olympus\"}",
                "maxFilesPerRun", "{\"maxFilesPerRun\":10001}",
                "settings.titleTemplate", "{\"settings\":{\"titleTemplate\":\"{filename} {nope}\"}}",
                "folderId", "{\"folderId\":\"a b\"}",
                "googleAccountId", "{\"googleAccountId\":\"6f1c2b7a-9d4e-4c1a-8b2f-6e5d4c3b2a19\"}");
        cases.forEach((field, override) -> {
            Map<String, Object> request = body("folder-1");
            try {
                request.putAll(new com.fasterxml.jackson.databind.ObjectMapper().readValue(override, Map.class));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            as(alice).contentType(ContentType.JSON).body(request).post("/api/v1/syncs").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", equalTo(List.of(field)));
        });
        as(alice).contentType(ContentType.JSON).body(Map.of("maxFilesPerRun", 0)).post("/api/v1/syncs").then()
                .statusCode(400).body("errors.field", hasItem("maxFilesPerRun")).body("errors.field", hasItem("cron"))
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("folderId"));
        as(alice).contentType(ContentType.JSON).body(Map.of("cron", "* * * * * ?")).post("/api/v1/syncs").then()
                .statusCode(400).body("errors.find { it.field == 'cron' }.message",
                        org.hamcrest.Matchers.containsString("at most once a minute"));
        String id = as(alice).contentType(ContentType.JSON).body(body("folder-1")).post("/api/v1/syncs").then()
                .statusCode(201).extract().path("id");
        as(alice).contentType(ContentType.JSON).body(Map.of("cron", "0 61 * * * ?")).patch("/api/v1/syncs/" + id)
                .then().statusCode(400).body("errors.field", equalTo(List.of("cron")));
        as(alice).post("/api/v1/syncs/" + id + "/run?full=maybe").then().statusCode(400)
                .body("errors[0].field", equalTo("full"));
    }

    @Test
    void anotherUsersSyncIsNotFoundAndAnAdminSeesAll() {
        Emulator.User alice = Emulator.newUser("sync-owner");
        Emulator.User bob = Emulator.newUser("sync-other");
        String id = as(alice).contentType(ContentType.JSON).body(body("folder-1")).post("/api/v1/syncs").then()
                .statusCode(201).extract().path("id");

        as(bob).get("/api/v1/syncs/" + id).then().statusCode(404).contentType("application/problem+json");
        as(bob).contentType(ContentType.JSON).body(Map.of("enabled", false)).patch("/api/v1/syncs/" + id).then()
                .statusCode(404);
        as(bob).post("/api/v1/syncs/" + id + "/run").then().statusCode(404);
        as(bob).get("/api/v1/syncs/" + id + "/runs").then().statusCode(404);
        as(bob).delete("/api/v1/syncs/" + id).then().statusCode(404);
        as(bob).get("/api/v1/syncs").then().statusCode(200).body("items", hasSize(0));

        String adminName = "sync-admin-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Emulator.client().createUser(adminName, "pw", List.of("admin"));
        String admin = "Bearer " + Emulator.client().oidcAccessToken(adminName, "pw");
        given().header("Authorization", admin).get("/api/v1/syncs").then().statusCode(200)
                .body("items.id", hasItem(id));
        given().header("Authorization", admin).get("/api/v1/syncs/" + id).then().statusCode(200)
                .body("ownerId", equalTo(alice.sub()));
        as(alice).get("/api/v1/syncs/" + id).then().statusCode(200).body("enabled", equalTo(true));
    }
}
