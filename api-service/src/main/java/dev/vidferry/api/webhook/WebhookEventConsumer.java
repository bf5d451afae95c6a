package dev.vidferry.api.webhook;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@code upload-job.progress} in the consumer group {@code vidferry-api-webhooks}, shared by every api instance
 * (so each event is queued once), and queues a delivery per subscribed hook in {@code webhook_delivery}; the
 * deliverer sends them from there. Queuing is idempotent (one row per hook and event id), so a redelivered record
 * adds nothing. The record is acked once its rows are written.
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
    public Uni<Void> consume(String value) {
        WebhookEvents.Event event = WebhookEvents.of(mapper, value);
        if (event == null) {
            return Uni.createFrom().voidItem();
        }
        return repository.enqueue(event)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .invoke(queued -> {
                    if (queued > 0) {
                        deliverer.kick();
                    }
                })
                .onFailure().invoke(e -> Log.errorf("webhook deliveries of event %s could not be queued: %s",
                        event.eventId(), e.getClass().getSimpleName()))
                .replaceWithVoid();
    }
}
