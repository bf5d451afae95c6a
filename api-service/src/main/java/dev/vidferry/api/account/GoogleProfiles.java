package dev.vidferry.api.account;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.json.GenericJson;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.youtube.YouTube;
import com.google.api.services.youtube.model.Channel;
import com.google.api.services.youtube.model.ChannelListResponse;
import com.google.auth.oauth2.UserCredentials;

import io.quarkus.logging.Log;

import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.google.GoogleCredentialsFactory;

/**
 * Who a Google token belongs to, best effort (blocking): the OpenID subject and email from userinfo (when the token
 * has the scopes for it) and the YouTube channel ({@code channels.list mine=true}, 1 quota unit). Failures leave the
 * fields empty; they never refuse a connection.
 */
@ApplicationScoped
public class GoogleProfiles {

    private final GoogleCredentialsFactory credentials;
    private final GoogleConfig config;

    public GoogleProfiles(GoogleCredentialsFactory credentials, GoogleConfig config) {
        this.credentials = credentials;
        this.config = config;
    }

    /** What we learnt; any field may be null. */
    public record Profile(String subject, String email, String channelId, String channelTitle) {

        static final Profile UNKNOWN = new Profile(null, null, null, null);
    }

    public Profile lookup(String refreshToken, GoogleTokens.Refreshed refreshed) {
        UserCredentials user = credentials.userCredentials(refreshToken, refreshed.accessToken(), refreshed.expiresAt());
        String subject = null;
        String email = null;
        try {
            HttpRequest request = credentials.transport()
                    .createRequestFactory(credentials.requestInitializer(user))
                    .buildGetRequest(new GenericUrl(config.driveRootUrl() + "oauth2/v3/userinfo"));
            request.setParser(GsonFactory.getDefaultInstance().createJsonObjectParser());
            request.setThrowExceptionOnExecuteError(false);
            request.setNumberOfRetries(0);
            HttpResponse response = request.execute();
            try {
                if (response.isSuccessStatusCode()) {
                    GenericJson info = response.parseAs(GenericJson.class);
                    subject = (String) info.get("sub");
                    email = (String) info.get("email");
                }
            } finally {
                response.disconnect();
            }
        } catch (Exception e) {
            Log.debugf("userinfo lookup failed: %s", e.getClass().getSimpleName());
        }
        String channelId = null;
        String channelTitle = null;
        if (refreshed.scopes().stream().anyMatch(s -> s.contains("/auth/youtube"))) {
            try {
                YouTube youtube = new YouTube.Builder(credentials.transport(), GsonFactory.getDefaultInstance(),
                        credentials.requestInitializer(user))
                        .setRootUrl(config.youtubeRootUrl()).setApplicationName(config.applicationName()).build();
                ChannelListResponse channels = youtube.channels().list(List.of("snippet")).setMine(true)
                        .setFields("items(id,snippet/title)").execute();
                if (channels.getItems() != null && !channels.getItems().isEmpty()) {
                    Channel channel = channels.getItems().get(0);
                    channelId = channel.getId();
                    channelTitle = channel.getSnippet() == null ? null : channel.getSnippet().getTitle();
                }
            } catch (Exception e) {
                Log.debugf("channel lookup failed: %s", e.getClass().getSimpleName());
            }
        }
        return new Profile(subject, email, channelId, channelTitle);
    }
}
