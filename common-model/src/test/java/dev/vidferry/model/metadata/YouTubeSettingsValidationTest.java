package dev.vidferry.model.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The further YouTube settings of a job (playlist, languages, localizations, status flags) by YouTube's rules. */
class YouTubeSettingsValidationTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final MetadataValidator validator = new MetadataValidator(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final VideoMetadata BASE = new VideoMetadata("Clip", null, null, null, null, null, null, null,
            null);

    private List<String> codes(VideoMetadata metadata) {
        return validator.validate(metadata).stream().map(v -> v.field() + ":" + v.code()).toList();
    }

    @Test
    void aPlaylistIsGivenByIdOrByATitleOfAtMost150CharactersAndAPositionNeedsOne() {
        assertThat(codes(BASE.withPlaylist(null, "Trips", 0))).isEmpty();
        assertThat(codes(BASE.withPlaylist("PL1", null, 3))).isEmpty();
        assertThat(codes(BASE.withPlaylist("PL1", "Trips", null))).containsExactly("playlistTitle:invalidPlaylistSnippet");
        assertThat(codes(BASE.withPlaylist(null, " ", null))).containsExactly("playlistTitle:playlistTitleRequired");
        assertThat(codes(BASE.withPlaylist(null, "a".repeat(150), null))).isEmpty();
        assertThat(codes(BASE.withPlaylist(null, "a".repeat(151), null)))
                .containsExactly("playlistTitle:invalidPlaylistSnippet");
        assertThat(codes(BASE.withPlaylist(null, "<b>", null))).containsExactly("playlistTitle:invalidPlaylistSnippet");
        assertThat(codes(BASE.withPlaylist(null, "Trips", -1)))
                .containsExactly("playlistPosition:invalidPlaylistItemPosition");
        assertThat(codes(BASE.withPlaylist(null, null, 2))).containsExactly("playlistPosition:invalidPlaylistItemPosition");
    }

    @Test
    void languagesAreLanguageTagsAndLocalizationsNeedADefaultLanguageAndValidTexts() {
        assertThat(codes(BASE.withLanguages("en", "pt-BR", Map.of("de", new Localization("Titel", "Text")))))
                .isEmpty();
        assertThat(codes(BASE.withLanguages("english!", null, null))).containsExactly("defaultLanguage:invalidVideoMetadata");
        assertThat(codes(BASE.withLanguages(null, "x", null))).containsExactly("defaultAudioLanguage:invalidVideoMetadata");
        assertThat(codes(BASE.withLanguages(null, null, Map.of("de", new Localization("Titel", null)))))
                .containsExactly("defaultLanguage:defaultLanguageNotSet");
        assertThat(codes(BASE.withLanguages("en", null, Map.of("de", new Localization("a".repeat(101), "<x>")))))
                .containsExactly("localizations.de.title:invalidTitle", "localizations.de.description:invalidDescription");
        assertThat(codes(BASE.withLanguages("en", null, Map.of("not a tag", new Localization("t", null)))))
                .containsExactly("localizations.not a tag:invalidVideoMetadata");
    }

    @Test
    void theLicenseIsYoutubeOrCreativeCommonAndTheFlagsAreFree() {
        OffsetDateTime recorded = OffsetDateTime.parse("2026-10-01T08:00:00Z");
        assertThat(codes(BASE.withDetails(recorded, "creativeCommon", false, false, true))).isEmpty();
        assertThat(codes(BASE.withDetails(null, "youtube", null, null, null))).isEmpty();
        assertThat(codes(BASE.withDetails(null, "cc-by", null, null, null))).containsExactly("license:invalidVideoMetadata");
    }

    @Test
    void defaultsKeepTheNewSettings() {
        VideoMetadata full = BASE.withPlaylist(null, "Trips", 1).withLanguages("en", "en", Map.of("de",
                new Localization("T", "D"))).withDetails(null, "youtube", true, false, true).withDefaults();
        assertThat(full.playlistTitle()).isEqualTo("Trips");
        assertThat(full.playlistPosition()).isEqualTo(1);
        assertThat(full.localizations()).containsKey("de");
        assertThat(full.containsSyntheticMedia()).isTrue();
        assertThat(full.publicStatsViewable()).isFalse();
    }
}
