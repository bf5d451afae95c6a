package dev.vidferry.api.history;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.api.common.Owners;
import dev.vidferry.model.api.HistoryPage;

/** The caller's upload history, newest first. */
@Path("/api/v1/history")
@RolesAllowed(Roles.USER)
@Tag(name = "History")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    private final HistoryService service;
    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public HistoryResource(HistoryService service, JsonWebToken token, SecurityIdentity identity) {
        this.service = service;
        this.token = token;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The caller's successful uploads, newest first")
    @APIResponse(responseCode = "200", description = "One page", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryPage.class), examples = @ExampleObject(name = "example", value = "{\"items\":[{\"videoId\":\"dQw4w9WgXcQ\",\"title\":\"Holiday\",\"uploadedAt\":\"2026-11-30T10:00:00Z\"}],\"nextCursor\":null}")))
    public Uni<HistoryPage> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return service.list(Owners.scope(token, identity), cursor, limit);
    }
}
