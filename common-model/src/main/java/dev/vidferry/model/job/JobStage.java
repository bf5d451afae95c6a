package dev.vidferry.model.job;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a running job is doing right now, shown with its progress. */
public enum JobStage {

    QUEUED, DOWNLOADING, UPLOADING, FINISHED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
