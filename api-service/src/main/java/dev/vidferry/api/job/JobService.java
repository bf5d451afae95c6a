package dev.vidferry.api.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.account.GoogleAccountService;
import dev.vidferry.api.account.GoogleAccountService.StoredCredentials;
import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.BlockingCalls;
import dev.vidferry.api.common.Cursor;
import dev.vidferry.api.drive.DriveFileInfo;
import dev.vidferry.api.drive.DriveLookup;
import dev.vidferry.model.api.ClearJobsResponse;
import dev.vidferry.model.api.CreateJobRequest;
import dev.vidferry.model.api.JobPage;
import dev.vidferry.model.api.JobView;
import dev.vidferry.model.event.JobRequested;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.MetadataValidator;
import dev.vidferry.model.metadata.Violation;
import dev.vidferry.platform.job.JobCommands;

/**
 * Creates, lists and changes upload jobs. Every change and its outbox events commit in one transaction. It is a little
 * over a screen because the checks a new job's Drive file must pass (type, size, download rights) sit beside the
 * insert they guard, which {@link BulkJobService} shares.
 */
@ApplicationScoped
public class JobService {

    private final JobRepository jobs;
    private final JobEvents events;
    private final JobMapper mapper;
    private final CreateJobValidator validator;
    private final GoogleAccountService accounts;
    private final DriveLookup drive;
    private final BlockingCalls blocking;
    private final JobsConfig config;

    public JobService(JobRepository jobs, JobEvents events, JobMapper mapper, CreateJobValidator validator,
            GoogleAccountService accounts, DriveLookup drive, BlockingCalls blocking, JobsConfig config) {
        this.jobs = jobs;
        this.events = events;
        this.mapper = mapper;
        this.validator = validator;
        this.accounts = accounts;
        this.drive = drive;
        this.blocking = blocking;
        this.config = config;
    }

