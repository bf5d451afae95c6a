package dev.vidferry.model.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    private static final TemplateContext CLIP = new TemplateContext("beach.day.mp4", "July", "Holidays", "2026/July",
            LocalDate.parse("2026-12-01"));

    @Test
    void everyPlaceholderIsReplacedFromTheFileContext() {
        RenderedText r = TemplateRenderer.render("{filename} | {folder} | {root_folder} | {folder_path} | {upload_date}",
                "From {root_folder}/{folder_path}", CLIP, null);

        assertThat(r.title()).isEqualTo("beach.day | July | Holidays | 2026/July | 2026-12-01");
        assertThat(r.description()).isEqualTo("From Holidays/2026/July");
        assertThat(r.changes()).isEmpty();
    }

    @Test
    void uploadDateIsTheDateInTheChosenZone() {
        Instant lateEveningInLosAngeles = Instant.parse("2026-12-02T05:30:00Z");
        TemplateContext la = TemplateContext.of("a.mp4", "f", "r", "", lateEveningInLosAngeles,
                ZoneId.of("America/Los_Angeles"));
        TemplateContext utc = TemplateContext.of("a.mp4", "f", "r", "", lateEveningInLosAngeles, ZoneId.of("UTC"));

        assertThat(TemplateRenderer.render("{upload_date}", null, la, null).title()).isEqualTo("2026-12-01");
        assertThat(TemplateRenderer.render("{upload_date}", null, utc, null).title()).isEqualTo("2026-12-02");
    }

    @Test
    void unknownPlaceholdersAreViolationsNamingTheField() {
        assertThat(Template.validate("settings.titleTemplate", "{filename} {date} {Folder}"))
                .extracting(v -> v.field() + ":" + v.code() + ":" + v.message().split(";")[0])
                .containsExactly("settings.titleTemplate:unknownPlaceholder:unknown placeholder {date}",
                        "settings.titleTemplate:unknownPlaceholder:unknown placeholder {Folder}");
        assertThat(Template.validate("t", "{filename} {folder} {root_folder} {folder_path} {upload_date} {} { x }"))
                .isEmpty();
    }

    @Test
    void defaultTitleIsTheFileNameWithoutExtension() {
        RenderedText r = TemplateRenderer.render(null, null, CLIP, null);

        assertThat(r.title()).isEqualTo("beach.day");
        assertThat(r.description()).isEmpty();
    }

    @Test
    void anEmptyTitleBecomesTheFileName() {
        TemplateContext rootFile = new TemplateContext("talk.mov", "", "Root", "", LocalDate.parse("2026-12-01"));

        RenderedText r = TemplateRenderer.render("  {folder_path} ", null, rootFile, null);

        assertThat(r.title()).isEqualTo("talk");
        assertThat(r.changes()).containsExactly("empty title replaced by the file name");
    }

    @Test
    void angleBracketsAreRemovedAndReported() {
        RenderedText r = TemplateRenderer.render("<b>{filename}</b>", "a <script> b", CLIP, null);

        assertThat(r.title()).isEqualTo("bbeach.day/b");
        assertThat(r.description()).isEqualTo("a script b");
        assertThat(r.changes()).containsExactly("removed < and > from title", "removed < and > from description");
    }

    @Test
    void anOverlongTitleIsCutToNinetyNineCharactersAndAnEllipsis() {
        RenderedText r = TemplateRenderer.render("x".repeat(150), null, CLIP, null);

        assertThat(r.title().codePointCount(0, r.title().length())).isEqualTo(100);
        assertThat(r.title()).isEqualTo("x".repeat(99) + "\u2026");
        assertThat(r.changes()).containsExactly("title trimmed to 100 characters");
    }

    @Test
    void trimmingNeverSplitsASurrogatePair() {
        String emoji = "\uD83C\uDFAC"; // one code point, two chars
        String title = "a".repeat(98) + emoji + emoji + emoji;

        RenderedText r = TemplateRenderer.render(title, null, CLIP, null);

        assertThat(r.title()).isEqualTo("a".repeat(98) + emoji + "\u2026");
        assertThat(r.title().codePointCount(0, r.title().length())).isEqualTo(100);
        assertThat(Character.isHighSurrogate(r.title().charAt(r.title().length() - 2))).isFalse();
    }

    @Test
    void aTitleOfExactlyOneHundredCodePointsIsKept() {
        String title = "\uD83C\uDFAC".repeat(100);

        RenderedText r = TemplateRenderer.render(title, null, CLIP, null);

        assertThat(r.title()).isEqualTo(title);
        assertThat(r.changes()).isEmpty();
    }

    @Test
    void anOverlongDescriptionIsCutToFiveThousandUtf8Bytes() {
        String description = "\u00e9".repeat(3000); // 6000 bytes

        RenderedText r = TemplateRenderer.render(null, description, CLIP, null);

        int bytes = r.description().getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThanOrEqualTo(5000).isGreaterThan(4990);
        assertThat(r.description()).endsWith("\u00e9\u2026");
        assertThat(r.changes()).containsExactly("description trimmed to 5000 bytes");
    }

    @Test
    void aDescriptionOfExactlyFiveThousandBytesIsKept() {
        String description = "ab".repeat(2500);

        RenderedText r = TemplateRenderer.render(null, description, CLIP, null);

        assertThat(r.description()).isEqualTo(description);
        assertThat(r.changes()).isEmpty();
    }

    @Test
    void theMd5MarkerEndsTheDescriptionAndSurvivesTrimming() {
        String md5 = "0123456789ABCDEF0123456789abcdef";

        RenderedText shortOne = TemplateRenderer.render(null, "From {folder}", CLIP, md5);
        RenderedText longOne = TemplateRenderer.render(null, "y".repeat(6000), CLIP, md5);
        RenderedText empty = TemplateRenderer.render(null, null, CLIP, md5);

        assertThat(shortOne.description()).isEqualTo("From July\n\n[md5:0123456789abcdef0123456789abcdef]");
        assertThat(longOne.description()).endsWith("\u2026\n\n[md5:0123456789abcdef0123456789abcdef]");
        assertThat(longOne.description().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(5000);
        assertThat(empty.description()).isEqualTo("[md5:0123456789abcdef0123456789abcdef]");
        assertThat(Md5Marker.find(longOne.description())).contains("0123456789abcdef0123456789abcdef");
    }
}
