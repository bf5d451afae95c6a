package dev.vidferry.worker.finish;

import com.google.api.services.drive.Drive;
import com.google.api.services.youtube.YouTube;

import dev.vidferry.platform.job.ClaimedJob;

/**
 * What an after-upload step works on: the job, the video it uploaded, the channel and YouTube and Drive clients with the
 * job's credentials.
 */
public record FinishContext(ClaimedJob job, String videoId, String channelId, YouTube youtube, Drive drive) {
}
