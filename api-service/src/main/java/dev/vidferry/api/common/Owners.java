package dev.vidferry.api.common;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

/** The owner of everything a request touches: the bearer token's subject. */
public final class Owners {

    private Owners() {
    }

    public static String of(JsonWebToken token) {
        String subject = token == null ? null : token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException();
        }
        return subject;
    }
}
