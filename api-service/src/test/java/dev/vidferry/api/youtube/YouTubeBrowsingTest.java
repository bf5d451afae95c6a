package dev.vidferry.api.youtube;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.vidferry.api.Api;
import dev.vidferry.api.ApiTestProfile;
import dev.vidferry.api.Db;
import dev.vidferry.api.Emulator;

@QuarkusTest
@TestProfile(ApiTestProfile.class)
class YouTubeBrowsingTest {

    @Test
    void showsTheChannelAndPagesThroughItsUploadsBookingEveryCall() {
        Emulator.User user = Emulator.newUser("tuber");
        Api.connectGoogle(user);
        List<String> seeded = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            seeded.add(Emulator.client().seedVideo(user.username(), "clip " + i, "private"));
        }

        JsonPath channel = given().header("Authorization", user.bearer()).get("/api/v1/youtube/channel").then()
                .statusCode(200).body("id", startsWith("UC")).body("uploadsPlaylistId", startsWith("UU")).extract()
                .jsonPath();
        assertThat(channel.getString("uploadsPlaylistId").substring(2))
                .isEqualTo(channel.getString("id").substring(2));

        long before = used();
        List<String> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = given().header("Authorization", user.bearer()).queryParam("pageSize", 2);
            if (token != null) {
                request.queryParam("pageToken", token);
            }
            JsonPath page = request.get("/api/v1/youtube/videos").then().statusCode(200).extract().jsonPath();
            listed.addAll(page.getList("items.id"));
            token = page.getString("nextPageToken");
            pages++;
        } while (token != null && pages < 10);
        assertThat(pages).isEqualTo(2);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(seeded);
        assertThat(used() - before).as("channels.list + playlistItems.list per page").isEqualTo(4);

        given().header("Authorization", user.bearer()).get("/api/v1/youtube/videos/" + seeded.get(0)).then()
                .statusCode(200).body("id", equalTo(seeded.get(0))).body("title", equalTo("clip 1"))
                .body("privacyStatus", equalTo("private"));
        assertThat(used() - before).isEqualTo(5);
        given().header("Authorization", user.bearer()).get("/api/v1/youtube/videos/noSuchVideo").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anAccountWithoutChannelAnswers409() {
        Emulator.User user = Emulator.newUser("nochannel");
        Api.connectGoogle(user);
        Emulator.client().setHasChannel(user.username(), false);
        given().header("Authorization", user.bearer()).get("/api/v1/youtube/channel").then().statusCode(409)
                .body("type", equalTo("https://vidferry.dev/problems/youtube-channel-missing"));
    }

    private static long used() {
        return Db.count("SELECT coalesce(sum(used), 0) FROM quota_ledger WHERE bucket = 'default'");
    }
}
