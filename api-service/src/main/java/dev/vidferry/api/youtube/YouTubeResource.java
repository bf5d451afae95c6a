package dev.vidferry.api.youtube;

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
import dev.vidferry.model.api.YouTubeChannelView;
import dev.vidferry.model.api.YouTubeVideoPage;
import dev.vidferry.model.api.YouTubeVideoView;

/** The caller's YouTube channel and its uploads; every call is booked in the quota ledger (1 unit each). */
@Path("/api/v1/youtube")
@RolesAllowed(Roles.USER)
@Tag(name = "YouTube")
@Produces(MediaType.APPLICATION_JSON)
public class YouTubeResource {

    private final YouTubeService service;
    private final JsonWebToken token;

    public YouTubeResource(YouTubeService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @GET
    @Path("channel")
    @Operation(summary = "The caller's YouTube channel (channels.list, 1 unit)")
    @APIResponse(responseCode = "200", description = "The channel", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = YouTubeChannelView.class), examples = @ExampleObject(name = "channel", value = "{\"id\":\"UCx1\",\"title\":\"Alice\","
            + "\"customUrl\":\"@alice\",\"uploadsPlaylistId\":\"UUx1\"}")))
    @APIResponse(responseCode = "409", description = "No Google account, it must be reconnected, or it has no channel")
    @APIResponse(responseCode = "429", description = "vidferry's YouTube quota is used up until the Pacific midnight")
    public Uni<YouTubeChannelView> channel() {
        return service.channel(Owners.of(token));
    }

    @GET
    @Path("videos")
    @Operation(summary = "The caller's uploads, newest first (uploads playlist: channels.list + playlistItems.list, "
            + "2 units; never search.list)")
    @APIResponse(responseCode = "200", description = "One page; follow nextPageToken", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = YouTubeVideoPage.class), examples = @ExampleObject(name = "page", value = "{\"items\":[{\"id\":\"dQw4w9WgXcQ\","
            + "\"title\":\"holiday-01\",\"position\":0,\"publishedAt\":\"2026-11-30T10:00:00Z\"}],"
            + "\"nextPageToken\":\"EAAa25\",\"totalResults\":40}")))
    @APIResponse(responseCode = "409", description = "No Google account, it must be reconnected, or it has no channel")
    @APIResponse(responseCode = "429", description = "vidferry's YouTube quota is used up until the Pacific midnight")
    public Uni<YouTubeVideoPage> videos(
            @Parameter(description = "nextPageToken of the previous page") @QueryParam("pageToken") String pageToken,
            @Parameter(description = "1-50, default 25") @QueryParam("pageSize") String pageSize) {
        return service.uploads(Owners.of(token), pageToken, pageSize);
    }

    @GET
    @Path("videos/{id}")
    @Operation(summary = "One YouTube video the caller may see (videos.list, 1 unit)")
    @APIResponse(responseCode = "200", description = "The video", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = YouTubeVideoView.class), examples = @ExampleObject(name = "video", value = "{\"id\":\"dQw4w9WgXcQ\",\"channelId\":\"UCx1\","
            + "\"title\":\"holiday-01\",\"description\":\"\",\"privacyStatus\":\"private\","
            + "\"uploadStatus\":\"processed\",\"publishedAt\":\"2026-11-30T10:00:00Z\"}")))
    @APIResponse(responseCode = "404", description = "No such video, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "No Google account connected, or it must be reconnected")
    @APIResponse(responseCode = "429", description = "vidferry's YouTube quota is used up until the Pacific midnight")
    public Uni<YouTubeVideoView> video(@PathParam("id") String id) {
        return service.video(Owners.of(token), id);
    }
}
