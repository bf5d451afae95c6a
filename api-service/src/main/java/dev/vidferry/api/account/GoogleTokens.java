package dev.vidferry.api.account;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.UserCredentials;

import io.quarkus.logging.Log;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.platform.google.GoogleCredentialsFactory;

/** Blocking calls to Google's token endpoint. Never logs a token. */
@ApplicationScoped
public class GoogleTokens {

    private final GoogleCredentialsFactory credentials;

    public GoogleTokens(GoogleCredentialsFactory credentials) {
        this.credentials = credentials;
    }

    /** A fresh access token and the scopes Google granted. */
    public record Refreshed(String accessToken, Instant expiresAt, List<String> scopes) {

        @Override
        public String toString() {
            return "Refreshed[expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
        }
    }

    /**
     * Refreshes {@code refreshToken} once (blocking). {@code invalid_grant} answers 422 naming {@code refreshToken};
     * Google being unreachable answers 503.
     */
    public Refreshed verify(String refreshToken) {
        UserCredentials user = credentials.userCredentials(refreshToken, null, null);
        try {
            AccessToken token = user.refreshAccessToken();
            return new Refreshed(token.getTokenValue(),
                    token.getExpirationTime() == null ? null : token.getExpirationTime().toInstant(),
                    token.getScopes() == null ? List.of() : token.getScopes());
        } catch (IOException e) {
            if (GoogleCredentialsFactory.isInvalidGrant(e)) {
                throw ApiException.invalidField("google-invalid-grant", "refreshToken", "invalidGrant",
                        "Google refused this refresh token (expired, revoked or issued to another OAuth client)");
            }
            Log.warnf("Google token endpoint failed: %s", e.getClass().getSimpleName());
            throw new ApiException(503, "google-unavailable", "Google unavailable",
                    "Google could not be reached; try again later", List.of());
        }
    }

}
