package dev.vidferry.api.sync;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.api.common.Owners;
import dev.vidferry.model.api.SyncList;
import dev.vidferry.model.api.SyncRequest;
import dev.vidferry.model.api.SyncRunPage;
import dev.vidferry.model.api.SyncRunView;
import dev.vidferry.model.api.SyncView;

/**
 * Saved folder syncs: a Drive folder the scheduler-service scans on a cron (incrementally, through Drive's changes,
 * after the first run) and turns into upload jobs. Another user's sync is a 404; an admin sees and changes all.
 */
@Path("/api/v1/syncs")
@RolesAllowed(Roles.USER)
@Tag(name = "Folder syncs", description = "Saved Drive folder syncs run by the scheduler on a cron (Quartz syntax, "
        + "seconds first), their runs, and runs on demand")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {

    static final String REQUEST_EXAMPLE = "{\"name\":\"Holiday clips\",\"folderId\":\"1AbCdEfGhIjKlMnOp\","
            + "\"recursive\":true,\"cron\":\"0 0/15 * * * ?\",\"timezone\":\"Europe/Berlin\",\"maxFilesPerRun\":200,"
            + "\"settings\":{\"titleTemplate\":\"{folder} - {filename}\",\"descriptionTemplate\":\"From {folder_path}\","
            + "\"includeMd5Marker\":true,\"privacyStatus\":\"private\",\"tags\":[\"holiday\"]},\"enabled\":true}";
    static final String SYNC_EXAMPLE = "{\"id\":\"3f1c2b7a-9d4e-4c1a-8b2f-6e5d4c3b2a19\",\"ownerId\":\"alice\","
            + "\"name\":\"Holiday clips\",\"folderId\":\"1AbCdEfGhIjKlMnOp\",\"googleAccountId\":null,"
            + "\"recursive\":true,\"cron\":\"0 0/15 * * * ?\",\"timezone\":\"Europe/Berlin\",\"maxFilesPerRun\":200,"
            + "\"settings\":{\"titleTemplate\":\"{folder} - {filename}\",\"descriptionTemplate\":\"From {folder_path}\","
            + "\"includeMd5Marker\":true,\"privacyStatus\":\"private\",\"categoryId\":null,\"tags\":[\"holiday\"],"
            + "\"madeForKids\":null,\"notifySubscribers\":null,\"publishAt\":null,\"playlistId\":null},"
            + "\"enabled\":true,\"incremental\":false,\"nextRunAt\":\"2026-12-01T10:15:00Z\",\"lastRunAt\":null,"
            + "\"createdAt\":\"2026-12-01T10:02:11Z\",\"updatedAt\":\"2026-12-01T10:02:11Z\"}";
    static final String RUN_EXAMPLE = "{\"id\":\"8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d\","
            + "\"syncId\":\"3f1c2b7a-9d4e-4c1a-8b2f-6e5d4c3b2a19\",\"trigger\":\"schedule\",\"status\":\"succeeded\","
            + "\"mode\":\"incremental\",\"fullRequested\":false,\"requestedAt\":\"2026-12-01T10:15:00Z\","
            + "\"startedAt\":\"2026-12-01T10:15:00Z\",\"finishedAt\":\"2026-12-01T10:15:01Z\",\"added\":3,"
            + "\"skipped\":0,\"driveCalls\":1,\"batchId\":\"c0ffee00-1234-4abc-8def-000000000001\",\"error\":null,"
            + "\"warnings\":[]}";
    static final String QUEUED_EXAMPLE = "{\"id\":\"8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d\","
            + "\"syncId\":\"3f1c2b7a-9d4e-4c1a-8b2f-6e5d4c3b2a19\",\"trigger\":\"manual\",\"status\":\"queued\","
            + "\"mode\":null,\"fullRequested\":true,\"requestedAt\":\"2026-12-01T10:20:00Z\",\"startedAt\":null,"
            + "\"finishedAt\":null,\"added\":0,\"skipped\":0,\"driveCalls\":0,\"batchId\":null,\"error\":null,"
            + "\"warnings\":[]}";
    static final String INVALID = "A field breaks a rule, named in errors[].field: cron (Quartz syntax, at most once "
            + "a minute), timezone, maxFilesPerRun (1-10000), settings.titleTemplate (unknown placeholder), "
            + "settings.*, name, folderId, googleAccountId (not one of the caller's accounts)";

    private final SyncService service;
    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public SyncResource(SyncService service, JsonWebToken token, SecurityIdentity identity) {
        this.service = service;
        this.token = token;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a folder sync; it first runs at the cron's next time (or POST .../run)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncRequest.class), examples = @ExampleObject(name = "sync", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Saved", headers = @Header(name = "Location", description = "the sync's URL"), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncView.class), examples = @ExampleObject(name = "created", value = SYNC_EXAMPLE)))
    @APIResponse(responseCode = "400", description = INVALID)
    public Uni<Response> create(SyncRequest request, UriInfo uri) {
        return service.create(Owners.of(token), request).map(sync -> Response
                .created(uri.getBaseUriBuilder().path("api/v1/syncs").path(sync.id().toString()).build())
                .entity(sync).build());
    }

    @GET
    @Operation(summary = "The caller's folder syncs, oldest first (an admin: everyone's)")
    @APIResponse(responseCode = "200", description = "The syncs", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncList.class), examples = @ExampleObject(name = "syncs", value = "{\"items\":["
            + SYNC_EXAMPLE + "]}")))
    public Uni<SyncList> list() {
        return service.list(scope());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One folder sync")
    @APIResponse(responseCode = "200", description = "The sync", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncView.class), examples = @ExampleObject(name = "sync", value = SYNC_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such sync of the caller")
    public Uni<SyncView> get(@PathParam("id") String id) {
        return service.get(scope(), id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a folder sync: fields left out keep their value; another folder, recursion or "
            + "account makes the next run a full scan")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncRequest.class), examples = @ExampleObject(name = "change", value = "{\"cron\":\"0 0 6 * * ?\",\"enabled\":false}")))
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncView.class), examples = @ExampleObject(name = "sync", value = SYNC_EXAMPLE)))
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "404", description = "No such sync of the caller")
    public Uni<SyncView> update(@PathParam("id") String id, SyncRequest request) {
        return service.update(scope(), id, request);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a folder sync and its run records (jobs it queued stay)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such sync of the caller")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return service.delete(scope(), id).map(x -> RestResponse.noContent());
    }

    @POST
    @Path("{id}/run")
    @Operation(summary = "Run a sync now (also a disabled one): the run is queued and the scheduler-service starts "
            + "it within its tick (vidferry.sync.tick, 15 s), under the sync's lock like a scheduled run; follow it at "
            + "GET .../runs. Asking again while one waits returns the waiting run")
    @APIResponse(responseCode = "202", description = "Queued: the run's record, status queued", headers = @Header(name = "Location", description = "the sync's runs"), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncRunView.class), examples = @ExampleObject(name = "queued", value = QUEUED_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such sync of the caller")
    public Uni<Response> run(@PathParam("id") String id,
            @Parameter(description = "true: rescan the whole folder instead of reading Drive's changes") @QueryParam("full") String full,
            UriInfo uri) {
        return service.requestRun(scope(), id, full).map(run -> Response.accepted(run)
                .location(uri.getBaseUriBuilder().path("api/v1/syncs").path(id).path("runs").build()).build());
    }

    @GET
    @Path("{id}/runs")
    @Operation(summary = "A sync's latest runs, newest first: started, finished, added, skipped, error")
    @APIResponse(responseCode = "200", description = "The runs", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncRunPage.class), examples = @ExampleObject(name = "runs", value = "{\"items\":["
            + RUN_EXAMPLE + "]}")))
    @APIResponse(responseCode = "404", description = "No such sync of the caller")
    public Uni<SyncRunPage> runs(@PathParam("id") String id,
            @Parameter(description = "1-200, default 20") @QueryParam("limit") String limit) {
        return service.runs(scope(), id, limit);
    }

    private String scope() {
        return Owners.scope(token, identity);
    }
}
