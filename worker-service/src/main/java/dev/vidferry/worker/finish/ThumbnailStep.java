package dev.vidferry.worker.finish;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.client.http.InputStreamContent;
import com.google.api.services.drive.model.File;
import com.google.api.services.youtube.YouTube;

import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.model.quota.QuotaMethods;
import dev.vidferry.platform.job.FinishStep;

/**
 * Sets the video's custom thumbnail from a Drive image ({@code metadata.thumbnailFileId}), checked against YouTube's
 * limits first: JPEG or PNG, at most 50 MB (2 MB before 2026-09-14). {@code thumbnails.set} replaces the thumbnail, so
 * running it again after a crash changes nothing. YouTube allows custom thumbnails for verified channels only: for
 * others the step fails with a warning.
 */
@ApplicationScoped
public class ThumbnailStep implements FinishStepRunner {

    public static final String NAME = "thumbnail";
    static final LocalDate LARGER_LIMIT_SINCE = LocalDate.of(2026, 9, 14);

    private final GoogleCalls calls;

    public ThumbnailStep(GoogleCalls calls) {
        this.calls = calls;
    }

    /** The largest thumbnail YouTube takes on {@code day}. */
    static long maxBytes(LocalDate day) {
        return day.isBefore(LARGER_LIMIT_SINCE) ? 2L * 1024 * 1024 : 50L * 1024 * 1024;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean wanted(VideoMetadata metadata) {
        return metadata.thumbnailFileId() != null;
    }

    @Override
    public FinishStep run(FinishContext context) throws StepFailure {
        String fileId = context.job().metadata().thumbnailFileId().trim();
        File image;
        try {
            image = context.drive().files().get(fileId).setSupportsAllDrives(true).setFields("id,name,mimeType,size")
                    .execute();
        } catch (java.io.IOException e) {
            throw new StepFailure("the thumbnail file " + fileId + " cannot be read from Drive: " + e.getMessage(), e);
        }
        String mime = image.getMimeType() == null ? "" : image.getMimeType();
        if (!mime.equals("image/jpeg") && !mime.equals("image/png")) {
            throw new StepFailure("the thumbnail must be a JPEG or PNG image; " + image.getName() + " is " + mime);
        }
        long size = image.getSize() == null ? 0 : image.getSize();
        long max = maxBytes(LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC));
        if (size == 0 || size > max) {
            throw new StepFailure("the thumbnail must have 1 byte to " + (max / 1024 / 1024) + " MB; " + image.getName()
                    + " has " + size + " bytes");
        }
        calls.write(QuotaMethods.THUMBNAILS_SET, () -> {
            try (var bytes = context.drive().files().get(fileId).setSupportsAllDrives(true)
                    .executeMediaAsInputStream()) {
                YouTube.Thumbnails.Set set = context.youtube().thumbnails().set(context.videoId(),
                        new InputStreamContent(mime, bytes).setLength(size));
                set.getMediaHttpUploader().setDirectUploadEnabled(true);
                return set.execute();
            }
        });
        return FinishStep.done(fileId);
    }
}
