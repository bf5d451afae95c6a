package dev.vidferry.model.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vidferry.model.metadata.PrivacyStatus;

class ManifestTest {

    private final OverrideParser parser = new OverrideParser(
            Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));

    private Manifest parse(String csv) {
        return Manifest.parse(csv.getBytes(StandardCharsets.UTF_8), parser);
    }

    @Test
    void rowsOverrideTheFilesTheyName() {
        Manifest m = parse("\uFEFFfilename,title,tags,privacyStatus,description\r\n"
                + "a.mp4,\"Hello, world\",one|two words| three,unlisted,\"say \"\"hi\"\"\nline two\"\r\n"
                + "b.mp4,,,,\r\n");

        assertThat(m.problems()).isEmpty();
        FileOverrides a = m.row("a.mp4").orElseThrow().overrides();
        assertThat(a.title()).isEqualTo("Hello, world");
        assertThat(a.tags()).containsExactly("one", "two words", "three");
        assertThat(a.privacyStatus()).isEqualTo(PrivacyStatus.UNLISTED);
        assertThat(a.description()).isEqualTo("say \"hi\"\nline two");
        assertThat(m.row("b.mp4").orElseThrow().overrides().setFields()).isEmpty();
        assertThat(m.row("c.mp4")).isEmpty();
    }

    @Test
    void aBadRowSkipsOnlyItsFile() {
        Manifest m = parse("filename,categoryId\ngood.mp4,24\nbad.mp4,7\n");

        assertThat(m.row("good.mp4").orElseThrow().valid()).isTrue();
        assertThat(m.row("bad.mp4").orElseThrow().skipReason().wire()).isEqualTo("bad_sidecar: categoryId");
    }

    @Test
    void anUnknownColumnIsABadFieldOfEveryRowThatFillsIt() {
        Manifest m = parse("filename,colour\na.mp4,red\nb.mp4,\n");

        assertThat(m.row("a.mp4").orElseThrow().skipReason().wire()).isEqualTo("bad_sidecar: colour");
        assertThat(m.row("b.mp4").orElseThrow().valid()).isTrue();
    }

    @Test
    void aManifestWithoutAFilenameColumnOrWithBrokenQuotingIsAProblemOfTheWholeFile() {
        assertThat(parse("title\nx\n").problems()).extracting(v -> v.field() + ":" + v.code())
                .containsExactly("manifest:invalidCsv");
        assertThat(parse("filename,title\na.mp4,\"open\n").problems()).extracting(v -> v.code())
                .containsExactly("invalidCsv");
        assertThat(parse("").problems()).hasSize(1);
    }

    @Test
    void twoRowsForOneFileMakeThatFileBad() {
        Manifest m = parse("filename,title\na.mp4,one\na.mp4,two\n");

        assertThat(m.row("a.mp4").orElseThrow().skipReason().wire()).isEqualTo("bad_sidecar: filename");
    }

    @Test
    void videoDetectionUsesMimeTypeThenExtensionAndNeverTakesSidecarsOrManifests() {
        assertThat(VideoFiles.isVideo("video/mp4", "clip.mp4")).isTrue();
        assertThat(VideoFiles.isVideo("application/octet-stream", "clip.MKV")).isTrue();
        assertThat(VideoFiles.isVideo("video/x-whatever", "noext")).isTrue();
        assertThat(VideoFiles.isVideo("text/plain", "notes.txt")).isFalse();
        assertThat(VideoFiles.isVideo("application/json", "clip.json")).isFalse();
        assertThat(VideoFiles.isVideo("video/mp4", "clip.json")).isFalse();
        assertThat(VideoFiles.isVideo("text/csv", "vidferry.csv")).isFalse();
        assertThat(VideoFiles.isVideo("application/vnd.google-apps.document", "plan.mp4")).isFalse();
        assertThat(List.of(VideoFiles.baseName("a.b.mp4"), VideoFiles.baseName(".hidden"), VideoFiles.baseName("x")))
                .containsExactly("a.b", ".hidden", "x");
    }
}
