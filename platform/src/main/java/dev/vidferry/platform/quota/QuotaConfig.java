package dev.vidferry.platform.quota;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.vidferry.model.quota.QuotaModel;

/**
 * YouTube quota accounting (see docs/architecture.md and GOOGLE-API-FACTS.md). Bucket and method names contain
 * dots, so quote them: {@code vidferry.quota.limits."videos.insert"=100},
 * {@code vidferry.quota.costs."captions.insert"=400}.
 */
@ConfigMapping(prefix = "vidferry.quota")
public interface QuotaConfig {

    /** Google's quota model the defaults follow: {@code current} (separate upload bucket) or {@code legacy}. */
    @WithDefault("current")
    QuotaModel model();

    /** Daily limit per bucket ({@code default}, {@code videos.insert}, {@code search.list}), overriding the model. */
    Map<String, Long> limits();

    /** Units per call of a method (e.g. {@code videos.update}), overriding the model; the bucket stays the model's. */
    Map<String, Long> costs();

    /**
     * Uploads one YouTube channel may start per Pacific day, counted per channel ({@code channel_upload_day}) apart
     * from the project's quota; YouTube's own cap ({@code uploadLimitExceeded}) also closes a channel's day.
     */
    @WithDefault("100")
    int uploadsPerChannelPerDay();
}
