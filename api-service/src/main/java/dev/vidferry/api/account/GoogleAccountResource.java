package dev.vidferry.api.account;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.api.common.Owners;
import dev.vidferry.api.google.GoogleAccountsService;
import dev.vidferry.model.api.ConnectGoogleAccountRequest;
import dev.vidferry.model.api.GoogleAccountView;

/** The caller's Google connection. */
@Path("/api/v1/google/account")
@RolesAllowed(Roles.USER)
@Tag(name = "Google account")
@Produces(MediaType.APPLICATION_JSON)
public class GoogleAccountResource {

    private final GoogleAccountService service;
    private final GoogleAccountsService accounts;
    private final JsonWebToken token;

    public GoogleAccountResource(GoogleAccountService service, GoogleAccountsService accounts, JsonWebToken token) {
        this.service = service;
        this.accounts = accounts;
        this.token = token;
    }

    /** Forgets one of the caller's accounts and revokes its grant at Google; someone else's id answers 404. */
    @DELETE
    @Path("{id}")
    @Operation(summary = "Disconnect one of the caller's Google accounts (revokes the grant at Google)")
    @APIResponse(responseCode = "204", description = "Disconnected (another account became the default if this one was)")
    @APIResponse(responseCode = "404", description = "No such account of the caller")
    public Uni<RestResponse<Void>> disconnect(@PathParam("id") String id) {
        return accounts.disconnect(Owners.of(token), id).map(x -> RestResponse.noContent());
    }

    /** Stores a Google refresh token (verified with Google first, encrypted at rest). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connect Google with a refresh token (verified, stored encrypted)")
    @APIResponse(responseCode = "200", description = "Connected", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GoogleAccountView.class), examples = @ExampleObject(name = "example", value = "{\"status\":\"active\",\"scopes\":[\"https://www.googleapis.com/auth/drive.readonly\",\"https://www.googleapis.com/auth/youtube.upload\"],\"email\":\"alice@example.com\",\"channelId\":\"UCx1\",\"channelTitle\":\"Alice\"}")))
    @APIResponse(responseCode = "422", description = "refreshToken missing, malformed, or refused by Google (names refreshToken)")
    public Uni<GoogleAccountView> connect(ConnectGoogleAccountRequest request) {
        return service.connect(Owners.of(token), request);
    }

    /** Status and scopes of the caller's Google connection; never a token. */
    @GET
    @Operation(summary = "The caller's Google connection, without tokens")
    @APIResponse(responseCode = "200", description = "The connection (status not_connected when none)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GoogleAccountView.class), examples = @ExampleObject(name = "example", value = "{\"status\":\"active\",\"scopes\":[\"https://www.googleapis.com/auth/drive.readonly\",\"https://www.googleapis.com/auth/youtube.upload\"],\"email\":\"alice@example.com\",\"channelId\":\"UCx1\",\"channelTitle\":\"Alice\"}")))
    public Uni<GoogleAccountView> get() {
        return service.view(Owners.of(token));
    }
}
