package dev.vidferry.model.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class MetadataValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final MetadataValidator validator = new MetadataValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    private static VideoMetadata titled(String title) {
        return new VideoMetadata(title, null, null, null, null, null, null, null, null);
    }

    private List<String> codes(VideoMetadata metadata) {
        return validator.validate(metadata).stream().map(v -> v.field() + ":" + v.code()).toList();
    }

    @Test
    void acceptsAPlainVideo() {
        VideoMetadata ok = new VideoMetadata("Holiday 2026", "Our trip – ünïcode", List.of("travel", "beach day"), "22",
                PrivacyStatus.UNLISTED, false, true, null, null);
        assertThat(validator.validate(ok)).isEmpty();
    }

    @Test
    void titleIsRequiredAtMostHundredCharactersWithoutAngleBrackets() {
        assertThat(codes(titled(null))).containsExactly("title:invalidTitle");
        assertThat(codes(titled("   "))).containsExactly("title:invalidTitle");
        assertThat(codes(titled("a".repeat(100)))).isEmpty();
        assertThat(codes(titled("a".repeat(101)))).containsExactly("title:invalidTitle");
        assertThat(codes(titled("<script>"))).containsExactly("title:invalidTitle");
        // 100 emoji are 100 characters even though they are 200 UTF-16 units
        assertThat(codes(titled("😀".repeat(100)))).isEmpty();
    }

    @Test
    void descriptionIsCountedInUtf8Bytes() {
        String fiveThousandBytes = "é".repeat(2500);
        assertThat(codes(new VideoMetadata("t", fiveThousandBytes, null, null, null, null, null, null, null)))
                .isEmpty();
        assertThat(codes(new VideoMetadata("t", fiveThousandBytes + "x", null, null, null, null, null, null, null)))
                .containsExactly("description:invalidDescription");
        assertThat(codes(new VideoMetadata("t", "a > b", null, null, null, null, null, null, null)))
                .containsExactly("description:invalidDescription");
    }

    @Test
    void tagsCountCommasAndQuotesAroundTagsWithSpaces() {
        assertThat(MetadataValidator.tagsLength(List.of("ab", "c d"))).isEqualTo(2 + 1 + 3 + 2);
        List<String> exactly500 = new ArrayList<>(Collections.nCopies(50, "123456789"));
        // 50 tags * 9 chars + 49 commas = 499; one more char makes 500
        exactly500.set(0, "1234567890");
        assertThat(MetadataValidator.tagsLength(exactly500)).isEqualTo(500);
        assertThat(codes(new VideoMetadata("t", null, exactly500, null, null, null, null, null, null))).isEmpty();
        exactly500.set(1, "12345 789");
        assertThat(codes(new VideoMetadata("t", null, exactly500, null, null, null, null, null, null)))
                .containsExactly("tags:invalidTags");
        assertThat(codes(new VideoMetadata("t", null, List.of("ok", "<b>"), null, null, null, null, null, null)))
                .containsExactly("tags[1]:invalidTags");
    }

    @Test
    void categoryMustBeAssignable() {
        assertThat(codes(new VideoMetadata("t", null, null, "24", null, null, null, null, null))).isEmpty();
        assertThat(codes(new VideoMetadata("t", null, null, "18", null, null, null, null, null)))
                .containsExactly("categoryId:invalidCategoryId");
    }

    @Test
    void publishAtNeedsPrivateAndAFutureTime() {
        OffsetDateTime tomorrow = OffsetDateTime.ofInstant(NOW.plusSeconds(86_400), ZoneOffset.UTC);
        assertThat(codes(new VideoMetadata("t", null, null, null, PrivacyStatus.PRIVATE, null, null, tomorrow, null)))
                .isEmpty();
        assertThat(codes(new VideoMetadata("t", null, null, null, PrivacyStatus.PUBLIC, null, null, tomorrow, null)))
                .containsExactly("publishAt:invalidPublishAt");
        OffsetDateTime yesterday = OffsetDateTime.ofInstant(NOW.minusSeconds(86_400), ZoneOffset.UTC);
        assertThat(codes(new VideoMetadata("t", null, null, null, PrivacyStatus.PRIVATE, null, null, yesterday, null)))
                .containsExactly("publishAt:invalidPublishAt");
    }

    @Test
    void defaultsArePrivatePeopleAndBlogsNotForKidsNotifying() {
        VideoMetadata filled = titled("t").withDefaults();
        assertThat(filled.privacyStatus()).isEqualTo(PrivacyStatus.PRIVATE);
        assertThat(filled.categoryId()).isEqualTo("22");
        assertThat(filled.madeForKids()).isFalse();
        assertThat(filled.notifySubscribers()).isTrue();
    }
}
