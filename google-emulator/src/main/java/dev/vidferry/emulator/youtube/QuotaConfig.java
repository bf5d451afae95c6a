package dev.vidferry.emulator.youtube;

import java.util.HashMap;
import java.util.Map;

/**
 * YouTube quota model: per-method cost, per-method bucket (default bucket {@code default}) and per-bucket daily limit.
 *
 * @param model {@code current} (videos.insert and search.list in their own 100-call buckets) or {@code legacy}
 *        (10,000 units, videos.insert = 1600)
 * @param uploadsPerChannelPerDay uploads a channel may start per rolling 24 h before {@code uploadLimitExceeded}
 */
public record QuotaConfig(String model, Map<String, Long> limits, Map<String, Integer> costs,
        Map<String, String> buckets, int uploadsPerChannelPerDay) {

    public static final String DEFAULT_BUCKET = "default";

    public static QuotaConfig current() {
        Map<String, Integer> costs = baseCosts();
        costs.put("videos.insert", 1);
        costs.put("search.list", 1);
        return new QuotaConfig("current", Map.of(DEFAULT_BUCKET, 10_000L, "videos.insert", 100L, "search.list", 100L),
                Map.copyOf(costs), Map.of("videos.insert", "videos.insert", "search.list", "search.list"), 1000);
    }

    public static QuotaConfig legacy() {
        Map<String, Integer> costs = baseCosts();
        costs.put("videos.insert", 1600);
        costs.put("search.list", 100);
        return new QuotaConfig("legacy", Map.of(DEFAULT_BUCKET, 10_000L), Map.copyOf(costs), Map.of(), 1000);
    }

    public static QuotaConfig of(String model) {
        return "legacy".equalsIgnoreCase(model) ? legacy() : current();
    }

    private static Map<String, Integer> baseCosts() {
        Map<String, Integer> c = new HashMap<>();
        for (String m : new String[]{"videos.list", "channels.list", "playlists.list", "playlistItems.list",
                "videoCategories.list"}) {
            c.put(m, 1);
        }
        for (String m : new String[]{"videos.update", "videos.delete", "playlists.insert", "playlists.update",
                "playlists.delete", "playlistItems.insert", "playlistItems.update", "playlistItems.delete",
                "thumbnails.set"}) {
            c.put(m, 50);
        }
        c.put("captions.insert", 400);
        return c;
    }

    public int cost(String method) {
        return Math.max(1, costs.getOrDefault(method, 1));
    }

    public String bucket(String method) {
        return buckets.getOrDefault(method, DEFAULT_BUCKET);
    }

    public long limit(String bucket) {
        return limits.getOrDefault(bucket, limits.getOrDefault(DEFAULT_BUCKET, 10_000L));
    }

    /** A copy with some limits, costs and the channel upload limit overridden (nulls keep the current values). */
    public QuotaConfig with(Map<String, Long> newLimits, Map<String, Integer> newCosts, Integer uploadsPerChannel) {
        Map<String, Long> l = new HashMap<>(limits);
        if (newLimits != null) {
            l.putAll(newLimits);
        }
        Map<String, Integer> c = new HashMap<>(costs);
        if (newCosts != null) {
            c.putAll(newCosts);
        }
        return new QuotaConfig(model, Map.copyOf(l), Map.copyOf(c), buckets,
                uploadsPerChannel != null ? uploadsPerChannel : uploadsPerChannelPerDay);
    }
}
