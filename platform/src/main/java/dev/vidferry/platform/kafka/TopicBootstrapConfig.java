package dev.vidferry.platform.kafka;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.vidferry.model.event.Topics;

/** Startup creation of vidferry's Kafka topics. */
@ConfigMapping(prefix = "vidferry.kafka")
public interface TopicBootstrapConfig {

    /** Create the topics of {@link Topics#ALL} at startup (idempotent). Off where a platform team owns topics. */
    @WithDefault("true")
    boolean createTopics();

    /** Longest wait between two attempts while Kafka is unreachable. */
    @WithDefault("30s")
    Duration createTopicsMaxBackoff();

    /** Timeout of one attempt. */
    @WithDefault("10s")
    Duration createTopicsTimeout();
}
