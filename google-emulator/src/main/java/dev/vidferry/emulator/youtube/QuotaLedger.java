package dev.vidferry.emulator.youtube;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vidferry.emulator.EmulatorClock;
import dev.vidferry.emulator.http.GoogleError;
import dev.vidferry.emulator.http.Json;

/** Quota used per project (OAuth client id) and bucket for the current Pacific day; channel upload counts per 24 h. */
public final class QuotaLedger {

    private final EmulatorClock clock;
    private volatile QuotaConfig config;
    private final Map<String, Map<String, Long>> used = new HashMap<>();
    private final Map<String, Deque<Instant>> channelUploads = new HashMap<>();
    private LocalDate day;

    public QuotaLedger(EmulatorClock clock, QuotaConfig config) {
        this.clock = clock;
        this.config = config;
    }

    public QuotaConfig config() {
        return config;
    }

    public synchronized void config(QuotaConfig newConfig) {
        this.config = newConfig;
    }

    public synchronized void reset(QuotaConfig newConfig) {
        config = newConfig;
        used.clear();
        channelUploads.clear();
        day = null;
    }

    /** Charges a call; throws 403 quotaExceeded when the bucket would go over its daily limit. */
    public synchronized void charge(String project, String method) {
        rollOver();
        String bucket = config.bucket(method);
        Map<String, Long> p = used.computeIfAbsent(project, k -> new HashMap<>());
        long now = p.getOrDefault(bucket, 0L);
        int cost = config.cost(method);
        if (now + cost > config.limit(bucket)) {
            String msg = "The request cannot be completed because you have exceeded your "
                    + "<a href=\"/youtube/v3/getting-started#quota\">quota</a>.";
            throw GoogleError.of(403, "quotaExceeded", "youtube.quota", msg).failure();
        }
        p.put(bucket, now + cost);
    }

    /** Counts an upload for a channel; throws 400 uploadLimitExceeded past the per-24 h limit. */
    public synchronized void countUpload(String channelId) {
        Instant now = clock.now();
        Deque<Instant> q = channelUploads.computeIfAbsent(channelId, k -> new ArrayDeque<>());
        while (!q.isEmpty() && q.peekFirst().isBefore(now.minus(Duration.ofHours(24)))) {
            q.pollFirst();
        }
        if (q.size() >= config.uploadsPerChannelPerDay()) {
            throw GoogleError.of(400, "uploadLimitExceeded", "youtube.video",
                    "The user has exceeded the number of videos they may upload.").failure();
        }
        q.addLast(now);
    }

    private void rollOver() {
        LocalDate today = clock.pacificDate();
        if (!today.equals(day)) {
            used.clear();
            day = today;
        }
    }

    public synchronized ObjectNode toJson() {
        rollOver();
        ObjectNode root = Json.object().put("model", config.model()).put("pacificDate", day.toString())
                .put("resetsAt", clock.nextPacificMidnight().toString())
                .put("uploadsPerChannelPerDay", config.uploadsPerChannelPerDay());
        root.set("limits", Json.MAPPER.valueToTree(config.limits()));
        root.set("costs", Json.MAPPER.valueToTree(config.costs()));
        root.set("used", Json.MAPPER.valueToTree(used));
        return root;
    }
}
