package dev.vidferry.worker.finish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.platform.job.FinishStep;
import dev.vidferry.worker.job.JobRepository;
import dev.vidferry.worker.job.LeaseLostException;

/**
 * The after-upload steps of a job (stage {@code finishing}): each step the metadata asks for and no earlier attempt
 * did runs, and its result is recorded in {@code upload_job.finish_steps} before the next one starts. A failed step
 * never fails the job (the video exists): it becomes a warning naming the step and the retry action.
 */
@ApplicationScoped
public class AfterUpload {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final List<FinishStepRunner> steps;
    private final JobRepository repository;
    private final ObjectMapper mapper;

    public AfterUpload(PlaylistStep playlist, ThumbnailStep thumbnail, JobRepository repository, ObjectMapper mapper) {
        this.steps = FinishStepRunner.ordered(playlist, thumbnail);
        this.repository = repository;
        this.mapper = mapper;
    }

    /** Whether the job has anything to do after the upload. */
    public boolean wanted(VideoMetadata metadata) {
        return steps.stream().anyMatch(s -> s.wanted(metadata));
    }

    /** What the job still has to do, for its status line (e.g. "adding it to the playlist"). */
    public List<String> pending(FinishContext context) {
        return steps.stream().filter(s -> s.wanted(context.job().metadata()))
                .filter(s -> !done(context, s)).map(FinishStepRunner::name).toList();
    }

    /**
     * Runs the steps still to do; returns one warning per failed step (empty when all are done). Throws
     * {@link LeaseLostException} when the job is no longer ours.
     */
    public List<String> run(FinishContext context) {
        List<String> warnings = new ArrayList<>();
        for (FinishStepRunner step : steps) {
            if (!step.wanted(context.job().metadata()) || done(context, step)) {
                continue;
            }
            FinishStep result;
            try {
                result = step.run(context);
                Log.infof("job %s: %s step done (%s)", context.job().id(), step.name(), result.detail());
            } catch (StepFailure e) {
                result = failed(context, step, e.getMessage(), warnings);
            } catch (LeaseLostException e) {
                throw e;
            } catch (RuntimeException e) { // e.g. the database: the video exists, so never fail the job for it
                Log.errorf(e, "job %s: %s step broke", context.job().id(), step.name());
                result = failed(context, step, "unexpected error: " + e, warnings);
            }
            if (!Boolean.TRUE.equals(repository.recordStep(context.job().fence(), step.name(), json(result)).await()
                    .atMost(DB_TIMEOUT))) {
                throw new LeaseLostException(context.job().fence());
            }
        }
        return warnings;
    }

    private static FinishStep failed(FinishContext context, FinishStepRunner step, String reason,
            List<String> warnings) {
        warnings.add(warning(context, step.name(), reason));
        Log.warnf("job %s: %s step failed: %s", context.job().id(), step.name(), reason);
        return FinishStep.failed(reason);
    }

    /** The warning of a failed step: which step, why, and how to retry it. */
    public static String warning(FinishContext context, String step, String reason) {
        return step + " step failed: " + reason + "; the video was uploaded, fix this and retry with POST /api/v1/jobs/"
                + context.job().id() + "/finish";
    }

    private static boolean done(FinishContext context, FinishStepRunner step) {
        FinishStep prior = context.job().finishSteps().get(step.name());
        return prior != null && prior.isDone();
    }

    private String json(FinishStep step) {
        try {
            return mapper.writeValueAsString(step);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
