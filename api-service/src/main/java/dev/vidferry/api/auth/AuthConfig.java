package dev.vidferry.api.auth;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may call the API beyond a valid bearer token (issuer, audience, signature and expiry are quarkus-oidc's
 * {@code quarkus.oidc.*}; the claim holding roles is {@code quarkus.oidc.roles.role-claim-path}).
 */
@ConfigMapping(prefix = "vidferry.auth")
public interface AuthConfig {

    /** A role (as the provider names it, in the role claim) every caller must carry; empty: any user token will do. */
    Optional<String> requiredRole();

    /** The provider's role that makes a caller an {@code admin} of vidferry. */
    @WithDefault("admin")
    String adminRole();
}
