package dev.vidferry.api.common;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

import dev.vidferry.api.auth.Roles;

/** The owner of everything a request touches: the bearer token's subject. */
public final class Owners {

    private Owners() {
    }

    /**
     * Whose data a read or change of existing jobs and history may reach: the caller's own, or everyone's (null) for
     * an {@code admin}. Creating always uses {@link #of}.
     */
    public static String scope(JsonWebToken token, SecurityIdentity identity) {
        String owner = of(token);
        return identity != null && identity.hasRole(Roles.ADMIN) ? null : owner;
    }

    public static String of(JsonWebToken token) {
        String subject = token == null ? null : token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException();
        }
        return subject;
    }
}
