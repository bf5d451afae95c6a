package dev.vidferry.worker.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.worker.google.GoogleErrors.Api;

class GoogleErrorsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void badMetadataForbiddenAndMissingFilesFailForGood() {
        assertThat(GoogleErrors.classify(400, "invalidTitle", "bad", Api.YOUTUBE, clock).code())
                .isEqualTo(ErrorCode.INVALID_METADATA);
        assertThat(GoogleErrors.classify(403, "forbidden", "no", Api.YOUTUBE, clock).code())
                .isEqualTo(ErrorCode.YOUTUBE_FORBIDDEN);
        assertThat(GoogleErrors.classify(404, "notFound", "gone", Api.DRIVE, clock).code())
                .isEqualTo(ErrorCode.DRIVE_FILE_NOT_FOUND);
        assertThat(GoogleErrors.classify(400, "invalidTitle", "bad", Api.YOUTUBE, clock).kind())
                .isEqualTo(Failure.Kind.FAIL);
    }

    @Test
    void anAccountWithoutAChannelNeedsAChannelNotAReconnect() {
        assertThat(GoogleErrors.classify(401, "youtubeSignupRequired", "Unauthorized", Api.YOUTUBE, clock))
                .satisfies(failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.YOUTUBE_CHANNEL_REQUIRED);
                    assertThat(failure.kind()).isEqualTo(Failure.Kind.FAIL);
                });
        assertThat(GoogleErrors.classify(401, "authError", "Invalid Credentials", Api.YOUTUBE, clock).code())
                .isEqualTo(ErrorCode.GOOGLE_RECONNECT_REQUIRED);
    }

    @Test
    void serverErrorsAndRateLimitsAreRetried() {
        assertThat(GoogleErrors.classify(503, "backendError", "busy", Api.YOUTUBE, clock).kind())
                .isEqualTo(Failure.Kind.RETRY);
        assertThat(GoogleErrors.classify(403, "rateLimitExceeded", "slow", Api.YOUTUBE, clock).kind())
                .isEqualTo(Failure.Kind.RETRY);
        assertThat(GoogleErrors.classify(new java.net.SocketTimeoutException("read"), Api.DRIVE, clock).kind())
                .isEqualTo(Failure.Kind.RETRY);
    }

    @Test
    void quotaWaitsForPacificMidnightAndTheChannelCapForADay() {
        Failure quota = GoogleErrors.classify(403, "quotaExceeded", "q", Api.YOUTUBE, clock);
        assertThat(quota.kind()).isEqualTo(Failure.Kind.DEFER);
        assertThat(quota.until()).isEqualTo(Instant.parse("2026-03-11T07:00:00Z")); // PDT since 2026-03-08
        Failure cap = GoogleErrors.classify(400, "uploadLimitExceeded", "cap", Api.YOUTUBE, clock);
        assertThat(cap.code()).isEqualTo(ErrorCode.UPLOAD_LIMIT_EXCEEDED);
        assertThat(cap.until()).isEqualTo(Instant.parse("2026-03-11T12:00:00Z"));
    }

    @Test
    void aRefusedRefreshTokenMeansReconnect() {
        Exception refused = new java.io.IOException("Error getting access token: 400 {\"error\":\"invalid_grant\"}");
        assertThat(GoogleErrors.classify(refused, Api.DRIVE, clock).code())
                .isEqualTo(ErrorCode.GOOGLE_RECONNECT_REQUIRED);
    }

    @Test
    void everyTransientClassOfTheFactsTableIsRetried() {
        for (int status : new int[]{500, 502, 503, 504, 429}) {
            assertThat(GoogleErrors.classify(status, "", "x", Api.YOUTUBE, clock).kind()).as("%d", status)
                    .isEqualTo(Failure.Kind.RETRY);
        }
        assertThat(GoogleErrors.classify(403, "userRateLimitExceeded", "slow", Api.DRIVE, clock).kind())
                .isEqualTo(Failure.Kind.RETRY);
        assertThat(GoogleErrors.classify(new java.net.SocketException("Connection reset"), Api.YOUTUBE, clock).kind())
                .isEqualTo(Failure.Kind.RETRY);
        assertThat(GoogleErrors.classify(403, "dailyLimitExceeded", "q", Api.YOUTUBE, clock).code())
                .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(GoogleErrors.classify(401, "authError", "who", Api.YOUTUBE, clock).code())
                .isEqualTo(ErrorCode.GOOGLE_RECONNECT_REQUIRED);
    }
}
