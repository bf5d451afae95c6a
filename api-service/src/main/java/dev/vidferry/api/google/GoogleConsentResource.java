package dev.vidferry.api.google;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.vidferry.api.auth.Roles;
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
    public Uni<Response> connect() {
        return consent.start(Owners.of(token)).map(uri -> Response.status(302).location(uri)
                .header("Cache-Control", "no-store").build());
    }

    /** No bearer token here: Google's redirect carries none; the single-use state says whose consent it is. */
    @GET
    @Path("callback")
    @PermitAll
    @Operation(summary = "Google's redirect after consent: stores the account (the state identifies the user)")
    public Uni<GoogleAccountSummary> callback(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error) {
        return consent.complete(state, code, error);
    }

    @GET
    @Path("accounts")
    @RolesAllowed(Roles.USER)
    @Operation(summary = "The caller's Google accounts with channel, scopes and status; never a token")
    public Uni<GoogleAccountList> list() {
        return accounts.list(Owners.of(token));
    }

    @PUT
    @Path("accounts/{id}/default")
    @RolesAllowed(Roles.USER)
    @Operation(summary = "Make this account the one jobs without googleAccountId use")
    public Uni<GoogleAccountSummary> makeDefault(@PathParam("id") String id) {
        return accounts.makeDefault(Owners.of(token), id);
    }
}
