package dev.vidferry.api.ui;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.api.common.Owners;
import dev.vidferry.api.events.LiveStreams;
import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;

/**
 * The queue page's live feed: the caller's job events of {@code /api/v1/events} (same stream, same resume rules),
 * each rendered as the job's {@link JobLive} fragment for htmx' SSE extension ({@code sse-swap="job"}), which swaps
 * it in by id. The HTML comes from the Qute template, escaped like the page; heartbeats pass through. {@code since}
 * (epoch milliseconds, the page's render time) stands in for {@code Last-Event-ID} on the first connection.
 */
@Path("/ui/events")
@RolesAllowed(Roles.USER)
public class UiEventsResource {

    /** The SSE event name the queue page listens to. */
    static final String EVENT = "job";
    private static final TypeReference<EventEnvelope<JobProgress>> ENVELOPE = new TypeReference<>() {
    };

    private final LiveStreams streams;
    private final JsonWebToken token;
    private final ObjectMapper mapper;

    public UiEventsResource(LiveStreams streams, JsonWebToken token, ObjectMapper mapper) {
        this.streams = streams;
        this.token = token;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> events(@HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("since") String since, @Context Sse sse) {
        // the page's own render time: the first connection catches up on what changed after the page was read
        String resumeFrom = lastEventId != null
                ? lastEventId
                : since != null && since.matches("[0-9]{1,15}") ? since : null;
        return streams.all(Owners.of(token), resumeFrom, sse).map(event -> event.getName() == null
                ? event
                : sse.newEventBuilder().name(EVENT).id(event.getId()).data(fragment(event)).build());
    }

    private String fragment(OutboundSseEvent event) {
        try {
            EventEnvelope<JobProgress> envelope = mapper.readValue((String) event.getData(), ENVELOPE);
            // one line: an SSE data field ends at a line break
            return UiTemplates.queue$live(JobLive.of(envelope.data())).render().replace('\n', ' ').replace('\r', ' ');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a progress event", e);
        }
    }
}
