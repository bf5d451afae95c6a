package dev.vidferry.api.folder;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.api.common.Owners;
import dev.vidferry.model.api.FolderEnqueueRequest;
import dev.vidferry.model.api.FolderEnqueueResponse;
import dev.vidferry.model.api.FolderScanResponse;

/** One-off folder uploads: preview a Drive folder's videos, or queue them all in one transaction. */
@Path("/api/v1/folders/{folderId}")
@RolesAllowed(Roles.USER)
@Tag(name = "Folders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FolderResource {

    static final String REQUEST_EXAMPLE = "{\"recursive\":true,\"maxFiles\":500,\"skipDuplicates\":true,"
            + "\"settings\":{\"titleTemplate\":\"{folder} - {filename}\",\"descriptionTemplate\":"
            + "\"From {folder_path}, queued {upload_date}\",\"includeMd5Marker\":true,\"privacyStatus\":\"private\","
            + "\"categoryId\":\"22\",\"tags\":[\"holiday\"],\"madeForKids\":false,\"notifySubscribers\":false}}";
    static final String ENQUEUE_EXAMPLE = "{\"batchId\":\"folder-5f0c7e8a-1b2c-4d3e-9f40-112233445566\","
            + "\"addedCount\":1,\"skippedCount\":1,\"jobs\":[{\"jobId\":\"9b2f7a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b\","
            + "\"fileId\":\"1a2b3c\",\"fileName\":\"beach.mp4\",\"folderPath\":\"2025/Spring\","
            + "\"title\":\"Spring - beach\"}],\"skipped\":[{\"fileId\":\"4d5e6f\",\"fileName\":\"beach copy.mp4\","
            + "\"folderPath\":\"2025/Spring\",\"reason\":\"duplicate_md5_queued\"}],\"warnings\":[],\"driveCalls\":4}";
    static final String SCAN_EXAMPLE = "{\"folderId\":\"0AbCdEf\",\"rootFolderName\":\"Holidays\",\"videos\":["
            + "{\"fileId\":\"1a2b3c\",\"name\":\"beach.mp4\",\"folderPath\":\"2025/Spring\",\"size\":3145728,"
            + "\"md5\":\"9e107d9d372bb6826bd81d3542a419d6\",\"mimeType\":\"video/mp4\",\"skipReason\":null,"
            + "\"title\":\"Spring - beach\",\"description\":\"From 2025/Spring, queued 2026-12-01\",\"changes\":[],"
            + "\"warnings\":[]}],\"wouldAdd\":1,\"wouldSkip\":0,\"videosOverLimit\":0,\"nonVideos\":2,"
            + "\"sidecars\":0,\"manifests\":0,\"foldersScanned\":3,\"warnings\":[],\"driveCalls\":4}";

    private final FolderService service;
    private final JsonWebToken token;

    public FolderResource(FolderService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @POST
    @Path("scan")
    @Operation(summary = "Preview a folder upload: the videos found, the title and description each would get, "
            + "and why some would be skipped; nothing is queued")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FolderEnqueueRequest.class), examples = @ExampleObject(name = "example", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "What an enqueue would do now", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FolderScanResponse.class), examples = @ExampleObject(name = "example", value = SCAN_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "maxFiles out of 1-10000, an unknown placeholder or another bad setting (names the field, e.g. settings.titleTemplate)")
    @APIResponse(responseCode = "403", description = "Drive refuses the caller's Google account this folder")
    @APIResponse(responseCode = "422", description = "A body value has the wrong JSON type (names the field)")
    @APIResponse(responseCode = "404", description = "No folder with this id is visible to the caller's Google account (names folderId)")
    @APIResponse(responseCode = "409", description = "No Google account connected, or it must be reconnected")
    @APIResponse(responseCode = "429", description = "Google's quota for vidferry is used up")
    @APIResponse(responseCode = "503", description = "Google Drive could not be reached")
    public Uni<FolderScanResponse> scan(
            @Parameter(description = "a Drive folder id, a shared drive's id, or root (My Drive)") @PathParam("folderId") String folderId,
            FolderEnqueueRequest request) {
        return service.scan(Owners.of(token), folderId, request);
    }

    @POST
    @Path("enqueue")
    @Operation(summary = "Queue every video of a Drive folder (one transaction); duplicates and files with a bad "
            + "sidecar are skipped and listed")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FolderEnqueueRequest.class), examples = @ExampleObject(name = "example", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "What was queued and what was skipped", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FolderEnqueueResponse.class), examples = @ExampleObject(name = "example", value = ENQUEUE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "maxFiles out of 1-10000, an unknown placeholder or another bad setting (names the field, e.g. settings.titleTemplate)")
    @APIResponse(responseCode = "403", description = "Drive refuses the caller's Google account this folder")
    @APIResponse(responseCode = "422", description = "A body value has the wrong JSON type (names the field)")
    @APIResponse(responseCode = "404", description = "No folder with this id is visible to the caller's Google account (names folderId)")
    @APIResponse(responseCode = "409", description = "No Google account connected, or it must be reconnected")
    @APIResponse(responseCode = "429", description = "Google's quota for vidferry is used up")
    @APIResponse(responseCode = "503", description = "Google Drive or the database could not be reached")
    public Uni<FolderEnqueueResponse> enqueue(
            @Parameter(description = "a Drive folder id, a shared drive's id, or root (My Drive)") @PathParam("folderId") String folderId,
            FolderEnqueueRequest request) {
        return service.enqueue(Owners.of(token), folderId, request);
    }
}
