package dev.vidferry.worker.finish;

/** An after-upload step that cannot be done now: the job completes with a warning naming it (the video exists). */
public final class StepFailure extends Exception {

    public StepFailure(String message) {
        super(message);
    }

    public StepFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
