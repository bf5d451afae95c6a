package dev.vidferry.worker.transfer;

import java.io.IOException;
import java.util.List;

import com.google.api.client.http.HttpResponseException;
import com.google.api.services.youtube.YouTube;
import com.google.api.services.youtube.model.ChannelListResponse;

import io.quarkus.logging.Log;

import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.worker.google.GoogleErrors;

/**
 * Tells a 401 on upload initiation apart. Google says {@code youtubeSignupRequired} in the body when the account has no
 * channel, but the JDK's HttpURLConnection drops the body of a 401 answering a request with a streamed body (it throws
 * HttpRetryException internally), so the reason is often unreadable. Then one {@code channels.list?mine=true} (a GET,
 * 1 quota unit) decides: no channel -> {@link ErrorCode#YOUTUBE_CHANNEL_REQUIRED}; anything else keeps the 401.
 */
final class ChannelDiagnosis {

    private ChannelDiagnosis() {
    }

    /** Throws a terminal {@code YOUTUBE_CHANNEL_REQUIRED} when {@code error} is a 401 and the account has no channel. */
    static void explain(Throwable error, YouTube youtube, Runnable bookCall) {
        HttpResponseException http = JobOutcomes.find(error, HttpResponseException.class);
        if (http == null || http.getStatusCode() != 401) {
            return;
        }
        try {
            bookCall.run();
            ChannelListResponse mine = youtube.channels().list(List.of("id")).setMine(true).execute();
            if (mine.getItems() == null || mine.getItems().isEmpty()) {
                throw new TransferSignals.Terminal(ErrorCode.YOUTUBE_CHANNEL_REQUIRED, GoogleErrors.NO_CHANNEL);
            }
        } catch (IOException e) {
            Log.debugf("channels.list after a 401 failed too (%s): keeping the 401", e.toString());
        }
    }
}
