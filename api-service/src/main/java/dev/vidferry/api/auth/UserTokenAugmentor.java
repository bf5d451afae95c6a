package dev.vidferry.api.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Applies {@link UserTokenRule} to every verified bearer token (a refusal is a 401, like a bad signature) and maps the
 * provider's roles onto vidferry's: every user is {@code user}, the configured admin role adds {@code admin}.
 */
@ApplicationScoped
public class UserTokenAugmentor implements SecurityIdentityAugmentor {

    private final AuthConfig config;

    public UserTokenAugmentor(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Optional<String> refusal = UserTokenRule.refusal(token.getSubject(), token.getClaim("azp"),
                token.getClaim("client_id"), identity.getRoles(), config.requiredRole());
        if (refusal.isPresent()) {
            Log.debugf("bearer token refused: %s", refusal.get());
            return Uni.createFrom().failure(new AuthenticationFailedException(refusal.get()));
        }
        // only vidferry's roles: a provider role that happens to be called "admin" grants nothing by itself
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal()).addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes()).addRole(Roles.USER);
        if (identity.getRoles().contains(config.adminRole())) {
            builder.addRole(Roles.ADMIN);
        }
        return Uni.createFrom().item(builder.build());
    }
}
