package dev.vidferry.api.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.job.JobStatus;

/**
 * One SSE client. It subscribes to the hub <em>before</em> reading the database, holds the live events that arrive
 * meanwhile, sends the state, then the held events that are not older than it, then live ones: no gap between the
 * state and the stream. Heartbeats come from one Vert.x timer; everything is released when the stream ends.
 */
final class LiveClient {

    private static final Set<JobStatus> TERMINAL = EnumSet.of(JobStatus.COMPLETED, JobStatus.FAILED,
            JobStatus.CANCELLED);

    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final Sse sse;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final EventsConfig config;
    private final Predicate<EventEnvelope<JobProgress>> mine;
    private final boolean closeOnTerminal;
    private List<EventEnvelope<JobProgress>> held = new ArrayList<>();
    private Instant stateTime;
    private boolean done;

    LiveClient(MultiEmitter<? super OutboundSseEvent> emitter, Sse sse, ObjectMapper mapper, Vertx vertx,
            EventsConfig config, Predicate<EventEnvelope<JobProgress>> mine, boolean closeOnTerminal) {
        this.emitter = emitter;
        this.sse = sse;
        this.mapper = mapper;
        this.vertx = vertx;
        this.config = config;
        this.mine = mine;
        this.closeOnTerminal = closeOnTerminal;
    }

    void start(Multi<EventEnvelope<JobProgress>> live, Uni<List<EventEnvelope<JobProgress>>> states) {
        Cancellable subscription = live.subscribe().with(this::onLive, this::fail);
        long timer = vertx.setPeriodic(config.heartbeat().toMillis(), tick -> heartbeat());
        emitter.onTermination(() -> {
            subscription.cancel();
            vertx.cancelTimer(timer);
        });
        states.subscribe().with(this::onStates, this::fail);
    }

    private synchronized void onLive(EventEnvelope<JobProgress> event) {
        if (done || !mine.test(event)) {
            return;
        }
        if (held == null) {
            send(LiveStreams.PROGRESS, event);
        } else if (held.size() < config.clientBuffer()) {
            held.add(event);
        } else {
            fail(new BackPressureFailure("the client fell behind while its state was read"));
        }
    }

    private synchronized void onStates(List<EventEnvelope<JobProgress>> states) {
        for (EventEnvelope<JobProgress> state : states) {
            send(LiveStreams.STATE, state);
            stateTime = stateTime == null || state.occurredAt().isAfter(stateTime) ? state.occurredAt() : stateTime;
        }
        List<EventEnvelope<JobProgress>> waiting = held;
        held = null;
        for (EventEnvelope<JobProgress> event : waiting) {
            // a per-job stream drops what its state already contains; an all-jobs catch-up keeps everything
            if (!closeOnTerminal || stateTime == null || !event.occurredAt().isBefore(stateTime)) {
                send(LiveStreams.PROGRESS, event);
            }
        }
    }

    private void send(String name, EventEnvelope<JobProgress> event) {
        if (done) {
            return;
        }
        emitter.emit(LiveStreams.toSse(sse, mapper, name, event));
        if (closeOnTerminal && TERMINAL.contains(event.data().status())) {
            done = true;
            emitter.complete();
        }
    }

    private synchronized void heartbeat() {
        if (!done) {
            emitter.emit(sse.newEventBuilder().comment("heartbeat").build());
        }
    }

    private synchronized void fail(Throwable failure) {
        if (!done) {
            done = true;
            emitter.fail(failure);
        }
    }
}
