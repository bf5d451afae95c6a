package dev.vidferry.worker.google;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.HttpUnsuccessfulResponseHandler;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.drive.Drive;
import com.google.api.services.youtube.YouTube;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.UserCredentials;

import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.google.GoogleCredentialsFactory;

/** Drive, YouTube and resumable-upload clients acting as one Google account, pointed at {@link GoogleConfig}. */
@ApplicationScoped
public class GoogleClients {

    private static final int SESSION_READ_TIMEOUT_MILLIS = 300_000;

    private final GoogleConfig config;
    private final GoogleCredentialsFactory factory;
    private final JsonFactory json = GsonFactory.getDefaultInstance();

    public GoogleClients(GoogleConfig config, GoogleCredentialsFactory factory) {
        this.config = config;
        this.factory = factory;
    }

    public JsonFactory json() {
        return json;
    }

    public Drive drive(UserCredentials credentials) {
        return new Drive.Builder(factory.transport(), json, refreshOnce(factory.requestInitializer(credentials), credentials))
                .setRootUrl(config.driveRootUrl())
                .setApplicationName(config.applicationName())
                .build();
    }

    public YouTube youtube(UserCredentials credentials) {
        return new YouTube.Builder(factory.transport(), json, refreshOnce(factory.requestInitializer(credentials), credentials))
                .setRootUrl(config.youtubeRootUrl())
                .setApplicationName(config.applicationName())
                .build();
    }

    public ResumableUpload resumableUpload(UserCredentials credentials) {
        HttpRequestFactory initiate = factory.transport()
                .createRequestFactory(refreshOnce(factory.requestInitializer(credentials), credentials));
        HttpCredentialsAdapter adapter = new HttpCredentialsAdapter(credentials);
        HttpRequestInitializer session = request -> {
            adapter.initialize(request);
            request.setConnectTimeout(20_000);
            request.setReadTimeout(SESSION_READ_TIMEOUT_MILLIS);
        };
        AbortableConnections connections = new AbortableConnections();
        HttpTransport sessionTransport = new NetHttpTransport.Builder().setConnectionFactory(connections).build();
        return new ResumableUpload(initiate, sessionTransport.createRequestFactory(refreshOnce(session, credentials)),
                json, config.youtubeRootUrl(), connections);
    }

    /**
     * Google's error table: a 401 ({@code authError}) gets one token refresh and one retry per request, whatever the
     * {@code WWW-Authenticate} header says; a second 401 surfaces (the owner must reconnect Google). A refused
     * refresh ({@code invalid_grant}) surfaces as the refresh's exception.
     */
    static HttpRequestInitializer refreshOnce(HttpRequestInitializer initializer, UserCredentials credentials) {
        return request -> {
            initializer.initialize(request);
            HttpUnsuccessfulResponseHandler handler = request.getUnsuccessfulResponseHandler();
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
                return handler != null && handler.handleResponse(req, response, supportsRetry);
            });
        };
    }
}
