package dev.vidferry.api.google;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.Owners;
import dev.vidferry.model.api.GoogleAccountList;
import dev.vidferry.model.api.GoogleAccountSummary;

/** Connecting Google in the browser, and the caller's connected accounts (channels). */
@Path("/api/v1/google")
@Tag(name = "Google account")
@Produces(MediaType.APPLICATION_JSON)
public class GoogleConsentResource {

    private final ConsentService consent;
    private final GoogleAccountsService accounts;
    private final JsonWebToken token;

    public GoogleConsentResource(ConsentService consent, GoogleAccountsService accounts, JsonWebToken token) {
        this.consent = consent;
        this.accounts = accounts;
        this.token = token;
    }

    @GET
    @Path("connect")
    @RolesAllowed(Roles.USER)
    @Operation(summary = "Start connecting a Google account: 302 to Google's consent screen")
    @APIResponse(responseCode = "302", description = "To Google's consent screen (state and PKCE challenge in the query)", headers = @Header(name = "Location", description = "Google's authorize URL", schema = @Schema(type = SchemaType.STRING, format = "uri", example = "https://accounts.google.com/o/oauth2/v2/auth?response_type=code&client_id=vidferry&state=s1&code_challenge=c1&code_challenge_method=S256")))
    public Uni<Response> connect() {
        return consent.start(Owners.of(token)).map(uri -> Response.status(302).location(uri)
                .header("Cache-Control", "no-store").build());
    }

    /** No bearer token here: Google's redirect carries none; the single-use state says whose consent it is. */
    @GET
    @Path("callback")
    @PermitAll
    @Operation(summary = "Google's redirect after consent: stores the account (the state identifies the user)")
    @APIResponse(responseCode = "200", description = "The connected account", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GoogleAccountSummary.class), examples = @ExampleObject(name = "example", value = "{\"id\":\"0b4f6c1e-8d2a-4c57-9a53-3f1e2d7c9b10\",\"isDefault\":true,\"status\":\"connected\",\"statusReason\":null,\"scopes\":[\"https://www.googleapis.com/auth/drive.readonly\",\"https://www.googleapis.com/auth/youtube.upload\"],\"missingScopes\":[],\"email\":\"alice@example.com\",\"channelId\":\"UCx1\",\"channelTitle\":\"Alice\",\"connectedAt\":\"2026-12-01T10:00:00Z\",\"updatedAt\":\"2026-12-01T10:00:00Z\"}")))
    @APIResponse(responseCode = "303", description = "A browser that started from the dashboard (Accept: text/html) goes back to the dashboard's accounts page, which says how it went (?connected or ?problem=<type>)", headers = @Header(name = "Location", description = "The dashboard's accounts page", schema = @Schema(type = SchemaType.STRING, example = "/ui/accounts?connected=UCx1")))
    @APIResponse(responseCode = "400", description = "Unknown, used or expired state, or the user denied consent")
    @APIResponse(responseCode = "422", description = "A required scope, offline access or the YouTube channel is missing")
    public Uni<Response> callback(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error, @HeaderParam("Accept") String accept) {
        Uni<GoogleAccountSummary> done = consent.complete(state, code, error);
        if (!ConsentPages.wantsPage(accept)) {
            return done.map(account -> Response.ok(account).type(MediaType.APPLICATION_JSON_TYPE).build());
        }
        return done.map(ConsentPages::connected).onFailure(ApiException.class)
                .recoverWithItem(e -> ConsentPages.refused((ApiException) e));
    }

    @GET
    @Path("accounts")
    @RolesAllowed(Roles.USER)
    @Operation(summary = "The caller's Google accounts with channel, scopes and status; never a token")
    @APIResponse(responseCode = "200", description = "The caller's accounts (empty when none)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GoogleAccountList.class), examples = @ExampleObject(name = "example", value = "{\"items\":[{\"id\":\"0b4f6c1e-8d2a-4c57-9a53-3f1e2d7c9b10\",\"isDefault\":true,\"status\":\"connected\",\"statusReason\":null,\"scopes\":[\"https://www.googleapis.com/auth/drive.readonly\",\"https://www.googleapis.com/auth/youtube.upload\"],\"missingScopes\":[],\"email\":\"alice@example.com\",\"channelId\":\"UCx1\",\"channelTitle\":\"Alice\",\"connectedAt\":\"2026-12-01T10:00:00Z\",\"updatedAt\":\"2026-12-01T10:00:00Z\"}]}")))
    public Uni<GoogleAccountList> list() {
        return accounts.list(Owners.of(token));
    }

    @PUT
    @Path("accounts/{id}/default")
    @RolesAllowed(Roles.USER)
    @Operation(summary = "Make this account the one jobs without googleAccountId use")
    @APIResponse(responseCode = "200", description = "The account, now the default", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GoogleAccountSummary.class), examples = @ExampleObject(name = "example", value = "{\"id\":\"0b4f6c1e-8d2a-4c57-9a53-3f1e2d7c9b10\",\"isDefault\":true,\"status\":\"connected\",\"statusReason\":null,\"scopes\":[\"https://www.googleapis.com/auth/drive.readonly\",\"https://www.googleapis.com/auth/youtube.upload\"],\"missingScopes\":[],\"email\":\"alice@example.com\",\"channelId\":\"UCx1\",\"channelTitle\":\"Alice\",\"connectedAt\":\"2026-12-01T10:00:00Z\",\"updatedAt\":\"2026-12-01T10:00:00Z\"}")))
    @APIResponse(responseCode = "404", description = "No such account of the caller")
    public Uni<GoogleAccountSummary> makeDefault(@PathParam("id") String id) {
        return accounts.makeDefault(Owners.of(token), id);
    }
}
