package dev.vidferry.api.drive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.vidferry.api.Api;
import dev.vidferry.api.ApiTestProfile;
import dev.vidferry.api.Emulator;

@QuarkusTest
@TestProfile(ApiTestProfile.class)
class DriveBrowsingTest {

    @Test
    void browsesTheDemoTreeFolderByFolderAcrossPages() {
        Emulator.User user = Emulator.newUser("browse");
        Api.connectGoogle(user);
        String demo = Emulator.client().seedDemoTree(user.username());

        List<Map<String, Object>> root = page(user, "root", null, 100).getList("items");
        assertThat(root).anySatisfy(item -> {
            assertThat(item).containsEntry("id", demo).containsEntry("name", "Demo").containsEntry("kind", "folder");
        });

        List<Map<String, Object>> demoItems = all(user, demo, true, 3);
        assertThat(demoItems).extracting(i -> i.get("name")).containsExactlyInAnyOrder("Holidays", "Talks",
                "clip-01.mov", "clip-02.mov", "clip-03.mov", "clip-04.mov", "best-holiday.mp4");
        assertThat(demoItems).filteredOn(i -> "clip-01.mov".equals(i.get("name"))).singleElement()
                .satisfies(clip -> assertThat(clip).containsEntry("kind", "video").containsEntry("size", 3 << 20)
                        .containsEntry("mimeType", "video/quicktime"));

        String holidays = (String) demoItems.stream().filter(i -> "Holidays".equals(i.get("name"))).findFirst()
                .orElseThrow().get("id");
        List<Map<String, Object>> holidayItems = all(user, holidays, true, 3);
        assertThat(holidayItems).hasSize(8).allSatisfy(i -> assertThat(i).containsEntry("kind", "video"));

        Map<String, Object> shortcut = demoItems.stream().filter(i -> "best-holiday.mp4".equals(i.get("name")))
                .findFirst().orElseThrow();
        Map<String, Object> target = holidayItems.stream().filter(i -> "holiday-01.mp4".equals(i.get("name")))
                .findFirst().orElseThrow();
        assertThat(shortcut).containsEntry("kind", "video").containsEntry("targetId", target.get("id"))
                .containsEntry("size", target.get("size")).containsEntry("mimeType", "video/mp4");
        assertThat(shortcut.get("id")).isNotEqualTo(target.get("id"));

        assertThat(all(user, demo, false, 100)).extracting(i -> i.get("name")).contains("notes.txt");
    }

    @Test
    void showsSharedDrivesAtTheRootAndTheirFiles() {
        Emulator.User user = Emulator.newUser("shared");
        Api.connectGoogle(user);
        String drive = Emulator.client().createSharedDrive("Team " + user.username(), user.username());
        String promo = Emulator.client().seedFile(user.username(), drive, "promo-01.mp4", 4 << 20).id();

        List<Map<String, Object>> root = page(user, "root", null, 100).getList("items");
        assertThat(root).anySatisfy(item -> assertThat(item).containsEntry("id", drive)
                .containsEntry("kind", "sharedDrive").containsEntry("name", "Team " + user.username()));

        List<Map<String, Object>> files = all(user, drive, true, 10);
        assertThat(files).singleElement().satisfies(f -> assertThat(f).containsEntry("id", promo)
                .containsEntry("driveId", drive).containsEntry("kind", "video").containsEntry("size", 4 << 20));

        given().header("Authorization", user.bearer()).get("/api/v1/drive/files/" + promo).then().statusCode(200)
                .body("name", equalTo("promo-01.mp4")).body("driveId", equalTo(drive));
    }

    @Test
    void unknownItemsAnswer404AndNoAccount409() {
        Emulator.User user = Emulator.newUser("drive404");
        given().header("Authorization", user.bearer()).get("/api/v1/drive/files").then().statusCode(409)
                .contentType("application/problem+json");
        Api.connectGoogle(user);
        given().header("Authorization", user.bearer()).get("/api/v1/drive/files/nope123").then().statusCode(404)
                .body("errors[0].field", equalTo("id"));
        given().header("Authorization", user.bearer()).queryParam("folderId", "nope123").get("/api/v1/drive/files")
                .then().statusCode(404).body("errors[0].field", equalTo("folderId"));
        given().header("Authorization", user.bearer()).queryParam("pageSize", "0").get("/api/v1/drive/files")
                .then().statusCode(400).body("errors[0].field", equalTo("pageSize"));
    }

    static JsonPath page(Emulator.User user, String folderId, String token, int size) {
        var request = given().header("Authorization", user.bearer()).queryParam("folderId", folderId)
                .queryParam("pageSize", size);
        if (token != null) {
            request.queryParam("pageToken", token);
        }
        return request.get("/api/v1/drive/files").then().statusCode(200).extract().jsonPath();
    }

    /** Every item of a folder, following nextPageToken; asserts that small pages really page. */
    static List<Map<String, Object>> all(Emulator.User user, String folderId, boolean videoOnly, int pageSize) {
        List<Map<String, Object>> out = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = given().header("Authorization", user.bearer()).queryParam("folderId", folderId)
                    .queryParam("pageSize", pageSize).queryParam("videoOnly", videoOnly);
            if (token != null) {
                request.queryParam("pageToken", token);
            }
            JsonPath page = request.get("/api/v1/drive/files").then().statusCode(200).extract().jsonPath();
            out.addAll(page.getList("items"));
            token = page.getString("nextPageToken");
            pages++;
        } while (token != null && pages < 50);
        assertThat(token).as("paging ends").isNull();
        if (pageSize < 5) {
            assertThat(pages).as("pages of %d", pageSize).isGreaterThan(1);
        }
        return out;
    }
}
