package dev.vidferry.worker.transfer;

import java.time.Clock;

import dev.vidferry.platform.quota.ChannelUploads;
import dev.vidferry.platform.quota.QuotaLedger;
import dev.vidferry.worker.WorkerConfig;
import dev.vidferry.worker.WorkerMetrics;
import dev.vidferry.worker.finish.AfterUpload;
import dev.vidferry.worker.google.GoogleAccounts;
import dev.vidferry.worker.google.GoogleClients;
import dev.vidferry.worker.job.JobOutbox;
import dev.vidferry.worker.job.JobRepository;
import dev.vidferry.worker.progress.ProgressEmitter;

/** What a {@link JobTransfer} needs, gathered once by {@link TransferService}. */
record TransferContext(JobRepository repository, JobOutbox outbox, ProgressEmitter emitter, GoogleAccounts accounts,
        GoogleClients clients, DuplicateCheck duplicates, WorkerMetrics metrics, WorkerConfig config, Clock clock,
        int chunkSize, DebugPause debug, QuotaLedger quota, ChannelUploads channelUploads, String projectId,
        AfterUpload finisher) {
}
