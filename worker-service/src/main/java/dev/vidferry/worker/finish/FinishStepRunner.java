package dev.vidferry.worker.finish;

import java.util.List;

import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.platform.job.FinishStep;

/** One after-upload step (playlist, ...): idempotent, so a new attempt after a crash may run it again. */
public interface FinishStepRunner {

    /** Its key in {@code upload_job.finish_steps} and its name in warnings. */
    String name();

    /** Whether the job's metadata asks for this step. */
    boolean wanted(VideoMetadata metadata);

    /** Does the step (checking first whether an earlier attempt already did it) and says what was done. */
    FinishStep run(FinishContext context) throws StepFailure;

    /** The steps in the order they run. */
    static List<FinishStepRunner> ordered(PlaylistStep playlist, ThumbnailStep thumbnail) {
        return List.of(playlist, thumbnail);
    }
}
