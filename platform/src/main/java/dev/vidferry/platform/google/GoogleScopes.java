package dev.vidferry.platform.google;

import java.util.Collection;
import java.util.List;

/** The OAuth scopes vidferry needs, asked at consent and checked at connect and on every refresh. */
public final class GoogleScopes {

    public static final String DRIVE_READONLY = "https://www.googleapis.com/auth/drive.readonly";
    public static final String YOUTUBE_UPLOAD = "https://www.googleapis.com/auth/youtube.upload";
    /** For the duplicate check ({@code videos.list}) and the channel lookup. */
    public static final String YOUTUBE_READONLY = "https://www.googleapis.com/auth/youtube.readonly";

    public static final List<String> REQUIRED = List.of(DRIVE_READONLY, YOUTUBE_UPLOAD, YOUTUBE_READONLY);

    private GoogleScopes() {
    }

    /** The required scopes missing from {@code granted} (Google's granular consent lets a user untick some). */
    public static List<String> missing(Collection<String> granted) {
        return REQUIRED.stream().filter(s -> !granted.contains(s)).toList();
    }

    /** Whatever Google answered in a {@code scope} field, split on spaces. */
    public static List<String> parse(String scope) {
        return scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+"));
    }
}
