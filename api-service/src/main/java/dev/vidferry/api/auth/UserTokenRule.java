package dev.vidferry.api.auth;

import java.util.Optional;
import java.util.Set;

/**
 * The rule that makes a valid token a vidferry user: it names a person, not an OAuth client. Refused: no {@code sub};
 * a {@code sub} equal to {@code azp} or {@code client_id} (what a {@code client_credentials} grant mints: the client
 * is its own subject); a token without the configured required role. Pure, so it is tested without a server.
 */
public final class UserTokenRule {

    private UserTokenRule() {
    }

    /** Why the token is refused, or empty when it belongs to a user. */
    public static Optional<String> refusal(String subject, String authorizedParty, String clientId, Set<String> roles,
            Optional<String> requiredRole) {
        if (subject == null || subject.isBlank()) {
            return Optional.of("no subject");
        }
        if (subject.equals(authorizedParty) || subject.equals(clientId)) {
            return Optional.of("a client's own token (no user)");
        }
        if (requiredRole.isPresent() && !roles.contains(requiredRole.get())) {
            return Optional.of("the required role is missing");
        }
        return Optional.empty();
    }
}
