package dev.vidferry.platform.job;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How far one after-upload step of a job got (column {@code upload_job.finish_steps}, one entry per step).
 *
 * @param state {@code done} or {@code failed}
 * @param detail what was done (e.g. the playlist id) or why it failed
 */
public record FinishStep(String state, String detail) {

    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public static FinishStep done(String detail) {
        return new FinishStep(DONE, detail);
    }

    public static FinishStep failed(String reason) {
        return new FinishStep(FAILED, reason);
    }

    @JsonIgnore
    public boolean isDone() {
        return DONE.equals(state);
    }
}
