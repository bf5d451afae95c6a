package dev.vidferry.platform.google;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Google lives and who we are to it. Tests and the local stack point these at the emulator. */
@ConfigMapping(prefix = "vidferry.google")
public interface GoogleConfig {

    /** Root URL of the Drive API, given to {@code Drive.Builder#setRootUrl}. */
    @WithDefault("https://www.googleapis.com/")
    String driveRootUrl();

    /** Root URL of the YouTube Data API, also used for resumable uploads ({@code {root}upload/youtube/v3/videos}). */
    @WithDefault("https://youtube.googleapis.com/")
    String youtubeRootUrl();

    /** Root URL of Google's OAuth2 API (v2 userinfo, {@code Oauth2.Builder#setRootUrl}). */
    @WithDefault("https://www.googleapis.com/")
    String oauth2RootUrl();

    /** OAuth 2.0 token endpoint used to refresh access tokens. */
    @WithDefault("https://oauth2.googleapis.com/token")
    String tokenUri();

    /** OAuth 2.0 authorization endpoint the browser consent flow redirects to. */
    @WithDefault("https://accounts.google.com/o/oauth2/v2/auth")
    String authorizationUri();

    /** OAuth 2.0 revocation endpoint (disconnecting an account revokes its grant). */
    @WithDefault("https://oauth2.googleapis.com/revoke")
    String revocationUri();

    /** OAuth client id of our Google Cloud project. */
    @WithDefault("vidferry")
    String clientId();

    /** OAuth client secret of our Google Cloud project. */
    Optional<String> clientSecret();

    /** Name of the Google Cloud project in the quota ledger. */
    @WithDefault("default")
    String projectId();

    /** Application name sent in the User-Agent of Google API calls. */
    @WithDefault("vidferry")
    String applicationName();
}
