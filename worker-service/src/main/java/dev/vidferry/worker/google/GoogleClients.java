package dev.vidferry.worker.google;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.services.drive.Drive;
import com.google.api.services.youtube.YouTube;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.UserCredentials;

import dev.vidferry.platform.google.GoogleApis;
import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.google.GoogleCredentialsFactory;

/**
 * Drive, YouTube and resumable-upload clients acting as one Google account, pointed at {@link GoogleConfig}. Drive and
 * YouTube come from platform's {@link GoogleApis}; the resumable upload needs its own abortable transport.
 */
@ApplicationScoped
public class GoogleClients {

    private static final int SESSION_READ_TIMEOUT_MILLIS = 300_000;

    private final GoogleConfig config;
    private final GoogleCredentialsFactory factory;
    private final GoogleApis apis;
    private final JsonFactory json;

    public GoogleClients(GoogleConfig config, GoogleCredentialsFactory factory, GoogleApis apis) {
        this.config = config;
        this.factory = factory;
        this.apis = apis;
        this.json = apis.json();
    }

    public JsonFactory json() {
        return json;
    }

    public Drive drive(UserCredentials credentials) {
        return apis.drive(credentials);
    }

    public YouTube youtube(UserCredentials credentials) {
        return apis.youtube(credentials);
    }

    public ResumableUpload resumableUpload(UserCredentials credentials) {
        HttpRequestFactory initiate = factory.transport()
                .createRequestFactory(factory.requestInitializer(credentials));
        HttpCredentialsAdapter adapter = new HttpCredentialsAdapter(credentials);
        HttpRequestInitializer session = request -> {
            adapter.initialize(request);
            request.setConnectTimeout(20_000);
            request.setReadTimeout(SESSION_READ_TIMEOUT_MILLIS);
        };
        AbortableConnections connections = new AbortableConnections();
        HttpTransport sessionTransport = new NetHttpTransport.Builder().setConnectionFactory(connections).build();
        return new ResumableUpload(initiate,
                sessionTransport.createRequestFactory(GoogleCredentialsFactory.refreshingOnceOn401(session, credentials)),
                json, config.youtubeRootUrl(), connections);
    }
}
