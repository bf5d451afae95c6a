package dev.vidferry.platform.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

import dev.vidferry.model.event.Topics;

/**
 * Creates the topics of docs/architecture.md at startup, idempotently. Kafka being down never fails startup: the
 * first attempt runs right away, later ones in the background with a growing pause until one succeeds.
 */
@ApplicationScoped
public class TopicBootstrap {

    private final TopicBootstrapConfig config;
    private final String bootstrapServers;
    private final Map<String, Object> kafkaConfig;
    private ScheduledExecutorService retries;
    private volatile boolean done;

    @Inject
    TopicBootstrap(TopicBootstrapConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafkaConfig) {
        this(config, bootstrapServers, kafkaConfig.isResolvable() ? kafkaConfig.get() : Map.of());
    }

    /** Outside CDI (tests): {@code kafkaConfig} holds extra client settings such as security. */
    public TopicBootstrap(TopicBootstrapConfig config, String bootstrapServers, Map<String, Object> kafkaConfig) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.kafkaConfig = kafkaConfig;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Creates the topics now, or keeps trying in the background if Kafka does not answer. Never throws. */
    public void start() {
        if (!config.createTopics()) {
            Log.debug("vidferry.kafka.create-topics=false: not creating topics");
            return;
        }
        if (attempt()) {
            return;
        }
        retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vidferry-topic-bootstrap");
            thread.setDaemon(true);
            return thread;
        });
        schedule(Duration.ofSeconds(1));
    }

    /** Stops background retries. */
    public void stop() {
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    /** True once every topic exists (for tests and diagnostics). */
    public boolean isDone() {
        return done;
    }

    private void schedule(Duration delay) {
        retries.schedule(() -> {
            if (!attempt() && !retries.isShutdown()) {
                Duration next = delay.multipliedBy(2);
                schedule(next.compareTo(config.createTopicsMaxBackoff()) > 0 ? config.createTopicsMaxBackoff() : next);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean attempt() {
        long timeout = config.createTopicsTimeout().toMillis();
        try (Admin admin = Admin.create(adminConfig(timeout))) {
            List<String> changed = TopicCreator.ensure(admin, Topics.ALL, timeout);
            Log.infof("Kafka topics ready at %s%s", bootstrapServers,
                    changed.isEmpty() ? "" : " (created or grown: " + changed + ")");
            done = true;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            Log.warnf("Could not create Kafka topics at %s yet (%s); retrying in the background", bootstrapServers,
                    e.getCause() != null ? e.getCause().toString() : e.toString());
            return false;
        }
    }

    private Map<String, Object> adminConfig(long timeoutMillis) {
        Map<String, Object> admin = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                admin.put(key, value);
            }
        });
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "vidferry-topic-bootstrap");
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMillis, Integer.MAX_VALUE));
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMillis, Integer.MAX_VALUE));
        admin.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return admin;
    }
}
