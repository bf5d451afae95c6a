package dev.vidferry.api.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.EventTypes;
import dev.vidferry.model.event.JobProgress;

/**
 * The one consumer of {@code upload-job.progress} in this api instance (a consumer group of its own, from the latest
 * offset, see application.properties) and the broadcast hub every SSE client subscribes to: one Kafka consumer and
 * no thread per client, whatever the number of clients.
 */
@ApplicationScoped
public class ProgressHub {

    private static final TypeReference<EventEnvelope<JobProgress>> ENVELOPE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final BroadcastProcessor<EventEnvelope<JobProgress>> hub = BroadcastProcessor.create();

    public ProgressHub(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Every progress event from now on; each subscriber must keep up (see {@link LiveStreams}). */
    public Multi<EventEnvelope<JobProgress>> events() {
        return hub;
    }

    /** A record of the topic: parsed and handed to every subscriber; one that is not a progress event is skipped. */
    @Incoming("job-progress-live")
    public void receive(String value) {
        EventEnvelope<JobProgress> event;
        try {
            event = mapper.readValue(value, ENVELOPE);
        } catch (Exception e) {
            Log.warnf("skipping an unreadable record of upload-job.progress: %s", e.getMessage());
            return;
        }
        if (EventTypes.JOB_PROGRESS.equals(event.eventType()) && event.data() != null) {
            hub.onNext(event);
        }
    }
}
