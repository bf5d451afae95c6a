package dev.vidferry.emulator.auth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Google OAuth scopes and which of them each API method accepts. */
public final class Scopes {

    public static final String PREFIX = "https://www.googleapis.com/auth/";
    public static final String DRIVE = PREFIX + "drive";
    public static final String DRIVE_READONLY = PREFIX + "drive.readonly";
    public static final String DRIVE_METADATA_READONLY = PREFIX + "drive.metadata.readonly";
    public static final String YOUTUBE = PREFIX + "youtube";
    public static final String YOUTUBE_UPLOAD = PREFIX + "youtube.upload";
    public static final String YOUTUBE_READONLY = PREFIX + "youtube.readonly";
    public static final String YOUTUBE_FORCE_SSL = PREFIX + "youtube.force-ssl";
    public static final String YOUTUBEPARTNER = PREFIX + "youtubepartner";

    /** Scopes of the refresh token the control API hands out for a user (what vidferry asks for). */
    public static final String VIDFERRY = DRIVE_READONLY + " " + YOUTUBE_UPLOAD + " " + YOUTUBE_READONLY;
    public static final String OIDC_DEFAULT = "openid email profile";

    public static final Set<String> DRIVE_METADATA = Set.of(DRIVE, DRIVE_READONLY, DRIVE_METADATA_READONLY);
    public static final Set<String> DRIVE_CONTENT = Set.of(DRIVE, DRIVE_READONLY);
    public static final Set<String> YT_UPLOAD = Set.of(YOUTUBE_UPLOAD, YOUTUBE, YOUTUBE_FORCE_SSL, YOUTUBEPARTNER);
    public static final Set<String> YT_READ = Set.of(YOUTUBE_READONLY, YOUTUBE, YOUTUBE_FORCE_SSL, YOUTUBEPARTNER);
    public static final Set<String> YT_MANAGE = Set.of(YOUTUBE, YOUTUBE_FORCE_SSL, YOUTUBEPARTNER);

    private Scopes() {
    }

    /** Parses a space-separated scope string, expanding the short forms {@code email}/{@code profile}. */
    public static Set<String> parse(String scope) {
        Set<String> out = new LinkedHashSet<>();
        if (scope == null) {
            return out;
        }
        Arrays.stream(scope.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).forEach(s -> {
            if (s.equals("https://www.googleapis.com/auth/userinfo.email")) {
                out.add("email");
            } else if (s.equals("https://www.googleapis.com/auth/userinfo.profile")) {
                out.add("profile");
            } else {
                out.add(s);
            }
        });
        return out;
    }

    public static String join(Set<String> scopes) {
        return String.join(" ", scopes);
    }
}
