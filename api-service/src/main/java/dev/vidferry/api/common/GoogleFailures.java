package dev.vidferry.api.common;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;

import io.quarkus.logging.Log;

import dev.vidferry.api.drive.DriveLookup;
import dev.vidferry.platform.google.GoogleCredentialsFactory;

/** Turns a failed Google call of a browsing request into the answer our API gives (blocking side, no I/O). */
public final class GoogleFailures {

    private GoogleFailures() {
    }

    /**
     * 404 from {@code notFound}; dead credentials {@link DriveLookup.ReconnectRequired} (the caller marks the account
     * and answers 409); no YouTube channel 409; a missing scope 409; quota 429; anything else (5xx, I/O) 503.
     */
    public static RuntimeException of(IOException e, String api, Supplier<ApiException> notFound) {
        if (GoogleCredentialsFactory.isInvalidGrant(e)) {
            return new DriveLookup.ReconnectRequired();
        }
        if (e instanceof GoogleJsonResponseException g) {
            String reason = reason(g);
            int status = g.getStatusCode();
            if (status == 404) {
                return notFound.get();
            }
            if ("youtubeSignupRequired".equals(reason)) {
                return ApiException.conflict("youtube-channel-missing",
                        "Your Google account has no YouTube channel: create one, then try again");
            }
            if (status == 401) {
                return new DriveLookup.ReconnectRequired();
            }
            if ("quotaExceeded".equals(reason) || "dailyLimitExceeded".equals(reason)
                    || "rateLimitExceeded".equals(reason) || "userRateLimitExceeded".equals(reason)) {
                return new ApiException(429, "google-quota-exhausted", "Google quota exhausted",
                        api + " quota of vidferry's Google project is used up; try again later", List.of());
            }
            if ("insufficientPermissions".equals(reason) || status == 403) {
                return ApiException.conflict("google-scope-missing", "Your Google connection does not allow this "
                        + "(" + api + "); reconnect granting the permission: PUT /api/v1/google/account");
            }
        }
        Log.warnf("%s call failed: %s", api, e.getClass().getSimpleName());
        return unavailable(api);
    }

    /** 503 with {@code Retry-After}: Google could not be reached or failed. */
    public static ApiException unavailable(String api) {
        return new ApiException(503, "google-unavailable", "Google unavailable",
                api + " could not be reached; try again later", List.of());
    }

    /** Google's first error reason ({@code notFound}, {@code quotaExceeded}, ...), or null. */
    public static String reason(GoogleJsonResponseException e) {
        GoogleJsonError details = e.getDetails();
        if (details == null || details.getErrors() == null || details.getErrors().isEmpty()) {
            return null;
        }
        return details.getErrors().get(0).getReason();
    }
}
