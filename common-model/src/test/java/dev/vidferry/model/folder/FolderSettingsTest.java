package dev.vidferry.model.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vidferry.model.metadata.PrivacyStatus;
import dev.vidferry.model.metadata.VideoMetadata;

class FolderSettingsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private static final TemplateContext CLIP = new TemplateContext("clip.mp4", "Spring", "Library", "2025/Spring",
            LocalDate.parse("2026-12-01"));
    private static final String MD5 = "0123456789abcdef0123456789abcdef";

    private final FolderSettings settings = new FolderSettings("{folder}: {filename}", "From {folder_path}", true,
            PrivacyStatus.UNLISTED, "24", List.of("holiday"), null, false, null, null);

    @Test
    void rendersTheTemplatesAndFillsTheDefaults() {
        FolderSettings.RenderedMetadata r = settings.render(CLIP, null, MD5);

        assertThat(r.metadata()).isEqualTo(new VideoMetadata("Spring: clip", "From 2025/Spring\n\n[md5:" + MD5 + "]",
                List.of("holiday"), "24", PrivacyStatus.UNLISTED, false, false, null, null));
        assertThat(r.changes()).isEmpty();
    }

    @Test
    void aSidecarOverridesTemplatesAndDefaultsButKeepsTheMarker() {
        FileOverrides sidecar = new FileOverrides("Mine <3", "Own words", null, "19", null, null, "PL9", true);

        FolderSettings.RenderedMetadata r = settings.render(CLIP, sidecar, MD5);

        assertThat(r.metadata().title()).isEqualTo("Mine 3");
        assertThat(r.metadata().description()).isEqualTo("Own words\n\n[md5:" + MD5 + "]");
        assertThat(r.metadata().categoryId()).isEqualTo("19");
        assertThat(r.metadata().tags()).containsExactly("holiday");
        assertThat(r.metadata().playlistId()).isEqualTo("PL9");
        assertThat(r.metadata().madeForKids()).isTrue();
        assertThat(r.changes()).containsExactly("removed < and > from title");
    }

    @Test
    void aFileWithoutMd5GetsNoMarkerAndSaysSo() {
        FolderSettings.RenderedMetadata r = settings.render(CLIP, null, null);

        assertThat(r.metadata().description()).isEqualTo("From 2025/Spring");
        assertThat(r.changes()).containsExactly("no md5 marker: Drive gives no md5 for this file");
    }

    @Test
    void validationNamesUnknownPlaceholdersAndBadDefaults() {
        FolderSettings bad = new FolderSettings("{title}", "{folder} {date}", false, PrivacyStatus.PUBLIC, "99", null,
                null, null, null, null);

        assertThat(bad.validate(CLOCK)).extracting(v -> v.field() + ":" + v.code()).containsExactly(
                "titleTemplate:unknownPlaceholder", "descriptionTemplate:unknownPlaceholder",
                "categoryId:invalidCategoryId");
        assertThat(FolderSettings.templates(null, null, true).validate(CLOCK)).isEmpty();
    }
}
