package dev.vidferry.api.quota;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.model.quota.QuotaUsage;

/** How much YouTube quota is left today (shared by every user: it belongs to vidferry's Google project). */
@Path("/api/v1/quota")
@RolesAllowed(Roles.USER)
@Tag(name = "Quota")
@Produces(MediaType.APPLICATION_JSON)
public class QuotaResource {

    private final QuotaService service;

    public QuotaResource(QuotaService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Today's YouTube quota per bucket: used, limit, remaining, exhausted, next reset (Pacific midnight)")
    @APIResponse(responseCode = "200", description = "Usage of vidferry's Google project today", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuotaUsage.class), examples = @ExampleObject(name = "example", value = "{\"projectId\":\"vidferry\",\"buckets\":[{\"bucket\":\"default\",\"used\":120,\"limit\":10000,\"remaining\":9880,\"exhausted\":false,\"resetsAt\":\"2026-12-02T08:00:00Z\"}],\"resetsAt\":\"2026-12-02T08:00:00Z\"}")))
    public Uni<QuotaUsage> today() {
        return service.today();
    }
}
