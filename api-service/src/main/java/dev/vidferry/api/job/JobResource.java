package dev.vidferry.api.job;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.api.common.Owners;
import dev.vidferry.model.api.BulkCreateJobsRequest;
import dev.vidferry.model.api.BulkCreateJobsResponse;
import dev.vidferry.model.api.ClearJobsResponse;
import dev.vidferry.model.api.CreateJobRequest;
import dev.vidferry.model.api.JobPage;
import dev.vidferry.model.api.JobView;

/** Upload jobs of the caller. */
@Path("/api/v1/jobs")
@RolesAllowed(Roles.USER)
@Tag(name = "Jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    static final String JOB_EXAMPLE = "{\"id\":\"9b2f7a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b\",\"status\":\"pending\","
            + "\"driveFileId\":\"1a2b3c\",\"fileName\":\"holiday-01.mp4\",\"sizeBytes\":3145728,"
            + "\"progress\":0,\"metadata\":{\"title\":\"Holiday\",\"privacyStatus\":\"private\"}}";

    private final JobService service;
    private final BulkJobService bulk;
    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public JobResource(JobService service, BulkJobService bulk, JsonWebToken token, SecurityIdentity identity) {
        this.identity = identity;
        this.service = service;
        this.bulk = bulk;
        this.token = token;
    }

    /** Queues one Drive file; 201 with Location. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue one Drive file for YouTube")
    @APIResponse(responseCode = "201", description = "Created; Location names the job", headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "Location", description = "the job's URL"), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class), examples = @ExampleObject(name = "example", value = JobResource.JOB_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "The Drive file is missing, trashed or not visible to the caller's Google account (names driveFileId)")
    @APIResponse(responseCode = "409", description = "already-queued: the Drive file already has a live job (existingJobId names it); or no Google account connected, or it must be reconnected")
    @APIResponse(responseCode = "422", description = "Invalid metadata, or the Drive file is not a video, not downloadable or too large (names the field)")
    public Uni<Response> create(CreateJobRequest request, UriInfo uri) {
        return service.create(Owners.of(token), request).map(job -> Response
                .created(uri.getBaseUriBuilder().path("api/v1/jobs").path(job.id().toString()).build())
                .entity(job).build());
    }

    /** Queues several files in one transaction; each refused item is listed with its problem. */
    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue several Drive files; refused items are listed, the others are created together")
    @APIResponse(responseCode = "200", description = "Per-item results; every created item was committed in one transaction", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkCreateJobsResponse.class), examples = @ExampleObject(name = "example", value = "{\"created\":1,\"failed\":0,\"results\":[{\"index\":0,\"status\":201,\"job\":"
            + JOB_EXAMPLE + "}]}")))
    @APIResponse(responseCode = "409", description = "No Google account connected, or it must be reconnected")
    @APIResponse(responseCode = "422", description = "No items, too many items, or text that cannot be stored anywhere in the body")
    public Uni<BulkCreateJobsResponse> createBulk(BulkCreateJobsRequest request, UriInfo uri) {
        return bulk.createBulk(Owners.of(token), request, uri.getPath());
    }

    /** The caller's jobs, newest first, with counts per status. */
    @GET
    @Operation(summary = "List the caller's jobs, newest first, with counts per status")
    @APIResponse(responseCode = "200", description = "One page", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobPage.class), examples = @ExampleObject(name = "example", value = "{\"items\":["
            + JOB_EXAMPLE
            + "],\"nextCursor\":null,\"counts\":{\"pending\":1,\"downloading\":0,\"uploading\":0,\"deferred\":0,\"completed\":0,\"failed\":0,\"cancelled\":0},\"total\":1}")))
    public Uni<JobPage> list(@QueryParam("status") String status, @QueryParam("batchId") String batchId,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return service.list(Owners.scope(token, identity), status, batchId, cursor, limit);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of the caller's jobs")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class), examples = @ExampleObject(name = "example", value = JobResource.JOB_EXAMPLE)))
    public Uni<JobView> get(@PathParam("id") String id) {
        return service.get(Owners.scope(token, identity), id);
    }

    /** 200 when cancelled now, 202 when a running job was asked to stop. */
    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a job (202 while a running job stops)")
    @APIResponse(responseCode = "200", description = "Cancelled now (it was pending or deferred)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class), examples = @ExampleObject(name = "example", value = JobResource.JOB_EXAMPLE)))
    @APIResponse(responseCode = "202", description = "A running job was asked to stop; cancelRequestedAt is set", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class), examples = @ExampleObject(name = "example", value = JobResource.JOB_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "The job is already finished")
    public Uni<RestResponse<JobView>> cancel(@PathParam("id") String id) {
        return service.cancel(Owners.scope(token, identity), id).map(outcome -> outcome.accepted()
                ? RestResponse.status(Response.Status.ACCEPTED, outcome.job())
                : RestResponse.ok(outcome.job()));
    }

    @POST
    @Path("{id}/retry")
    @Operation(summary = "Retry a failed or cancelled job")
    @APIResponse(responseCode = "200", description = "Pending again, attempts reset, dispatched", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class), examples = @ExampleObject(name = "example", value = JobResource.JOB_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "Only failed or cancelled jobs can be retried; already-queued when another live job has the same Drive file (existingJobId)")
    public Uni<JobView> retry(@PathParam("id") String id) {
        return service.retry(Owners.scope(token, identity), id);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a job that is not running")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The job is downloading or uploading: cancel it first")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return service.delete(Owners.scope(token, identity), id).map(x -> RestResponse.noContent());
    }

    /** Removes the caller's completed, failed and cancelled jobs. */
    @POST
    @Path("clear")
    @Operation(summary = "Delete the caller's completed, failed and cancelled jobs")
    @APIResponse(responseCode = "200", description = "How many jobs were deleted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClearJobsResponse.class), examples = @ExampleObject(name = "example", value = "{\"deleted\":3}")))
    public Uni<ClearJobsResponse> clear() {
        return service.clear(Owners.of(token));
    }
}
