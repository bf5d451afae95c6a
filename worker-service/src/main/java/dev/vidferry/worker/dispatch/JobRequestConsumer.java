package dev.vidferry.worker.dispatch;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.EventTypes;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.worker.job.JobRepository;

/**
 * Takes {@code upload-job.requested} records as wake-ups: a record says "a job may be claimable", never which worker
 * runs it. It wakes the {@link JobDispatcher} (which claims by the fair order in Postgres, whatever job the record
 * names) and is acked at once, so the consumer never waits for a slot and no partition pauses. A record that is not a
 * job request goes to the DLQ. When the record's owner must reconnect Google, their waiting jobs say so.
 */
@ApplicationScoped
public class JobRequestConsumer {

    private static final TypeReference<EventEnvelope<JobRequested>> TYPE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final JobRepository repository;
    private final JobDispatcher dispatcher;

    public JobRequestConsumer(ObjectMapper mapper, JobRepository repository, JobDispatcher dispatcher) {
        this.mapper = mapper;
        this.repository = repository;
        this.dispatcher = dispatcher;
    }

    @Incoming("job-requests")
    public Uni<Void> onJobRequested(String value) {
        EventEnvelope<JobRequested> envelope;
        try {
            envelope = parse(value);
        } catch (IllegalArgumentException e) {
            Log.warnf("dead-lettering a record of upload-job.requested: %s", e.getMessage());
            return Uni.createFrom().failure(e);
        }
        dispatcher.wake();
        return noteWaitingForReconnect(envelope);
    }

    private Uni<Void> noteWaitingForReconnect(EventEnvelope<JobRequested> envelope) {
        if (envelope.data() == null || envelope.data().ownerId() == null) {
            return Uni.createFrom().voidItem();
        }
        return repository.markWaitingForReconnect(envelope.data().ownerId())
                .onFailure().invoke(e -> Log.warnf("could not note jobs waiting for a reconnect: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    EventEnvelope<JobRequested> parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty record value");
        }
        EventEnvelope<JobRequested> envelope;
        try {
            envelope = mapper.readValue(value, TYPE);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an upload-job.requested envelope: " + e.getMessage(), e);
        }
        if (!EventTypes.JOB_REQUESTED.equals(envelope.eventType())) {
            throw new IllegalArgumentException("unexpected event type " + envelope.eventType());
        }
        return envelope;
    }
}
