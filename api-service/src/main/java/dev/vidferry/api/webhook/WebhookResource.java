package dev.vidferry.api.webhook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.api.common.Owners;
import dev.vidferry.model.api.CreateWebhookRequest;
import dev.vidferry.model.api.WebhookDeliveryPage;
import dev.vidferry.model.api.WebhookList;
import dev.vidferry.model.api.WebhookView;

/**
 * The caller's signed webhooks. vidferry POSTs each subscribed job event as a CloudEvent (structured JSON,
 * {@code application/cloudevents+json}) with the headers {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256(secret, timestamp + "." + body)>}.
 */
@Path("/api/v1/webhooks")
@RolesAllowed(Roles.USER)
@Tag(name = "Webhooks", description = "Signed job events over HTTPS: headers webhook-id, webhook-timestamp, "
        + "webhook-signature = v1,base64(HMAC-SHA256(key, timestamp + \".\" + body)), key = the base64 bytes after "
        + "whsec_ of the secret returned at creation")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    static final String HOOK_EXAMPLE = "{\"id\":\"5b0c2f8e-8a52-4a43-9c59-3f3f6f0f2d11\","
            + "\"url\":\"https://example.com/vidferry\",\"events\":[\"completed\",\"failed\"],\"status\":\"active\","
            + "\"consecutiveFailures\":0,\"createdAt\":\"2026-12-01T10:00:00Z\",\"disabledAt\":null,\"secret\":null}";

    private final WebhookService service;
    private final JsonWebToken token;

    public WebhookResource(WebhookService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook; the answer carries its signing secret, shown only this once")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreateWebhookRequest.class), examples = @ExampleObject(name = "hook", value = "{\"url\":\"https://example.com/vidferry\","
            + "\"events\":[\"completed\",\"failed\",\"deferred\",\"cancelled\"]}")))
    @APIResponse(responseCode = "201", description = "Registered", headers = @Header(name = "Location", description = "the hook's URL"), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class), examples = @ExampleObject(name = "created", value = "{\"id\":\"5b0c2f8e-8a52-4a43-9c59-3f3f6f0f2d11\","
            + "\"url\":\"https://example.com/vidferry\",\"events\":[\"completed\"],"
            + "\"status\":\"active\",\"consecutiveFailures\":0,\"createdAt\":\"2026-12-01T10:00:00Z\","
            + "\"disabledAt\":null,\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}")))
    @APIResponse(responseCode = "409", description = "The caller has the most webhooks allowed")
    @APIResponse(responseCode = "422", description = "url not https, private-network or unresolvable (names url); "
            + "unknown events")
    public Uni<Response> create(CreateWebhookRequest request, UriInfo uri) {
        return service.create(Owners.of(token), request).map(hook -> Response
                .created(uri.getBaseUriBuilder().path("api/v1/webhooks").path(hook.id().toString()).build())
                .entity(hook).build());
    }

    @GET
    @Operation(summary = "The caller's webhooks (without secrets)")
    @APIResponse(responseCode = "200", description = "The hooks", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookList.class), examples = @ExampleObject(name = "hooks", value = "{\"items\":["
            + HOOK_EXAMPLE + "]}")))
    public Uni<WebhookList> list() {
        return service.list(Owners.of(token));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One webhook (without its secret)")
    @APIResponse(responseCode = "200", description = "The hook", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class), examples = @ExampleObject(name = "hook", value = HOOK_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such webhook of the caller")
    public Uni<WebhookView> get(@PathParam("id") String id) {
        return service.get(Owners.of(token), id);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a webhook and its delivery records")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such webhook of the caller")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return service.delete(Owners.of(token), id).map(x -> RestResponse.noContent());
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "The webhook's latest deliveries, newest first: status, attempts, last answer or error")
    @APIResponse(responseCode = "200", description = "The deliveries", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookDeliveryPage.class), examples = @ExampleObject(name = "deliveries", value = "{\"items\":[{\"id\":"
            + "\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"eventId\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\","
            + "\"eventType\":\"dev.vidferry.job.progress.v1\",\"jobId\":\"9b2f7a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b\","
            + "\"status\":\"delivered\",\"attempts\":2,\"lastStatusCode\":200,\"lastError\":null,"
            + "\"createdAt\":\"2026-12-01T10:00:00Z\",\"lastAttemptAt\":\"2026-12-01T10:00:05Z\","
            + "\"nextAttemptAt\":\"2026-12-01T10:00:05Z\",\"deliveredAt\":\"2026-12-01T10:00:05Z\"}]}")))
    @APIResponse(responseCode = "404", description = "No such webhook of the caller")
    public Uni<WebhookDeliveryPage> deliveries(@PathParam("id") String id,
            @Parameter(description = "1-200, default 50") @QueryParam("limit") String limit) {
        return service.deliveries(Owners.of(token), id, limit);
    }
}
