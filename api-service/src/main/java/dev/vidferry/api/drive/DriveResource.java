package dev.vidferry.api.drive;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.api.common.Owners;
import dev.vidferry.model.api.DriveItem;
import dev.vidferry.model.api.DriveItemPage;

/** Browsing the caller's Google Drive (My Drive and shared drives) to pick files for jobs. */
@Path("/api/v1/drive/files")
@RolesAllowed(Roles.USER)
@Tag(name = "Drive")
@Produces(MediaType.APPLICATION_JSON)
public class DriveResource {

    static final String ITEM_EXAMPLE = "{\"id\":\"1a2b3c\",\"name\":\"holiday-01.mp4\",\"kind\":\"video\","
            + "\"mimeType\":\"video/mp4\",\"size\":3145728,\"md5Checksum\":\"9e107d9d372bb6826bd81d3542a419d6\","
            + "\"modifiedTime\":\"2026-11-30T10:00:00Z\",\"driveId\":null,\"targetId\":null,\"canDownload\":true}";

    private final DriveService service;
    private final JsonWebToken token;

    public DriveResource(DriveService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @GET
    @Operation(summary = "List a Drive folder: folders and videos (or everything), shortcuts shown as their target; "
            + "the first page of root starts with the shared drives")
    @APIResponse(responseCode = "200", description = "One page; follow nextPageToken (pages may be short)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DriveItemPage.class), examples = @ExampleObject(name = "page", value = "{\"items\":["
            + ITEM_EXAMPLE
            + "],\"nextPageToken\":\"100\"}")))
    @APIResponse(responseCode = "404", description = "No folder with this id is visible to the caller's Google account")
    @APIResponse(responseCode = "409", description = "No Google account connected, or it must be reconnected")
    @APIResponse(responseCode = "422", description = "folderId names a file, not a folder")
    @APIResponse(responseCode = "429", description = "Google's quota for vidferry is used up")
    public Uni<DriveItemPage> list(
            @Parameter(description = "folder id, a shared drive's id, or root (default)") @QueryParam("folderId") String folderId,
            @Parameter(description = "only folders and videos (default true)") @QueryParam("videoOnly") String videoOnly,
            @Parameter(description = "nextPageToken of the previous page") @QueryParam("pageToken") String pageToken,
            @Parameter(description = "1-1000, default 100") @QueryParam("pageSize") String pageSize) {
        return service.list(Owners.of(token), folderId, videoOnly, pageToken, pageSize);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One Drive item (a shortcut shown as its target)")
    @APIResponse(responseCode = "200", description = "The item", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DriveItem.class), examples = @ExampleObject(name = "video", value = ITEM_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Missing, trashed or invisible to the caller's Google account")
    @APIResponse(responseCode = "409", description = "No Google account connected, or it must be reconnected")
    @APIResponse(responseCode = "429", description = "Google's quota for vidferry is used up")
    public Uni<DriveItem> get(@PathParam("id") String id) {
        return service.get(Owners.of(token), id);
    }
}
