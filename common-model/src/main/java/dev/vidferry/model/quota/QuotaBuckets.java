package dev.vidferry.model.quota;

/** Names of the quota buckets Google counts separately (current model), also the keys of the ledger. */
public final class QuotaBuckets {

    /** 100 calls per day of {@code videos.insert}, one unit each (current model). */
    public static final String VIDEOS_INSERT = "videos.insert";
    /** 100 calls per day of {@code search.list}, one unit each (current model). */
    public static final String SEARCH_LIST = "search.list";
    /** Everything else: 10,000 units per day. */
    public static final String DEFAULT = "default";

    private QuotaBuckets() {
    }
}
