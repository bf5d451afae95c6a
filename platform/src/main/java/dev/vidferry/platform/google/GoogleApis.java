package dev.vidferry.platform.google;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.drive.Drive;
import com.google.api.services.oauth2.Oauth2;
import com.google.api.services.youtube.YouTube;
import com.google.auth.oauth2.UserCredentials;

/**
 * The one builder of Google API clients acting as one Google account: Drive, YouTube and OAuth2 (userinfo), each
 * pointed at its root URL of {@link GoogleConfig}, sharing {@link GoogleCredentialsFactory}'s transport and request
 * initializer (timeouts, one token refresh on 401). The clients are blocking: use them on worker threads.
 */
@ApplicationScoped
public class GoogleApis {

    private final GoogleConfig config;
    private final GoogleCredentialsFactory credentials;
    private final JsonFactory json = GsonFactory.getDefaultInstance();

    public GoogleApis(GoogleConfig config, GoogleCredentialsFactory credentials) {
        this.config = config;
        this.credentials = credentials;
    }

    /** The JSON factory of every client built here. */
    public JsonFactory json() {
        return json;
    }

    /** Drive v3 at {@code vidferry.google.drive-root-url}. */
    public Drive drive(UserCredentials user) {
        return new Drive.Builder(credentials.transport(), json, credentials.requestInitializer(user))
                .setRootUrl(config.driveRootUrl())
                .setApplicationName(config.applicationName())
                .build();
    }

    /** YouTube Data v3 at {@code vidferry.google.youtube-root-url}. */
    public YouTube youtube(UserCredentials user) {
        return new YouTube.Builder(credentials.transport(), json, credentials.requestInitializer(user))
                .setRootUrl(config.youtubeRootUrl())
                .setApplicationName(config.applicationName())
                .build();
    }

    /** OAuth2 v2 ({@code userinfo().get()}) at {@code vidferry.google.oauth2-root-url}. */
    public Oauth2 oauth2(UserCredentials user) {
        return new Oauth2.Builder(credentials.transport(), json, credentials.requestInitializer(user))
                .setRootUrl(config.oauth2RootUrl())
                .setApplicationName(config.applicationName())
                .build();
    }
}
