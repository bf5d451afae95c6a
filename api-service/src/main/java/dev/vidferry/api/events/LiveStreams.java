package dev.vidferry.api.events;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.vidferry.api.job.JobService;
import dev.vidferry.model.api.JobView;
import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStage;

/**
 * Builds the SSE streams of one caller: the {@link ProgressHub}'s events of the caller's jobs, after the current state
 * from the database where a stream needs it (every per-job stream; an all-jobs stream that reconnects with
 * {@code Last-Event-ID}), with heartbeat comments. Each client is a subscription to the hub, a Vert.x timer and a
 * bounded buffer: a client that falls {@code client-buffer} events behind is dropped (and reconnects).
 */
@ApplicationScoped
public class LiveStreams {

    /** SSE event name of a live event relayed from Kafka. */
    public static final String PROGRESS = "progress";
    /** SSE event name of a job's current state read from the database. */
    public static final String STATE = "state";

    private final ProgressHub hub;
    private final JobService jobs;
    private final EventsConfig config;
    private final Vertx vertx;
    private final ObjectMapper mapper;

    public LiveStreams(ProgressHub hub, JobService jobs, EventsConfig config, Vertx vertx, ObjectMapper mapper) {
        this.hub = hub;
        this.jobs = jobs;
        this.config = config;
        this.vertx = vertx;
        this.mapper = mapper;
    }

    /** The job when it is {@code ownerId}'s; fails with the API's 404 otherwise. */
    public Uni<JobView> requireOwned(String ownerId, String jobId) {
        return jobs.get(ownerId, jobId);
    }

    /**
     * One job of {@code ownerId}: its state now (fails with 404 when it is not the caller's), then its live events;
     * completes after a terminal status (at once when the job is already finished).
     */
    public Multi<OutboundSseEvent> job(String ownerId, String jobId, Sse sse) {
        UUID id = parseOrNull(jobId);
        Predicate<EventEnvelope<JobProgress>> mine = event -> event.jobId().equals(id)
                && ownerId.equals(event.data().ownerId());
        return stream(sse, mine, () -> jobs.get(ownerId, jobId).map(view -> List.of(stateOf(ownerId, view))), true);
    }

    /**
     * Every job of {@code ownerId}, live. With a {@code Last-Event-ID} it first sends the current state of the
     * caller's most recent jobs ({@code catch-up-jobs}) changed since that event, so a reconnect misses nothing.
     */
    public Multi<OutboundSseEvent> all(String ownerId, String lastEventId, Sse sse) {
        Instant since = SseIds.timeOf(lastEventId);
        Predicate<EventEnvelope<JobProgress>> mine = event -> ownerId.equals(event.data().ownerId());
        Supplier<Uni<List<EventEnvelope<JobProgress>>>> catchUp = since == null
                ? () -> Uni.createFrom().item(List.of())
                : () -> jobs.list(ownerId, null, null, null, Integer.toString(config.catchUpJobs()))
                        .map(page -> page.items().stream().filter(view -> !view.updatedAt().isBefore(since))
                                .map(view -> stateOf(ownerId, view)).toList());
        return stream(sse, mine, catchUp, false);
    }

    private Multi<OutboundSseEvent> stream(Sse sse, Predicate<EventEnvelope<JobProgress>> mine,
            Supplier<Uni<List<EventEnvelope<JobProgress>>>> catchUp, boolean closeOnTerminal) {
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> new LiveClient(emitter, sse, mapper, vertx,
                config, mine, closeOnTerminal).start(hub.events(), catchUp.get()))
                .onOverflow().buffer(config.clientBuffer());
    }

    /** A job's row as the event a consumer would have seen last (status, stage, bytes, outcome, attempt). */
    static EventEnvelope<JobProgress> stateOf(String ownerId, JobView view) {
        JobProgress state = JobProgress.statusChanged(new JobProgress.JobRef(view.id(), ownerId, view.attempt()),
                view.status(), view.stage() == null ? null : JobStage.valueOf(view.stage().toUpperCase(Locale.ROOT)),
                new JobProgress.Bytes(view.progress(), view.bytesTransferred(), view.totalBytes()), view.message(),
                new JobProgress.Outcome(view.videoId(), errorCode(view.errorCode()), view.nextAttemptAt()),
                view.updatedAt());
        return state.envelope();
    }

    static OutboundSseEvent toSse(Sse sse, ObjectMapper mapper, String name, EventEnvelope<JobProgress> event) {
        try {
            return sse.newEventBuilder().name(name).id(SseIds.of(event.occurredAt(), event.eventId()))
                    .data(mapper.writeValueAsString(event)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a progress event", e);
        }
    }

    private static ErrorCode errorCode(String name) {
        if (name == null) {
            return null;
        }
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static UUID parseOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null; // the state lookup answers 404
        }
    }
}
