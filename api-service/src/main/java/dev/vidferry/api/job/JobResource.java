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
    public Uni<BulkCreateJobsResponse> createBulk(BulkCreateJobsRequest request, UriInfo uri) {
        return bulk.createBulk(Owners.of(token), request, uri.getPath());
    }

    /** The caller's jobs, newest first, with counts per status. */
    @GET
    @Operation(summary = "List the caller's jobs, newest first, with counts per status")
    public Uni<JobPage> list(@QueryParam("status") String status, @QueryParam("batchId") String batchId,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return service.list(Owners.scope(token, identity), status, batchId, cursor, limit);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of the caller's jobs")
    public Uni<JobView> get(@PathParam("id") String id) {
        return service.get(Owners.scope(token, identity), id);
    }

    /** 200 when cancelled now, 202 when a running job was asked to stop. */
    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a job (202 while a running job stops)")
    public Uni<RestResponse<JobView>> cancel(@PathParam("id") String id) {
        return service.cancel(Owners.scope(token, identity), id).map(outcome -> outcome.accepted()
                ? RestResponse.status(Response.Status.ACCEPTED, outcome.job())
                : RestResponse.ok(outcome.job()));
    }

    @POST
    @Path("{id}/retry")
    @Operation(summary = "Retry a failed or cancelled job")
    public Uni<JobView> retry(@PathParam("id") String id) {
        return service.retry(Owners.scope(token, identity), id);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a job that is not running")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return service.delete(Owners.scope(token, identity), id).map(x -> RestResponse.noContent());
    }

    /** Removes the caller's completed, failed and cancelled jobs. */
    @POST
    @Path("clear")
    @Operation(summary = "Delete the caller's completed, failed and cancelled jobs")
    public Uni<ClearJobsResponse> clear() {
        return service.clear(Owners.of(token));
    }
}
