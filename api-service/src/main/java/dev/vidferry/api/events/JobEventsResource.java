package dev.vidferry.api.events;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
 * Live progress of one job of the caller as Server-Sent Events. A class of its own: JAX-RS would route
 * {@code /api/v1/jobs/{id}/events} to the resource with the longest literal path ({@code JobResource}) otherwise.
 */
@Path("/api/v1/jobs/{id}/events")
@RolesAllowed(Roles.USER)
@Tag(name = "Events")
public class JobEventsResource {

    private final LiveStreams streams;
    private final JsonWebToken token;

    public JobEventsResource(LiveStreams streams, JsonWebToken token) {
        this.streams = streams;
        this.token = token;
    }

    /** The job's state, then its events until it is completed, failed or cancelled; 404 when not the caller's. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "The stream (text/event-stream): state, progress events,"
            + " heartbeat comments", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, examples = @ExampleObject(name = "example", value = SseExample.VALUE)))
    @APIResponse(responseCode = "404", description = "No such job of the caller")
    @Operation(summary = "Follow one job live (text/event-stream)")
    public Multi<OutboundSseEvent> job(@PathParam("id") String id, @Context Sse sse) {
        // JobStreamAccess has answered 404 already when the job is not the caller's (an SSE response starts at once)
        return streams.job(Owners.of(token), id, sse);
    }

}
