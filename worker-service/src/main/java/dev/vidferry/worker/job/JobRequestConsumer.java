package dev.vidferry.worker.job;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.EventTypes;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.worker.WorkerConfig;
import dev.vidferry.worker.WorkerMetrics;
import dev.vidferry.worker.transfer.TransferService;

/**
 * Takes {@code upload-job.requested} records: waits for a free transfer slot (so a busy worker stops polling), claims
 * the job in Postgres, acks, and hands the job to a transfer thread. A record whose job is not claimable (already
 * claimed, cancelled, unknown, not due) is acked and dropped; a record that is not a job request goes to the DLQ.
 */
@ApplicationScoped
public class JobRequestConsumer {

    private static final TypeReference<EventEnvelope<JobRequested>> TYPE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final JobRepository repository;
    private final TransferService transfers;
    private final WorkerConfig config;
    private final WorkerMetrics metrics;

    public JobRequestConsumer(ObjectMapper mapper, JobRepository repository, TransferService transfers,
            WorkerConfig config, WorkerMetrics metrics) {
        this.mapper = mapper;
        this.repository = repository;
        this.transfers = transfers;
        this.config = config;
        this.metrics = metrics;
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
        TransferSlots slots = transfers.slots();
        return slots.acquire().chain(() -> claim(envelope)
                .onItemOrFailure().transformToUni((job, failure) -> {
                    if (failure != null) {
                        slots.release();
                        return Uni.createFrom().failure(failure);
                    }
                    if (job.isEmpty()) {
                        slots.release();
                        Log.debugf("job %s not claimable (taken, cancelled, unknown, not due or its Google account "
                                + "must be reconnected): skipped", envelope.jobId());
                        return noteWaitingForReconnect(envelope);
                    }
                    return Uni.createFrom().voidItem();
                }));
    }

    private Uni<Optional<ClaimedJob>> claim(EventEnvelope<JobRequested> envelope) {
        AtomicReference<EventEnvelope<JobProgress>> claimEvent = new AtomicReference<>();
        return repository.claim(envelope.jobId(), transfers.workerId(), config.leaseDuration(), job -> {
            EventEnvelope<JobProgress> event = JobOutbox.claimed(job);
            claimEvent.set(event);
            return event;
        })
                // Postgres unreachable: keep the record (and the partition) until it is back, within reason
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).atMost(10)
                .invoke(job -> job.ifPresent(claimed -> {
                    metrics.claimed();
                    Log.infof("job %s claimed (attempt %d)", claimed.id(), claimed.attempt());
                    transfers.start(claimed, claimEvent.get());
                }));
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
