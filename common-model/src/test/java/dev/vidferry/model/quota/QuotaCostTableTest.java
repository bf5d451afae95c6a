package dev.vidferry.model.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class QuotaCostTableTest {

    @Test
    void theCurrentModelGivesUploadsAndSearchesTheirOwnHundredCallBuckets() {
        QuotaCostTable table = QuotaModel.CURRENT.table();

        assertThat(table.cost(QuotaMethods.VIDEOS_INSERT)).isEqualTo(new QuotaCost(QuotaBuckets.VIDEOS_INSERT, 1));
        assertThat(table.cost(QuotaMethods.SEARCH_LIST)).isEqualTo(new QuotaCost(QuotaBuckets.SEARCH_LIST, 1));
        assertThat(table.limit(QuotaBuckets.VIDEOS_INSERT)).isEqualTo(100);
        assertThat(table.limit(QuotaBuckets.SEARCH_LIST)).isEqualTo(100);
        assertThat(table.limit(QuotaBuckets.DEFAULT)).isEqualTo(10_000);
        assertThat(table.buckets()).containsExactly("default", "search.list", "videos.insert");
    }

    @Test
    void everythingElseCostsWhatGooglePublishes() {
        QuotaCostTable table = QuotaModel.CURRENT.table();

        assertThat(table.cost(QuotaMethods.VIDEOS_LIST)).isEqualTo(new QuotaCost(QuotaBuckets.DEFAULT, 1));
        assertThat(table.cost(QuotaMethods.CHANNELS_LIST).units()).isEqualTo(1);
        assertThat(table.cost(QuotaMethods.VIDEO_CATEGORIES_LIST).units()).isEqualTo(1);
        assertThat(table.cost(QuotaMethods.VIDEOS_UPDATE).units()).isEqualTo(50);
        assertThat(table.cost(QuotaMethods.VIDEOS_DELETE).units()).isEqualTo(50);
        assertThat(table.cost(QuotaMethods.PLAYLIST_ITEMS_INSERT).units()).isEqualTo(50);
        assertThat(table.cost(QuotaMethods.PLAYLISTS_INSERT).units()).isEqualTo(50);
        assertThat(table.cost(QuotaMethods.THUMBNAILS_SET)).isEqualTo(new QuotaCost(QuotaBuckets.DEFAULT, 50));
        assertThat(table.cost(QuotaMethods.CAPTIONS_INSERT).units()).isEqualTo(400);
    }

    @Test
    void anUnknownMethodStillCostsOneDefaultUnit() {
        assertThat(QuotaModel.CURRENT.table().cost("comments.markAsSpam"))
                .isEqualTo(new QuotaCost(QuotaBuckets.DEFAULT, 1));
    }

    @Test
    void theLegacyModelChargesSixteenHundredUnitsPerUploadFromOneBucket() {
        QuotaCostTable table = QuotaModel.LEGACY.table();

        assertThat(table.cost(QuotaMethods.VIDEOS_INSERT)).isEqualTo(new QuotaCost(QuotaBuckets.DEFAULT, 1600));
        assertThat(table.buckets()).containsExactly("default");
        assertThat(table.limit(QuotaBuckets.DEFAULT)).isEqualTo(10_000);
    }

    @Test
    void overridesChangeLimitsAndUnitsButKeepTheMethodsBucket() {
        QuotaCostTable table = QuotaModel.CURRENT.table().withOverrides(
                Map.of(QuotaBuckets.VIDEOS_INSERT, 5L), Map.of(QuotaMethods.VIDEOS_INSERT, 2L, "search.list", 3L));

        assertThat(table.limit(QuotaBuckets.VIDEOS_INSERT)).isEqualTo(5);
        assertThat(table.cost(QuotaMethods.VIDEOS_INSERT)).isEqualTo(new QuotaCost(QuotaBuckets.VIDEOS_INSERT, 2));
        assertThat(table.cost(QuotaMethods.SEARCH_LIST)).isEqualTo(new QuotaCost(QuotaBuckets.SEARCH_LIST, 3));
        assertThat(table.limit(QuotaBuckets.DEFAULT)).isEqualTo(10_000);
    }

    @Test
    void aCallCannotBeFreeNorABucketLimitless() {
        assertThatThrownBy(() -> QuotaModel.CURRENT.table().withOverrides(Map.of(), Map.of("videos.list", 0L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuotaCostTable(Map.of("x", new QuotaCost("nowhere", 1)), Map.of()))
                .hasMessageContaining("nowhere");
    }
}
