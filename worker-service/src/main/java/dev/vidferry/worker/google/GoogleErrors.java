package dev.vidferry.worker.google;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;

import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.quota.PacificDay;
import dev.vidferry.platform.google.GoogleCredentialsFactory;

/**
 * Sorts errors from Google and the network into fail / retry / defer: terminal for what a retry cannot fix (bad
 * metadata, forbidden, missing Drive file, refused refresh token, no YouTube channel), deferral for quota and the
 * channel upload cap, retry with back-off for everything else. Only a refused refresh token ({@code invalid_grant}) or
 * a 401 other than {@code youtubeSignupRequired} asks the owner to reconnect Google.
 */
public final class GoogleErrors {

    /** Which API answered, to tell a Drive 403/404 from a YouTube one. */
    public enum Api {
        DRIVE, YOUTUBE
    }

    /** What a job without a YouTube channel to upload to says. */
    public static final String NO_CHANNEL = "The connected Google account has no YouTube channel: create one on "
            + "youtube.com with that account, then retry the job (reconnecting does not help)";

    private GoogleErrors() {
    }

    public static Failure classify(Throwable error, Api api, Clock clock) {
        if (error instanceof AccountProblemException problem) {
            return Failure.fail(problem.code(), problem.getMessage());
        }
        if (GoogleCredentialsFactory.isInvalidGrant(error)) {
            return Failure.fail(ErrorCode.GOOGLE_RECONNECT_REQUIRED,
                    "Google refused the stored authorization (invalid_grant): reconnect Google, then retry the job");
        }
        GoogleJsonResponseException google = find(error, GoogleJsonResponseException.class);
        if (google != null) {
            return classify(google.getStatusCode(), reason(google.getDetails()), message(google), api, clock);
        }
        HttpResponseException http = find(error, HttpResponseException.class);
        if (http != null) {
            return classify(http.getStatusCode(), "", "HTTP " + http.getStatusCode(), api, clock);
        }
        if (find(error, IOException.class) != null) {
            return Failure.retry("Network error talking to Google: " + rootMessage(error));
        }
        return Failure.retry("Unexpected error: " + rootMessage(error));
    }

    static Failure classify(int status, String reason, String message, Api api, Clock clock) {
        String r = reason == null ? "" : reason;
        if (status == 401 && r.equals("youtubeSignupRequired")) {
            return Failure.fail(ErrorCode.YOUTUBE_CHANNEL_REQUIRED, NO_CHANNEL);
        }
        if (status == 401) {
            return Failure.fail(ErrorCode.GOOGLE_RECONNECT_REQUIRED,
                    "Google did not accept our authorization: reconnect Google, then retry the job");
        }
        if (r.equals("quotaExceeded") || r.equals("dailyLimitExceeded")) {
            return Failure.defer(ErrorCode.QUOTA_EXCEEDED,
                    "The YouTube API quota of today is used up; the job waits for the reset at midnight Pacific time",
                    PacificDay.nextReset(clock.instant()));
        }
        if (r.equals("uploadLimitExceeded")) {
            return Failure.defer(ErrorCode.UPLOAD_LIMIT_EXCEEDED,
                    "The channel reached YouTube's daily upload limit; the job waits 24 hours",
                    clock.instant().plus(Duration.ofHours(24)));
        }
        if (status == 429 || r.equals("rateLimitExceeded") || r.equals("userRateLimitExceeded") || status >= 500) {
            return Failure.retry("Google is busy or failing (" + status + (r.isEmpty() ? "" : " " + r) + ")");
        }
        if (api == Api.DRIVE && status == 404) {
            return Failure.fail(ErrorCode.DRIVE_FILE_NOT_FOUND,
                    "The Drive file no longer exists or is not shared with the connected account");
        }
        if (api == Api.DRIVE && status == 403) {
            return Failure.fail(ErrorCode.DRIVE_FORBIDDEN, "Drive refused to let us read the file: " + message);
        }
        if (api == Api.YOUTUBE && status == 403) {
            return Failure.fail(ErrorCode.YOUTUBE_FORBIDDEN, "YouTube refused the upload: " + message);
        }
        if (status == 400 && r.toLowerCase(Locale.ROOT).startsWith("invalid")) {
            return Failure.fail(ErrorCode.INVALID_METADATA,
                    "YouTube rejected the video's metadata (" + r + "): " + message);
        }
        if (status >= 400 && status < 500) {
            return Failure.fail(ErrorCode.INTERNAL, "Google refused the request (" + status
                    + (r.isEmpty() ? "" : " " + r) + "): " + message);
        }
        return Failure.retry("Unexpected answer from Google (" + status + ")");
    }

    /**
     * True when Google refused the call because the token lacks a scope ({@code 403 insufficientPermissions}: the user
     * unticked it on the consent screen). Calls the job can do without degrade instead of failing.
     */
    public static boolean insufficientPermissions(Throwable error) {
        GoogleJsonResponseException google = find(error, GoogleJsonResponseException.class);
        return google != null && google.getStatusCode() == 403
                && "insufficientPermissions".equals(reason(google.getDetails()));
    }

    /** Google's {@code reason} of the first error, or empty. */
    public static String reason(GoogleJsonError details) {
        if (details == null) {
            return "";
        }
        List<GoogleJsonError.ErrorInfo> errors = details.getErrors();
        if (errors != null && !errors.isEmpty() && errors.get(0).getReason() != null) {
            return errors.get(0).getReason();
        }
        return "";
    }

    private static String message(GoogleJsonResponseException e) {
        if (e.getDetails() != null && e.getDetails().getMessage() != null) {
            return e.getDetails().getMessage();
        }
        return e.getStatusMessage() == null ? "HTTP " + e.getStatusCode() : e.getStatusMessage();
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
