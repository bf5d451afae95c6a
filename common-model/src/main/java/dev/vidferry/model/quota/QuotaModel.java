package dev.vidferry.model.quota;

import static dev.vidferry.model.quota.QuotaBuckets.DEFAULT;

import java.util.HashMap;
import java.util.Map;

/** Google's YouTube quota models: the defaults of a {@link QuotaCostTable}. */
public enum QuotaModel {

    /**
     * Today's model: {@code videos.insert} and {@code search.list} have daily buckets of 100 calls (1 unit each),
     * everything else shares 10,000 units per day.
     */
    CURRENT,
    /** The older model many tools still assume: one bucket of 10,000 units, {@code videos.insert} = 1600. */
    LEGACY;

    /** The cost table of this model, without overrides. */
    public QuotaCostTable table() {
        Map<String, QuotaCost> costs = new HashMap<>();
        for (String list : new String[]{QuotaMethods.VIDEOS_LIST, QuotaMethods.CHANNELS_LIST,
                QuotaMethods.PLAYLISTS_LIST, QuotaMethods.PLAYLIST_ITEMS_LIST, QuotaMethods.VIDEO_CATEGORIES_LIST}) {
            costs.put(list, new QuotaCost(DEFAULT, 1));
        }
        for (String write : new String[]{QuotaMethods.VIDEOS_UPDATE, QuotaMethods.VIDEOS_DELETE,
                QuotaMethods.PLAYLIST_ITEMS_INSERT, QuotaMethods.PLAYLISTS_INSERT, QuotaMethods.THUMBNAILS_SET}) {
            costs.put(write, new QuotaCost(DEFAULT, 50));
        }
        costs.put(QuotaMethods.CAPTIONS_INSERT, new QuotaCost(DEFAULT, 400));
        Map<String, Long> limits = new HashMap<>();
        limits.put(DEFAULT, 10_000L);
        if (this == CURRENT) {
            costs.put(QuotaMethods.VIDEOS_INSERT, new QuotaCost(QuotaBuckets.VIDEOS_INSERT, 1));
            costs.put(QuotaMethods.SEARCH_LIST, new QuotaCost(QuotaBuckets.SEARCH_LIST, 1));
            limits.put(QuotaBuckets.VIDEOS_INSERT, 100L);
            limits.put(QuotaBuckets.SEARCH_LIST, 100L);
        } else {
            costs.put(QuotaMethods.VIDEOS_INSERT, new QuotaCost(DEFAULT, 1600));
            costs.put(QuotaMethods.SEARCH_LIST, new QuotaCost(DEFAULT, 100));
        }
        return new QuotaCostTable(costs, limits);
    }
}
