package dev.vidferry.emulator.auth;

import java.util.Set;

/**
 * A validated bearer token.
 *
 * @param user the user it was issued for, null for a client-credentials token without user
 * @param clientId the OAuth client = the Google project for quota
 */
public record AccessToken(User user, String sub, String clientId, Set<String> scopes) {

    public boolean hasAny(Set<String> accepted) {
        return scopes.stream().anyMatch(accepted::contains);
    }
}
