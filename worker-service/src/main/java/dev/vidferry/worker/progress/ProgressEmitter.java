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

import dev.vidferry.model.event.CloudEventHeaders;
import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.platform.outbox.OutboxWriter;

/**
 * Sends progress ticks of running transfers straight to {@code upload-job.progress} (status changes go through the
 * outbox instead). Each send completes when Kafka acknowledged it, so a caller can wait for its ticks before it
 * writes a terminal status. Its records carry the same CloudEvents and {@code vf-*} headers as the outbox relay's
 * ({@code ce_source} of this service).
 */
@ApplicationScoped
public class ProgressEmitter {

    private final Emitter<String> emitter;
    private final ObjectMapper mapper;
    private final String source;

    public ProgressEmitter(@Channel("job-progress") Emitter<String> emitter, ObjectMapper mapper,
            OutboxWriter outbox) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.source = outbox.source();
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
        CloudEventHeaders.of(envelope, source, null)
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
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
