package dev.vidferry.api.events;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Multi;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.api.common.Owners;

/**
 * Live progress of all the caller's jobs as Server-Sent Events (see docs/events.md, "Live progress over SSE"); one job:
 * {@link JobEventsResource}.
 */
@Path("/api/v1/events")
@RolesAllowed(Roles.USER)
@Tag(name = "Events")
public class EventsResource {

    private final LiveStreams streams;
    private final JsonWebToken token;

    public EventsResource(LiveStreams streams, JsonWebToken token) {
        this.streams = streams;
        this.token = token;
    }

    /** Events of all the caller's jobs; with Last-Event-ID, first the state of jobs changed since that event. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "The stream (text/event-stream): state, progress events,"
            + " heartbeat comments", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, examples = @ExampleObject(name = "example", value = SseExample.VALUE)))
    @Operation(summary = "Follow all your jobs live (text/event-stream)")
    public Multi<OutboundSseEvent> all(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        return streams.all(Owners.of(token), lastEventId, sse);
    }
}
