package dev.vidferry.worker.google;

import dev.vidferry.model.job.ErrorCode;

/** The job's Google account cannot be used (missing, or it must be reconnected). Terminal for the job. */
public class AccountProblemException extends RuntimeException {

    private final ErrorCode code;

    public AccountProblemException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