    /**
     * Validates the request, reads the file from Drive with the owner's credentials (worker thread), then writes the
     * job and its {@code upload-job.requested} and {@code upload-job.progress} outbox rows in one transaction.
     */
    public Uni<JobView> create(String ownerId, CreateJobRequest request) {
        List<Violation> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(violations));
        }
        return Panache.withSession(() -> accounts.credentialsOf(ownerId, accountIdOf(request.googleAccountId())))
                .chain(credentials -> acceptableFile(credentials, request.driveFileId())
                        .chain(file -> Panache.withTransaction(() -> jobs
                                .findLive(ownerId, credentials.accountId(), file.id())
                                .chain(live -> {
                                    if (live != null) {
                                        throw ApiException.alreadyQueued("driveFileId", live.id);
                                    }
                                    return insert(ownerId, credentials, request, file);
                                }))
                                .onFailure(JobRepository::liveConflict)
                                .recoverWithUni(e -> alreadyQueued(ownerId, credentials.accountId(), file.id()))))
                .map(mapper::toView);
    }

    /**
     * 409 {@code already-queued} with the live job a racing request created first (V12's index refused ours), read in
     * a new session: the failed transaction is gone.
     */
    private Uni<UploadJob> alreadyQueued(String ownerId, UUID accountId, String fileId) {
        return Panache.withSession(() -> jobs.findLive(ownerId, accountId, fileId))
                .map(live -> {
                    throw ApiException.alreadyQueued("driveFileId", live == null ? null : live.id);
                });
    }

    /** The job's Google account, or null for the owner's default; not a UUID: 422 naming the field. */
    static UUID accountIdOf(String googleAccountId) {
        if (googleAccountId == null || googleAccountId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(googleAccountId.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("validation", "googleAccountId", "invalidFormat",
                    "googleAccountId must be a UUID");
        }
    }

    @WithSession
    public Uni<JobPage> list(String ownerId, String status, String batchId, String cursor, String limit) {
        JobStatus statusFilter = parseStatus(status);
        Cursor after = Cursor.decode(cursor);
        int size = Cursor.limit(limit, config.defaultPageSize(), config.maxPageSize());
        String batch = batchId == null || batchId.isBlank() ? null : batchId;
        if (batch != null && (batch.length() > CreateJobValidator.MAX_BATCH_ID
                || MetadataValidator.unstorable(batch) != null)) {
            throw ApiException.badRequest("batchId", "invalidBatchId", "batchId must be at most "
                    + CreateJobValidator.MAX_BATCH_ID + " characters without NUL or lone surrogates");
        }
        return jobs.page(ownerId, statusFilter, batch, after, size + 1).chain(page -> jobs
                .countByStatus(ownerId, batch).map(counts -> {
                    List<UploadJob> items = page.size() > size ? page.subList(0, size) : page;
                    String next = null;
                    if (page.size() > size) {
                        UploadJob last = items.get(items.size() - 1);
                        next = new Cursor(last.createdAt, last.id).encode();
                    }
                    Map<String, Long> byStatus = new LinkedHashMap<>();
                    counts.forEach((s, n) -> byStatus.put(s.wireName(), n));
                    long total = counts.values().stream().mapToLong(Long::longValue).sum();
                    return new JobPage(items.stream().map(mapper::toView).toList(), next, byStatus, total);
                }));
    }

    @WithSession
    public Uni<JobView> get(String ownerId, String id) {
        return jobs.findOwned(parseId(id), ownerId).map(job -> mapper.toView(require(job)));
    }

    /** The answer of a cancel: the job, and whether it is still stopping (202) or already cancelled (200). */
    public record CancelOutcome(JobView job, boolean accepted) {
    }

    /**
     * Pending and deferred jobs are cancelled now; running ones get {@code cancel_requested_at} and a cancel event
     * on {@code upload-job.control} for their worker.
     */
    @WithTransaction
    public Uni<CancelOutcome> cancel(String ownerId, String id) {
        return jobs.lockOwned(parseId(id), ownerId).chain(found -> {
            UploadJob job = require(found);
            if (job.status == JobStatus.PENDING || job.status == JobStatus.DEFERRED) {
                return jobs.change(job, JobCommands.cancelWaiting(job.id, job.status))
                        .chain(cancelled -> events.statusChanged(cancelled)
                                .map(x -> new CancelOutcome(mapper.toView(cancelled), false)));
            }
            if (job.status.isRunning()) {
                if (job.cancelRequestedAt != null) {
                    return Uni.createFrom().item(new CancelOutcome(mapper.toView(job), true));
                }
                return jobs.change(job, JobCommands.requestCancel(job.id))
                        .chain(asked -> events.cancelRequested(asked, asked.cancelRequestedAt)
                                .map(x -> new CancelOutcome(mapper.toView(asked), true)));
            }
            throw ApiException.conflict("job-finished", "The job is already " + job.status.wireName());
        });
    }

    /**
     * Failed or cancelled jobs go back to pending with their attempts reset, and are dispatched again; 409
     * {@code already-queued} when another live job has the same Drive file.
     */
    public Uni<JobView> retry(String ownerId, String id) {
        return Panache.withTransaction(() -> jobs.lockOwned(parseId(id), ownerId).chain(found -> {
            UploadJob job = require(found);
            if (job.status != JobStatus.FAILED && job.status != JobStatus.CANCELLED) {
                throw ApiException.conflict("job-not-retryable",
                        "Only failed or cancelled jobs can be retried; this one is " + job.status.wireName());
            }
            return jobs.change(job, JobCommands.retry(job.id, job.status))
                    .chain(retried -> events.requested(retried, "retry").chain(() -> events.statusChanged(retried))
                            .map(x -> mapper.toView(retried)));
        })).onFailure(JobRepository::liveConflict).recoverWithUni(e -> Panache.withSession(() -> jobs
                .findOwned(parseId(id), ownerId)
                .chain(job -> jobs.findLive(ownerId, job.googleAccountId, job.driveFileId)))
                .map(live -> {
                    throw ApiException.alreadyQueued("id", live == null ? null : live.id);
                }));
    }

    /** Deletes a job that is not running (409 while downloading or uploading). */
    @WithTransaction
    public Uni<Void> delete(String ownerId, String id) {
        return jobs.lockOwned(parseId(id), ownerId).chain(found -> {
            UploadJob job = require(found);
            if (job.status.isRunning()) {
                throw ApiException.conflict("job-running",
                        "The job is " + job.status.wireName() + "; cancel it first, then delete it");
            }
            return jobs.execute(JobCommands.delete(job.id)).replaceWithVoid();
        });
    }

    /** Deletes the owner's completed, failed and cancelled jobs. */
    @WithTransaction
    public Uni<ClearJobsResponse> clear(String ownerId) {
        return jobs.execute(JobCommands.clearFinished(ownerId)).map(deleted -> new ClearJobsResponse(deleted));
    }

    /**
     * The Drive file, looked up with the owner's credentials on a worker thread, if vidferry can upload it; otherwise
     * a 4xx naming {@code driveFileId} (or 409 when Google wants the account reconnected, 503 when unreachable).
     */
    Uni<DriveFileInfo> acceptableFile(StoredCredentials credentials, String driveFileId) {
        return lookup(credentials, driveFileId).map(this::checkFile);
    }

    private Uni<DriveFileInfo> lookup(StoredCredentials credentials, String driveFileId) {
        return blocking.run(() -> drive.lookup(credentials, driveFileId))
                .onFailure(DriveLookup.ReconnectRequired.class).recoverWithUni(
                        failure -> accounts.markReconnectRequired(credentials.accountId())
                                .chain(() -> Uni.createFrom().failure(new ApiException(409,
                                        "google-reconnect-required", "Google account must be reconnected",
                                        "Google no longer accepts the stored credentials; reconnect with "
                                                + "PUT /api/v1/google/account",
                                        List.of()))));
    }

    private DriveFileInfo checkFile(DriveFileInfo file) {
        if (!file.isVideo()) {
            throw ApiException.invalidField("not-a-video", "driveFileId", "notAVideo", "the Drive file is a "
                    + file.mimeType() + ", not a video (video/* or application/octet-stream)");
        }
        if (!file.canDownload()) {
            throw ApiException.invalidField("drive-forbidden", "driveFileId", "driveForbidden",
                    "the Drive file's owner does not allow downloading it");
        }
        if (file.size() == null) {
            throw ApiException.invalidField("not-a-video", "driveFileId", "notAVideo",
                    "the Drive file has no content to upload");
        }
        if (file.size() == 0) {
            throw ApiException.invalidField("empty-file", "driveFileId", "emptyFile",
                    "the Drive file is empty (0 bytes); YouTube refuses empty uploads");
        }
        long max = config.maxSize().asLongValue();
        if (file.size() > max) {
            throw ApiException.invalidField("file-too-large", "driveFileId", "fileTooLarge",
                    "the Drive file has " + file.size() + " bytes, more than the limit of " + max + " bytes");
        }
        return file;
    }

    /** Writes the job and its outbox rows in the caller's transaction. */
    Uni<UploadJob> insert(String ownerId, StoredCredentials credentials, CreateJobRequest request,
            DriveFileInfo file) {
        long warningSize = config.warningSize().asLongValue();
        String warning = file.size() > warningSize
                ? "The file has " + file.size() + " bytes, above the warning size of " + warningSize
                        + " bytes: the transfer will take long"
                : null;
        JobCommands.NewJob job = new JobCommands.NewJob(UUID.randomUUID(), ownerId, credentials.accountId(),
                new JobRequested.DriveFile(file.id(), file.name() == null ? file.id() : file.name(), file.mimeType(),
                        file.size(), file.md5Checksum()),
                request.folderPath(), request.batchId(), mapper.json(request.metadata().withDefaults()), warning,
                config.maxAttempts());
        return jobs.create(job)
                .call(created -> events.requested(created, "created"))
                .call(created -> events.statusChanged(created))
                .invoke(created -> Log.infof("job %s created for owner %s (Drive file %s, %d bytes)", created.id,
                        ownerId, created.driveFileId, created.sizeBytes));
    }

    private static JobStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return JobStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "invalidStatus", "status must be one of pending, downloading, "
                    + "uploading, deferred, completed, failed, cancelled");
        }
    }

    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (RuntimeException e) {
            throw ApiException.notFound("Job");
        }
    }

    private static UploadJob require(UploadJob job) {
        if (job == null) {
            throw ApiException.notFound("Job");
        }
        return job;
    }

}
