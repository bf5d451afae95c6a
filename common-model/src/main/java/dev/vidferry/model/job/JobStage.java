package dev.vidferry.model.job;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a running job is doing right now, shown with its progress. {@code finishing}: the video exists on YouTube and the
 * after-upload steps (playlist) run.
 */
public enum JobStage {

    QUEUED, DOWNLOADING, UPLOADING, FINISHING, FINISHED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
