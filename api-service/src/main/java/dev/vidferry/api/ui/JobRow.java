package dev.vidferry.api.ui;

import java.util.UUID;

import dev.vidferry.model.api.JobView;

/** One job as the queue lists it: what it is (title, file, folder, batch, warning) and its {@link JobLive} part. */
public record JobRow(UUID id, String title, String fileName, String folderPath, String batchId, String warning,
        JobLive live) {

    public static JobRow of(JobView job) {
        String title = job.metadata() != null && job.metadata().title() != null
                ? job.metadata().title()
                : job.fileName();
        return new JobRow(job.id(), title, job.fileName(), job.folderPath(), job.batchId(), job.warning(),
                JobLive.of(job));
    }

    public String domId() {
        return "job-" + id;
    }
}
