package dev.vidferry.api.account;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.auth.oauth2.GoogleAuthorizationCodeTokenRequest;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.UrlEncodedContent;
import com.google.api.client.json.gson.GsonFactory;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.UserCredentials;

import io.quarkus.logging.Log;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.google.GoogleCredentialsFactory;
import dev.vidferry.platform.google.GoogleScopes;

/** Blocking calls to Google's token endpoint. Never logs a token. */
@ApplicationScoped
public class GoogleTokens {

    private final GoogleCredentialsFactory credentials;
    private final GoogleConfig config;

    public GoogleTokens(GoogleCredentialsFactory credentials, GoogleConfig config) {
        this.credentials = credentials;
        this.config = config;
    }

    /** What the authorization-code exchange gave: both tokens and the scopes the user actually granted. */
    public record Exchanged(String refreshToken, Refreshed refreshed) {

        @Override
        public String toString() {
            return "Exchanged[" + refreshed + "]";
        }
    }

    /**
     * Exchanges an authorization code with its PKCE verifier (blocking), with google-oauth-client's
     * {@link GoogleAuthorizationCodeTokenRequest}. A refused code answers 400; Google unreachable 503.
     */
    public Exchanged exchange(String code, String verifier, String redirectUri) {
        try {
            GoogleAuthorizationCodeTokenRequest request = new GoogleAuthorizationCodeTokenRequest(
                    credentials.transport(), GsonFactory.getDefaultInstance(), config.tokenUri(), config.clientId(),
                    config.clientSecret().orElse(""), code, redirectUri);
            request.set("code_verifier", verifier);
            GoogleTokenResponse response = request.execute();
            Instant expiresAt = response.getExpiresInSeconds() == null
                    ? null
                    : Instant.now().plusSeconds(response.getExpiresInSeconds());
            return new Exchanged(response.getRefreshToken(), new Refreshed(response.getAccessToken(), expiresAt,
                    GoogleScopes.parse(response.getScope())));
        } catch (TokenResponseException e) {
            String error = e.getDetails() == null ? "unknown" : e.getDetails().getError();
            Log.infof("Google refused an authorization code: %s", error);
            throw new ApiException(400, "google-consent-failed", "Google consent failed",
                    "Google refused the authorization code (" + error + "); start again at /api/v1/google/connect",
                    List.of());
        } catch (IOException e) {
            Log.warnf("Google token endpoint failed: %s", e.getClass().getSimpleName());
            throw new ApiException(503, "google-unavailable", "Google unavailable",
                    "Google could not be reached; try again later", List.of());
        }
    }

    /** Revokes a grant at Google (blocking, best effort: a failure is logged, never thrown). */
    public boolean revoke(String token) {
        try {
            HttpRequest request = credentials.transport().createRequestFactory().buildPostRequest(
                    new GenericUrl(config.revocationUri()), new UrlEncodedContent(Map.of("token", token)));
            request.setThrowExceptionOnExecuteError(false);
            HttpResponse response = request.execute();
            try {
                return response.getStatusCode() / 100 == 2;
            } finally {
                response.disconnect();
            }
        } catch (IOException e) {
            Log.warnf("Google revocation failed: %s", e.getClass().getSimpleName());
            return false;
        }
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
