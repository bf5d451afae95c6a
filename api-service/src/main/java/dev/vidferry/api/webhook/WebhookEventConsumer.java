package dev.vidferry.api.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.common.Outages;
import dev.vidferry.model.event.CloudEventHeaders;

/**
 * Reads {@code upload-job.progress} in the consumer group {@code vidferry-api-webhooks}, shared by every api instance
 * (so each event is queued once), and queues a delivery per subscribed hook in {@code webhook_delivery}; the
 * deliverer sends them from there. Queuing is idempotent (one row per hook and event id), so a redelivered record
 * adds nothing. The record is acked once its rows are written; while PostgreSQL is unreachable it is retried (the
 * partition waits), any other failure is logged and the record skipped.
 */
@ApplicationScoped
public class WebhookEventConsumer {

    private final ObjectMapper mapper;
    private final WebhookRepository repository;
    private final WebhookDeliverer deliverer;

    public WebhookEventConsumer(ObjectMapper mapper, WebhookRepository repository, WebhookDeliverer deliverer) {
        this.mapper = mapper;
        this.repository = repository;
        this.deliverer = deliverer;
    }

    @Incoming("webhook-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Header source = record.headers().lastHeader(CloudEventHeaders.SOURCE);
        WebhookEvents.Event event = WebhookEvents.of(mapper, record.value(),
                source == null ? null : new String(source.value(), StandardCharsets.UTF_8));
        if (event == null) {
            return Uni.createFrom().voidItem();
        }
        return repository.enqueue(event)
                // PostgreSQL away: hold the record until it is back (readiness is DOWN meanwhile), lose nothing
                .onFailure(Outages::isOutage).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .indefinitely()
                .invoke(queued -> {
                    if (queued > 0) {
                        deliverer.kick();
                    }
                })
                .onFailure().recoverWithItem(e -> {
                    Log.errorf("webhook deliveries of event %s could not be queued: %s", event.eventId(),
                            Outages.describe(e));
                    return 0;
                })
                .replaceWithVoid();
    }
}
