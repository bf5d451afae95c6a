package dev.vidferry.emulator.oidc;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;

/** A tiny endpoint protected by quarkus-oidc, only in tests: proves emulator tokens validate like Google's. */
@Path("/protected")
@Authenticated
public class ProtectedResource {

    @Inject
    JsonWebToken jwt;

    @GET
    public String me() {
        return jwt.getClaim("email");
    }
}
