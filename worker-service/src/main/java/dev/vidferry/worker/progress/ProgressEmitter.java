package dev.vidferry.worker.progress;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.EventHeaders;
import dev.vidferry.model.event.JobProgress;

/**
 * Sends progress ticks of running transfers straight to {@code upload-job.progress} (status changes go through the
 * outbox instead). Each send completes when Kafka acknowledged it, so a caller can wait for its ticks before it
 * writes a terminal status.
 */
@ApplicationScoped
public class ProgressEmitter {

    private final Emitter<String> emitter;
    private final ObjectMapper mapper;

    public ProgressEmitter(@Channel("job-progress") Emitter<String> emitter, ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    /** Publishes {@code envelope} keyed by its job id; the future completes on the broker's ack. */
    public CompletableFuture<Void> send(EventEnvelope<JobProgress> envelope) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        String payload;
        try {
            payload = mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            acked.completeExceptionally(e);
            return acked;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_ID, envelope.eventId().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.EVENT_TYPE, envelope.eventType().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.SCHEMA_VERSION,
                Integer.toString(envelope.schemaVersion()).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(envelope.jobId().toString())
                .withHeaders(headers)
                .build();
        try {
            emitter.send(Message.of(payload, Metadata.of(metadata), () -> {
                acked.complete(null);
                return CompletableFuture.completedFuture(null);
            }, failure -> {
                acked.completeExceptionally(failure);
                return CompletableFuture.completedFuture(null);
            }));
        } catch (RuntimeException e) { // overflow or channel closed: a tick is not worth failing a transfer
            acked.completeExceptionally(e);
        }
        return acked;
    }
}
