package dev.vidferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.youtube.YouTube;
import com.google.api.services.youtube.model.PlaylistItemListResponse;

import dev.vidferry.emulator.http.Json;

/** The uploads playlist pages like YouTube's, through the official client; seeded videos land in it. */
class UploadsPlaylistTest {

    @Test
    void pagesThroughSeededUploadsNewestFirst() throws Exception {
        JsonNode user = TestEmulator.newUser("uploads");
        String username = user.path("username").asText();
        List<String> seeded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seeded.add(TestEmulator.call("POST", "/_emulator/videos", Json.object().put("owner", username)
                    .put("title", "v" + i)).path("id").asText());
            Thread.sleep(5); // distinct publishedAt: the playlist is ordered by it
        }
        YouTube yt = TestEmulator.youtube(user);
        String uploads = yt.channels().list(List.of("contentDetails")).setMine(true).execute().getItems().get(0)
                .getContentDetails().getRelatedPlaylists().getUploads();

        List<String> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            PlaylistItemListResponse page = yt.playlistItems().list(List.of("snippet", "contentDetails"))
                    .setPlaylistId(uploads).setMaxResults(3L).setPageToken(token).execute();
            assertThat(page.getPageInfo().getTotalResults()).isEqualTo(7);
            page.getItems().forEach(item -> listed.add(item.getContentDetails().getVideoId()));
            token = page.getNextPageToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(seeded);
        java.util.Collections.reverse(newestFirst);
        assertThat(listed).containsExactlyElementsOf(newestFirst);
        assertThat(yt.playlistItems().list(List.of("snippet")).setPlaylistId(uploads).execute().getItems()).hasSize(5);

        assertThatThrownBy(() -> yt.playlistItems().list(List.of("snippet")).setPlaylistId(uploads)
                .setPageToken("garbage").execute()).isInstanceOfSatisfying(GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(400));
    }
}
