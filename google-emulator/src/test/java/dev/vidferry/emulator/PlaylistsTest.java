package dev.vidferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.youtube.YouTube;
import com.google.api.services.youtube.model.Playlist;
import com.google.api.services.youtube.model.PlaylistItem;
import com.google.api.services.youtube.model.PlaylistItemSnippet;
import com.google.api.services.youtube.model.PlaylistListResponse;
import com.google.api.services.youtube.model.PlaylistSnippet;
import com.google.api.services.youtube.model.PlaylistStatus;
import com.google.api.services.youtube.model.ResourceId;

import dev.vidferry.emulator.http.Json;

/**
 * Playlists as vidferry's after-upload step uses them, through the official client: created, listed by the channel
 * in pages, items inserted at a position and looked up by video id; the youtube.upload scope alone is not enough.
 */
class PlaylistsTest {

    private static final String MANAGE = "https://www.googleapis.com/auth/youtube.force-ssl";

    @Test
    void aVideoIsAddedAtAPositionAndFoundByItsIdInThePlaylist() throws Exception {
        JsonNode user = userWithScopes("pl", MANAGE);
        YouTube yt = TestEmulator.youtube(user);
        String username = user.path("username").asText();
        String first = seedVideo(username, "first");
        String second = seedVideo(username, "second");
        Playlist playlist = yt.playlists().insert(List.of("snippet", "status"), new Playlist()
                .setSnippet(new PlaylistSnippet().setTitle("Holidays"))
                .setStatus(new PlaylistStatus().setPrivacyStatus("private"))).execute();
        assertThat(playlist.getId()).startsWith("PL");
        assertThat(playlist.getStatus().getPrivacyStatus()).isEqualTo("private");

        yt.playlistItems().insert(List.of("snippet"), item(playlist.getId(), first, null)).execute();
        PlaylistItem inserted = yt.playlistItems().insert(List.of("snippet"), item(playlist.getId(), second, 0L))
                .execute();
        assertThat(inserted.getSnippet().getPosition()).isZero();

        var all = yt.playlistItems().list(List.of("snippet")).setPlaylistId(playlist.getId()).execute().getItems();
        assertThat(all).extracting(i -> i.getSnippet().getResourceId().getVideoId()).containsExactly(second, first);
        var found = yt.playlistItems().list(List.of("id")).setPlaylistId(playlist.getId()).setVideoId(first)
                .execute();
        assertThat(found.getItems()).hasSize(1);
        assertThat(found.getPageInfo().getTotalResults()).isEqualTo(1);
        assertThat(yt.playlistItems().list(List.of("id")).setPlaylistId(playlist.getId()).setVideoId("nope")
                .execute().getItems()).isEmpty();

        assertThatThrownBy(() -> yt.playlistItems().insert(List.of("snippet"), item(playlist.getId(), first, 9L))
                .execute()).isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("invalidPlaylistItemPosition");
                });
    }

    @Test
    void theChannelsPlaylistsComeInPages() throws Exception {
        JsonNode user = userWithScopes("plpages", MANAGE);
        YouTube yt = TestEmulator.youtube(user);
        for (int i = 0; i < 7; i++) {
            yt.playlists().insert(List.of("snippet"), new Playlist().setSnippet(new PlaylistSnippet()
                    .setTitle("list " + i))).execute();
            Thread.sleep(2); // distinct publishedAt: the order
        }
        List<String> titles = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            PlaylistListResponse page = yt.playlists().list(List.of("snippet")).setMine(true).setMaxResults(3L)
                    .setPageToken(token).execute();
            page.getItems().forEach(p -> titles.add(p.getSnippet().getTitle()));
            token = page.getNextPageToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(titles).hasSize(7).contains("list 0", "list 6");
    }

    @Test
    void uploadScopesCannotManagePlaylists() {
        JsonNode user = TestEmulator.newUser("plscope"); // vidferry's default scopes: youtube.upload, readonly
        YouTube yt = TestEmulator.youtube(user);
        assertThatThrownBy(() -> yt.playlists().insert(List.of("snippet"), new Playlist()
                .setSnippet(new PlaylistSnippet().setTitle("x"))).execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("insufficientPermissions");
                });
    }

    private static PlaylistItem item(String playlistId, String videoId, Long position) {
        return new PlaylistItem().setSnippet(new PlaylistItemSnippet().setPlaylistId(playlistId).setPosition(position)
                .setResourceId(new ResourceId().setKind("youtube#video").setVideoId(videoId)));
    }

    private static String seedVideo(String owner, String title) {
        return TestEmulator.call("POST", "/_emulator/videos", Json.object().put("owner", owner).put("title", title))
                .path("id").asText();
    }

    static JsonNode userWithScopes(String prefix, String extraScope) {
        ObjectNode body = Json.object().put("username", prefix + System.nanoTime()).put("scopes",
                "https://www.googleapis.com/auth/drive.readonly https://www.googleapis.com/auth/youtube.upload "
                        + "https://www.googleapis.com/auth/youtube.readonly " + extraScope);
        return TestEmulator.call("POST", "/_emulator/users", body);
    }
}
