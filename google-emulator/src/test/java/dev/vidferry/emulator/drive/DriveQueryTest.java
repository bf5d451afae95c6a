package dev.vidferry.emulator.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import dev.vidferry.emulator.http.GoogleError;

class DriveQueryTest {

    private static DriveFile file(String name, String mime, String parent) {
        return new DriveFile("id-" + name, name, mime, List.of(parent), null, "alice", null, Instant.EPOCH, null, null, null);
    }

    private static Predicate<DriveFile> q(String query) {
        return DriveQuery.parse(query, id -> id.equals("root") ? "R" : id, f -> "alice@x");
    }

    @Test
    void nameContainsMatchesNameTokensByPrefixOnly() {
        assertThat(q("name contains 'Hello'").test(file("HelloWorld.mp4", "video/mp4", "R"))).isTrue();
        assertThat(q("name contains 'World'").test(file("HelloWorld.mp4", "video/mp4", "R"))).isFalse();
        assertThat(q("name contains 'world'").test(file("hello world.mp4", "video/mp4", "R"))).isTrue();
    }

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        DriveFile video = file("a.mp4", "video/mp4", "F");
        assertThat(q("'F' in parents and mimeType contains 'video/' or name = 'x'").test(video)).isTrue();
        assertThat(q("'G' in parents and (mimeType contains 'video/' or name = 'a.mp4')").test(video)).isFalse();
        assertThat(q("'root' in parents").test(file("b", "text/plain", "R"))).isTrue();
        assertThat(q("not trashed = true and mimeType != 'application/vnd.google-apps.folder'").test(video)).isTrue();
    }

    @Test
    void quotedIdsMayEscapeQuotesAndBackslashes() {
        assertThat(q("'a\\'b' in parents").test(file("x", "video/mp4", "a'b"))).isTrue();
    }

    @Test
    void malformedQueriesAnswerInvalidQ() {
        assertThatThrownBy(() -> q("name contains")).isInstanceOf(GoogleError.Failure.class);
        assertThatThrownBy(() -> q("size > 3")).isInstanceOf(GoogleError.Failure.class);
    }

    @Test
    void aParentsConditionJoinedByAndNarrowsTheListToThatFolder() {
        java.util.function.Function<String, String> alias = id -> id.equals("root") ? "R" : id;

        assertThat(DriveQuery.requiredParent("'F' in parents and trashed = false", alias)).isEqualTo("F");
        assertThat(DriveQuery.requiredParent("'root' in parents", alias)).isEqualTo("R");
        assertThat(DriveQuery.requiredParent("'a\\'b\\\\c' in parents and (name = 'x' or name = 'y')", alias))
                .isEqualTo("a'b\\c");
        assertThat(DriveQuery.requiredParent("'F' in parents or name = 'x'", alias)).isNull();
        assertThat(DriveQuery.requiredParent("not 'F' in parents", alias)).isNull();
        assertThat(DriveQuery.requiredParent("name = 'x' and 'F' in parents", alias)).isNull();
        assertThat(DriveQuery.requiredParent(null, alias)).isNull();
    }

    @Test
    void anEscapedQuoteInAFolderIdMatchesThatId() {
        DriveFile f = file("clip.mp4", "video/mp4", "a'b\\c");

        assertThat(q("'a\\'b\\\\c' in parents and trashed = false").test(f)).isTrue();
        assertThat(q("'a\\'b' in parents").test(f)).isFalse();
    }
}
