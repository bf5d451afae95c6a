package dev.vidferry.platform.google;

import java.net.URI;
import java.time.Instant;
import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.client.http.HttpBackOffIOExceptionHandler;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.HttpUnsuccessfulResponseHandler;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.util.ExponentialBackOff;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.UserCredentials;

/**
 * Builds Google credentials for a stored account and the request initializer every Google client uses:
 * refresh-on-401 from the credentials adapter first, then exponential back-off on 5xx/IO errors (the Java
 * clients retry nothing by default).
 */
@ApplicationScoped
public class GoogleCredentialsFactory {

    private final GoogleConfig config;
    private final HttpTransport transport = new NetHttpTransport();

    public GoogleCredentialsFactory(GoogleConfig config) {
        this.config = config;
    }

    /** The HTTP transport shared by our Google clients. */
    public HttpTransport transport() {
        return transport;
    }

    /** User credentials that refresh through the configured token URI; {@code accessToken} may be null. */
    public UserCredentials userCredentials(String refreshToken, String accessToken, Instant accessTokenExpiresAt) {
        UserCredentials.Builder builder = UserCredentials.newBuilder()
                .setClientId(config.clientId())
                .setClientSecret(config.clientSecret().orElse(""))
                .setRefreshToken(refreshToken)
                .setTokenServerUri(URI.create(config.tokenUri()))
                .setHttpTransportFactory(() -> transport);
        if (accessToken != null && accessTokenExpiresAt != null) {
            builder.setAccessToken(new AccessToken(accessToken, Date.from(accessTokenExpiresAt)));
        }
        return builder.build();
    }

    /**
     * Authenticates with {@code credentials}, answers a 401 with one token refresh and one retry, and retries
     * transient failures (5xx, I/O) with exponential back-off: the Java clients retry nothing by default.
     */
    public HttpRequestInitializer requestInitializer(UserCredentials credentials) {
        HttpCredentialsAdapter adapter = new HttpCredentialsAdapter(credentials);
        return refreshingOnceOn401(request -> {
            adapter.initialize(request);
            request.setUnsuccessfulResponseHandler(new HttpBackOffUnsuccessfulResponseHandler(
                    new ExponentialBackOff.Builder().setMaxElapsedTimeMillis(30_000).build()));
            request.setIOExceptionHandler(new HttpBackOffIOExceptionHandler(
                    new ExponentialBackOff.Builder().setMaxElapsedTimeMillis(30_000).build()));
            request.setConnectTimeout(20_000);
            request.setReadTimeout(60_000);
        }, credentials);
    }

    /**
     * Google's error table for {@code authError}: a 401 gets one token refresh and one retry per request, whatever
     * the {@code WWW-Authenticate} header says; a second 401 surfaces (the owner must reconnect Google). A refused
     * refresh ({@code invalid_grant}) surfaces as the refresh's exception. Other answers go to the handler that
     * {@code initializer} installed.
     */
    public static HttpRequestInitializer refreshingOnceOn401(HttpRequestInitializer initializer,
            UserCredentials credentials) {
        return request -> {
            initializer.initialize(request);
            HttpUnsuccessfulResponseHandler next = request.getUnsuccessfulResponseHandler();
            boolean[] refreshed = {false};
            request.setUnsuccessfulResponseHandler((req, response, supportsRetry) -> {
                if (response.getStatusCode() == 401) {
                    if (refreshed[0] || !supportsRetry) {
                        return false;
                    }
                    refreshed[0] = true;
                    credentials.refresh();
                    req.getHeaders().setAuthorization("Bearer " + credentials.getAccessToken().getTokenValue());
                    return true;
                }
                return next != null && next.handleResponse(req, response, supportsRetry);
            });
        };
    }

    /**
     * Whether {@code failure} is Google's token endpoint refusing the refresh token ({@code invalid_grant}: revoked,
     * expired, or issued to another client). Such an account needs its user to reconnect; retrying cannot help.
     */
    public static boolean isInvalidGrant(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("invalid_grant")) {
                return true;
            }
            if (t instanceof HttpResponseException http && http.getContent() != null
                    && http.getContent().contains("invalid_grant")) {
                return true;
            }
        }
        return false;
    }
}
