package dev.vidferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.Change;
import com.google.api.services.drive.model.ChangeList;

import dev.vidferry.emulator.http.Json;

/** changes.getStartPageToken and changes.list through the official Drive client. */
class DriveChangesTest {

    private static final String FIELDS = "nextPageToken,newStartPageToken,"
            + "changes(fileId,removed,time,changeType,file(id,name,mimeType,parents,trashed,md5Checksum,size,driveId))";

    JsonNode user;
    String username;
    Drive drive;

    @BeforeEach
    void user() {
        user = TestEmulator.newUser("changes");
        username = user.get("username").asText();
        drive = TestEmulator.drive(user);
    }

    private JsonNode seed(String parentId, JsonNode... items) {
        var body = Json.object().put("owner", username);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        var arr = body.putArray("items");
        for (JsonNode i : items) {
            arr.add(i);
        }
        return TestEmulator.call("POST", "/_emulator/files", body);
    }

    private static JsonNode file(String name) {
        return Json.object().put("name", name).put("size", 1000);
    }

    private String startToken() throws Exception {
        return drive.changes().getStartPageToken().setSupportsAllDrives(true).execute().getStartPageToken();
    }

    /** Every change from {@code token} in pages of {@code pageSize}; the last element is the new start token. */
    private List<Object> all(String token, int pageSize, boolean allDrives) throws Exception {
        List<Object> out = new ArrayList<>();
        String next = token;
        while (true) {
            ChangeList page = drive.changes().list(next).setPageSize(pageSize).setSupportsAllDrives(true)
                    .setIncludeItemsFromAllDrives(allDrives).setFields(FIELDS).execute();
            out.addAll(page.getChanges());
            if (page.getNextPageToken() == null) {
                out.add(page.getNewStartPageToken());
                return out;
            }
            next = page.getNextPageToken();
        }
    }

    private static List<Change> changes(List<Object> all) {
        return all.subList(0, all.size() - 1).stream().map(Change.class::cast).toList();
    }

    @Test
    void listsTheLatestChangeOfEveryFileSinceTheTokenAcrossPages() throws Exception {
        String folder = seed(null, Json.object().put("name", "Sync").put("folder", true)).get(0).get("id").asText();
        String old = seed(folder, file("old.mp4")).get(0).get("id").asText();
        String token = startToken();

        JsonNode added = seed(folder, file("a.mp4"), file("b.mp4"), file("c.mp4"));
        TestEmulator.call("POST", "/_emulator/files/" + added.get(0).get("id").asText() + "/trash",
                Json.object().put("trashed", true));
        TestEmulator.call("DELETE", "/_emulator/files/" + old, null);

        List<Object> all = all(token, 2, false);
        List<Change> changes = changes(all);

        assertThat(changes).extracting(Change::getFileId).containsExactly(added.get(1).get("id").asText(),
                added.get(2).get("id").asText(), added.get(0).get("id").asText(), old);
        Change trashed = changes.get(2);
        assertThat(trashed.getRemoved()).isFalse();
        assertThat(trashed.getFile().getTrashed()).isTrue();
        Change b = changes.get(0);
        assertThat(b.getChangeType()).isEqualTo("file");
        assertThat(b.getFile().getParents()).containsExactly(folder);
        assertThat(b.getFile().getMd5Checksum()).hasSize(32);
        assertThat(b.getFile().getSize()).isEqualTo(1000L);
        assertThat(changes.get(3).getRemoved()).isTrue();
        assertThat(changes.get(3).getFile()).isNull();

        String newStart = (String) all.get(all.size() - 1);
        assertThat(newStart).isEqualTo(startToken());
        assertThat(changes(all(newStart, 100, false))).isEmpty();
    }

