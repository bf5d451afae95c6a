package dev.vidferry.api.ui;

import java.util.Map;

/** What a problem {@code type} handed back to a page (a redirect's query) means to a person. */
final class Problems {

    private static final Map<String, String> KNOWN = Map.of(
            "google-consent-denied", "Google consent was not given.",
            "consent-state-invalid", "That connection attempt expired or was already used. Start again.",
            "google-scope-missing", "Google did not grant every permission vidferry needs: connect again and leave "
                    + "every permission ticked.",
            "google-no-refresh-token", "Google gave no offline access: connect again.",
            "youtube-channel-missing", "This Google account has no YouTube channel: create one (or pick a brand "
                    + "account) and connect again.");

    private Problems() {
    }

    /** A known type's sentence; anything else is named generically (never echoed back). */
    static String describe(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        return KNOWN.getOrDefault(type, "Connecting the Google account failed.");
    }
}
