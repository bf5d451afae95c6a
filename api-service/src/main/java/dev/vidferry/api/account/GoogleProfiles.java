package dev.vidferry.api.account;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.services.oauth2.model.Userinfo;
import com.google.api.services.youtube.YouTube;
import com.google.api.services.youtube.model.Channel;
import com.google.api.services.youtube.model.ChannelListResponse;
import com.google.auth.oauth2.UserCredentials;

import io.quarkus.logging.Log;

import dev.vidferry.platform.google.GoogleApis;
import dev.vidferry.platform.google.GoogleCredentialsFactory;

/**
 * Who a Google token belongs to, best effort (blocking): the Google account id (= the OpenID subject) and email from
 * OAuth2 v2 userinfo (when the token has the scopes for it) and the YouTube channel ({@code channels.list mine=true},
 * 1 quota unit). Both clients come from platform's {@link GoogleApis}. Failures leave the fields empty; they never
 * refuse a connection.
 */
@ApplicationScoped
public class GoogleProfiles {

    private final GoogleCredentialsFactory credentials;
    private final GoogleApis apis;

    public GoogleProfiles(GoogleCredentialsFactory credentials, GoogleApis apis) {
        this.credentials = credentials;
        this.apis = apis;
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
            Userinfo info = apis.oauth2(user).userinfo().get().execute();
            subject = info.getId();
            email = info.getEmail();
        } catch (Exception e) {
            Log.debugf("userinfo lookup failed: %s", e.getClass().getSimpleName());
        }
        String channelId = null;
        String channelTitle = null;
        if (refreshed.scopes().stream().anyMatch(s -> s.contains("/auth/youtube"))) {
            try {
                YouTube youtube = apis.youtube(user);
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
