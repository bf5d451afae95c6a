package dev.vidferry.model.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vidferry.model.metadata.PrivacyStatus;
import dev.vidferry.model.metadata.VideoMetadata;

class OverrideParserTest {

    private final OverrideParser parser = new OverrideParser(
            Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSidecarSetsEveryFieldItNames() {
        ParsedOverrides p = parser.sidecar(bytes("""
                {"title":"Sunset","description":"Long day","tags":["beach","sun set"],"categoryId":19,
                 "privacyStatus":"private","publishAt":"2027-01-31T18:00:00Z","playlistId":"PL1","madeForKids":true}
                """));

        assertThat(p.violations()).isEmpty();
        assertThat(p.overrides()).isEqualTo(new FileOverrides("Sunset", "Long day", List.of("beach", "sun set"), "19",
                PrivacyStatus.PRIVATE, OffsetDateTime.parse("2027-01-31T18:00:00Z"), "PL1", true));
    }

    @Test
    void overridesReplaceOnlyTheFieldsTheySet() {
        VideoMetadata template = new VideoMetadata("From template", "desc", List.of("t"), "22", PrivacyStatus.UNLISTED,
                false, true, null, null);

        VideoMetadata merged = parser.sidecar(bytes("{\"title\":\"Mine\",\"tags\":\"a | b\"}")).overrides()
                .applyTo(template);

        assertThat(merged).isEqualTo(new VideoMetadata("Mine", "desc", List.of("a", "b"), "22",
                PrivacyStatus.UNLISTED, false, true, null, null));
    }

    @Test
    void aSidecarBreakingYouTubeRulesNamesTheField() {
        assertThat(parser.sidecar(bytes("{\"title\":\"" + "x".repeat(101) + "\"}")).skipReason().wire())
                .isEqualTo("bad_sidecar: title");
        assertThat(parser.sidecar(bytes("{\"categoryId\":\"99\"}")).skipReason().wire())
                .isEqualTo("bad_sidecar: categoryId");
        assertThat(parser.sidecar(bytes("{\"privacyStatus\":\"secret\"}")).skipReason().wire())
                .isEqualTo("bad_sidecar: privacyStatus");
        assertThat(parser.sidecar(bytes("{\"publishAt\":\"2020-01-01T00:00:00Z\"}")).skipReason().wire())
                .isEqualTo("bad_sidecar: publishAt");
        assertThat(parser.sidecar(bytes("{\"privacyStatus\":\"public\",\"publishAt\":\"2027-01-01T00:00:00Z\"}"))
                .skipReason().wire()).isEqualTo("bad_sidecar: publishAt");
        assertThat(parser.sidecar(bytes("{\"tags\":[\"a<b\"]}")).skipReason().wire()).isEqualTo("bad_sidecar: tags");
        assertThat(parser.sidecar(bytes("{\"madeForKids\":\"maybe\"}")).skipReason().wire())
                .isEqualTo("bad_sidecar: madeForKids");
    }

    @Test
    void unknownFieldsAndBrokenJsonAreBadSidecars() {
        assertThat(parser.sidecar(bytes("{\"tittle\":\"typo\"}")).skipReason().wire()).isEqualTo("bad_sidecar: tittle");
        assertThat(parser.sidecar(bytes("{\"title\":")).skipReason().wire()).isEqualTo("bad_sidecar: json");
        assertThat(parser.sidecar(bytes("[1,2]")).skipReason().wire()).isEqualTo("bad_sidecar: json");
        assertThat(parser.sidecar(bytes("{\"title\":{\"a\":1}}")).skipReason().wire()).isEqualTo("bad_sidecar: title");
    }

    @Test
    void anEmptyObjectChangesNothing() {
        ParsedOverrides p = parser.sidecar(bytes("{}"));

        assertThat(p.valid()).isTrue();
        assertThat(p.overrides().setFields()).isEmpty();
    }

    @Test
    void aSidecarOverridesAManifestRowFieldByField() {
        FileOverrides row = new FileOverrides("Row title", "Row desc", null, "24", null, null, null, null);
        FileOverrides sidecar = new FileOverrides("Sidecar title", null, null, null, null, null, null, true);

        assertThat(row.overriddenBy(sidecar)).isEqualTo(
                new FileOverrides("Sidecar title", "Row desc", null, "24", null, null, null, true));
    }
}