    @Test
    void aMoveIsAChangeWithTheNewParents() throws Exception {
        JsonNode folders = seed(null, Json.object().put("name", "A").put("folder", true),
                Json.object().put("name", "B").put("folder", true));
        String a = folders.get(0).get("id").asText();
        String b = folders.get(1).get("id").asText();
        String clip = seed(a, file("clip.mp4")).get(0).get("id").asText();
        String token = startToken();

        TestEmulator.call("POST", "/_emulator/files/" + clip + "/move", Json.object().put("parentId", b));

        List<Change> changes = changes(all(token, 100, false));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.getFileId()).isEqualTo(clip);
            assertThat(c.getFile().getParents()).containsExactly(b);
        });
    }

    @Test
    void aRenameIsAChangeWithTheNewName() throws Exception {
        String clip = seed(null, file("draft.mp4")).get(0).get("id").asText();
        String token = startToken();

        TestEmulator.call("PATCH", "/_emulator/files/" + clip, Json.object().put("name", "final.mp4"));

        assertThat(changes(all(token, 100, false))).singleElement().satisfies(c -> {
            assertThat(c.getFileId()).isEqualTo(clip);
            assertThat(c.getFile().getName()).isEqualTo("final.mp4");
        });
        assertThat(drive.files().get(clip).execute().getName()).isEqualTo("final.mp4");
    }

    @Test
    void withoutFieldsAChangeCarriesOnlyTheDefaultFileFields() throws Exception {
        String token = startToken();
        seed(null, file("x.mp4"));

        ChangeList page = drive.changes().list(token).execute();

        Change c = page.getChanges().get(0);
        assertThat(c.getFile().keySet()).containsExactlyInAnyOrder("kind", "id", "name", "mimeType");
        assertThat(page.getNewStartPageToken()).isNotNull();
    }

    @Test
    void includeRemovedFalseLeavesOutRemovedFiles() throws Exception {
        String gone = seed(null, file("gone.mp4")).get(0).get("id").asText();
        String token = startToken();
        TestEmulator.call("DELETE", "/_emulator/files/" + gone, null);
        seed(null, file("kept.mp4"));

        ChangeList page = drive.changes().list(token).setIncludeRemoved(false).setFields(FIELDS).execute();

        assertThat(page.getChanges()).extracting(c -> c.getFile().getName()).containsExactly("kept.mp4");
    }

    @Test
    void sharedDriveChangesNeedIncludeItemsFromAllDrivesAndDriveIdNarrowsToOneDrive() throws Exception {
        JsonNode team = TestEmulator.call("POST", "/_emulator/drives", Json.object().put("name", "Team")
                .set("members", Json.array().add(username)));
        String driveId = team.get("id").asText();
        String token = startToken();
        String driveToken = drive.changes().getStartPageToken().setSupportsAllDrives(true).setDriveId(driveId)
                .execute().getStartPageToken();
        seed(driveId, file("team.mp4"));
        seed(null, file("mine.mp4"));

        assertThat(changes(all(token, 100, false))).extracting(c -> c.getFile().getName()).containsExactly("mine.mp4");
        assertThat(changes(all(token, 100, true))).extracting(c -> c.getFile().getName())
                .containsExactly("team.mp4", "mine.mp4");
        ChangeList inDrive = drive.changes().list(driveToken).setDriveId(driveId).setSupportsAllDrives(true)
                .setIncludeItemsFromAllDrives(true).setFields(FIELDS).execute();
        assertThat(inDrive.getChanges()).extracting(c -> c.getFile().getName()).containsExactly("team.mp4");
        assertThat(inDrive.getChanges().get(0).getFile().getDriveId()).isEqualTo(driveId);
    }

    @Test
    void anInvalidPageTokenIsA400OnPageTokenLikeDrive() {
        assertThatThrownBy(() -> drive.changes().list("not-a-token").execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("invalid");
                    assertThat(e.getDetails().getErrors().get(0).getLocation()).isEqualTo("pageToken");
                });
        assertThatThrownBy(() -> drive.changes().list("99999999").execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(400));
        assertThatThrownBy(() -> drive.changes().list("1").setIncludeItemsFromAllDrives(true).execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(400));
    }

    @Test
    void aTextFileServesExactlyItsBytes() throws Exception {
        String id = seed(null, Json.object().put("name", "clip.json").put("mimeType", "application/json")
                .put("text", "{\"title\":\"Héllo\"}")).get(0).get("id").asText();

        byte[] bytes = drive.files().get(id).executeMediaAsInputStream().readAllBytes();

        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"Héllo\"}");
        assertThat(drive.files().get(id).setFields("size").execute().getSize()).isEqualTo(bytes.length);
    }
}
