package dev.vidferry.worker.transfer;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;

import io.quarkus.logging.Log;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.model.job.JobStage;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.model.quota.QuotaDecision;
import dev.vidferry.model.quota.QuotaMethods;
import dev.vidferry.platform.google.GoogleCredentialsFactory;
import dev.vidferry.platform.job.ClaimedJob;
import dev.vidferry.platform.job.DriveRevision;
import dev.vidferry.worker.google.AccountProblemException;
import dev.vidferry.worker.google.DriveReader;
import dev.vidferry.worker.google.GoogleAccounts;
import dev.vidferry.worker.google.GoogleErrors;
import dev.vidferry.worker.google.ResumableUpload;
import dev.vidferry.worker.job.LeaseLostException;
import dev.vidferry.worker.progress.ProgressTracker;

/**
 * Runs one claimed job on a transfer thread: credentials, the Drive revision (compared with the one an earlier attempt
 * recorded: a changed file abandons the old session), duplicate check, then the session opened or resumed and
 * streamed through {@link StreamBridge}, whose md5 must match Drive's. Outcomes are written by {@link JobOutcomes}.
 * Never leaves the job claimed on an error it can catch. Longer than a screen because these steps share the state
 * that classifies a failure (account, which API answered, the quota method booked) and the cancel/stop flags.
 */
final class JobTransfer implements Runnable {

    private final ClaimedJob job;
    private final TransferContext ctx;
    private final ProgressTracker progress;
    private final JobOutcomes outcomes;
    private volatile boolean stopRequested;
    private volatile boolean leaseLost;
    private volatile boolean cancelRequested;
    private GoogleErrors.Api api = GoogleErrors.Api.DRIVE;
    private GoogleAccounts.Account account;
    private String quotaMethod;
    private String warning;
    private volatile ResumableUpload activeUpload;
    private volatile DriveReader activeSource;

    JobTransfer(ClaimedJob job, EventEnvelope<JobProgress> claimEvent, TransferContext ctx) {
        this.job = job;
        this.ctx = ctx;
        this.progress = new ProgressTracker(job, ctx.repository(), ctx.outbox(), ctx.emitter(), ctx.config(),
                ctx.clock());
        this.outcomes = new JobOutcomes(job, ctx, progress);
        progress.statusChanged(claimEvent);
    }

    ClaimedJob job() {
        return job;
    }

    /** Asks the transfer to hand its job back at the next chunk boundary (shutdown). */
    void requestStop() {
        stopRequested = true;
    }

    /** The user asked to cancel: stop at the next chunk boundary and mark the job cancelled. */
    void cancelRequested() {
        cancelRequested = true;
        abortInFlight();
    }

    /** The heartbeat found the job no longer ours: stop at the next chunk boundary. */
    void leaseLost() {
        leaseLost = true;
        abortInFlight();
    }

    /** Cuts off the chunk PUT and the Drive read in flight: on a slow link a cancel must not wait for them. */
    private void abortInFlight() {
        ResumableUpload upload = activeUpload;
        if (upload != null) {
            upload.abort();
        }
        DriveReader source = activeSource;
        if (source != null) {
            source.close();
        }
    }

    @Override
    public void run() {
        try {
            transfer();
        } catch (LeaseLostException e) {
            Log.infof("job %s: stopped, it was cancelled or taken over (%s)", job.id(), e.getMessage());
            ctx.metrics().released("lease-lost");
        } catch (TransferSignals.StopRequested e) {
            outcomes.handedBack();
        } catch (TransferSignals.CancelRequested e) {
            outcomes.cancelled();
        } catch (Throwable e) {
            if (leaseLost) {
                Log.infof("job %s: stopped, it was taken over (%s)", job.id(), e.toString());
                ctx.metrics().released("lease-lost");
            } else if (cancelRequested) {
                outcomes.cancelled(); // e.g. the request a cancel cut off
            } else {
                outcomes.failed(e, api, account, quotaMethod);
            }
        }
    }

    private void transfer() throws IOException {
        account = ctx.accounts().load(job.ownerId(), job.googleAccountId());
        refreshCredentials();
        Drive drive = ctx.clients().drive(account.credentials());
        File file = drive.files().get(job.driveFileId()).setSupportsAllDrives(true)
                .setFields("id,name,mimeType,size,md5Checksum,headRevisionId,modifiedTime").execute();
        DriveRevision revision = revision(file);
        String contentType = file.getMimeType() != null && file.getMimeType().startsWith("video/")
                ? file.getMimeType()
                : "application/octet-stream";
        long total = revision.size();
        String md5 = revision.md5() != null ? revision.md5() : job.driveMd5();
        progress.totalBytes(total);
        String restart = abandonSessionIfChanged(revision);
        String session = restart == null
                ? ctx.accounts().openSession(job.ownerId(), job.fence().jobId(), job.uploadSessionUri())
                : null;

        api = GoogleErrors.Api.YOUTUBE;
        quotaMethod = QuotaMethods.VIDEOS_LIST;
        // skipDuplicates false: the user asked for copies too (folder enqueue with skipDuplicates=false)
        Optional<DuplicateCheck.Existing> existing = job.skipDuplicates()
                ? ctx.duplicates().findOrSkip(job.ownerId(), account.id(), account.channelId(), md5,
                        ctx.clients().youtube(account.credentials()), this::warn)
                : Optional.empty();
        if (existing.isPresent()) {
            outcomes.duplicate(existing.get());
            return;
        }

        ResumableUpload upload = ctx.clients().resumableUpload(account.credentials());
        activeUpload = upload;
        if (cancelRequested || leaseLost) {
            upload.abort();
        }
        long offset = 0;
        if (session != null) {
            ResumableUpload.State state = upload.query(session, total);
            if (state instanceof ResumableUpload.Done) {
                offset = total; // finished before a crash: the stream only re-reads Drive to check the md5
            } else if (state instanceof ResumableUpload.Incomplete incomplete && incomplete.nextOffset() <= total) {
                offset = incomplete.nextOffset();
                Log.infof("job %s: resuming upload session at byte %d of %d", job.id(), offset, total);
            } else {
                Log.infof("job %s: the earlier upload session is gone, starting a new one", job.id());
                outcomes.held(ctx.repository().forgetSession(job.fence()));
                session = null;
            }
        }
        boolean newSession = session == null;
        if (newSession) {
            session = initiate(upload, total, contentType);
        }
        progress.bytesConfirmedQuietly(offset);
        EventEnvelope<JobProgress> uploading = progress.statusEvent(JobStatus.UPLOADING, JobStage.UPLOADING,
                restart != null ? restart : uploadingMessage(), null, null, null);
        outcomes.held(ctx.repository().startUpload(job.fence(),
                ctx.accounts().sealSession(job.ownerId(), job.fence().jobId(), session), offset, newSession, uploading));
        progress.statusChanged(uploading);

        pause(DebugPause.BEFORE_FIRST_CHUNK);
        SessionStreamer.Result result = new StreamBridge(job, ctx, progress, outcomes, new Control())
                .stream(drive, upload, session, offset, total, contentType, source -> activeSource = source,
                        this::uploadingMessage);
        pause(DebugPause.BEFORE_RECORD);
        if (revision.md5() != null && !revision.md5().equalsIgnoreCase(result.md5())) {
            outcomes.contentMismatch(result.video(), revision.md5(), result.md5());
        } else {
            outcomes.completed(result.video(), total, md5, account, warning);
        }
    }

    /**
     * Compares the file with the revision an earlier attempt recorded and records the current one. A session of the
     * job that holds bytes of another revision is forgotten (it is never finalized); returns the message saying so, or
     * null when the session (if any) may be resumed.
     */
    private String abandonSessionIfChanged(DriveRevision revision) {
        String restart = null;
        Optional<DriveRevision> recorded = ctx.repository().recordedRevision(job.fence()).await()
                .atMost(JobOutcomes.DB_TIMEOUT);
        if (job.uploadSessionUri() != null && recorded.isPresent() && recorded.get().changedTo(revision)) {
            restart = "The Drive file changed since the upload began (" + recorded.get().label() + ", now "
                    + revision.label() + "): the earlier upload session was abandoned, uploading anew";
            Log.infof("job %s: %s", job.id(), restart);
            outcomes.held(ctx.repository().forgetSession(job.fence()));
        }
        outcomes.held(ctx.repository().recordRevision(job.fence(), revision));
        return restart;
    }

    private static DriveRevision revision(File file) {
        if (file.getSize() == null) {
            throw new TransferSignals.Terminal(ErrorCode.NOT_A_VIDEO, "The Drive file has no downloadable content (is "
                    + "it a Google Docs file or a folder?)");
        }
        if (file.getSize() == 0) {
            throw new TransferSignals.Terminal(ErrorCode.EMPTY_FILE,
                    "The Drive file is empty (0 bytes); YouTube accepts no empty videos");
        }
        return new DriveRevision(file.getSize(), file.getMd5Checksum(), file.getHeadRevisionId(),
                file.getModifiedTime() == null ? null : Instant.ofEpochMilli(file.getModifiedTime().getValue()));
    }

    private String uploadingMessage() {
        return warning == null ? "Uploading to YouTube" : "Uploading to YouTube (warning: " + warning + ")";
    }

    /** Shows {@code line} on the job (its warning) and goes on. */
    private void warn(String line) {
        warning = line;
        Log.warnf("job %s: %s", job.id(), line);
        outcomes.held(ctx.repository().addWarning(job.fence(), line));
    }

    /**
     * Opens a new session, within the shared quota: one {@code videos.insert} is booked in the ledger first; denied ->
     * the job is deferred to the bucket's reset. A booking whose request surely never left is given back.
     */
    private String initiate(ResumableUpload upload, long total, String contentType) throws IOException {
        QuotaDecision reservation = ctx.quota().reserve(ctx.projectId(), QuotaMethods.VIDEOS_INSERT).await()
                .atMost(JobOutcomes.DB_TIMEOUT);
        if (!reservation.granted()) {
            throw new TransferSignals.Deferral(ErrorCode.QUOTA_EXCEEDED, "The YouTube upload quota of today is used "
                    + "up (" + reservation.used() + " of " + reservation.limit() + " uploads); the job waits for the "
                    + "reset at midnight Pacific time", reservation.resetsAt());
        }
        quotaMethod = QuotaMethods.VIDEOS_INSERT;
        try {
            VideoMetadata metadata = job.metadata().withDefaults();
            return upload.initiate(VideoMapping.video(metadata), Boolean.TRUE.equals(metadata.notifySubscribers()),
                    total, contentType);
        } catch (IOException | RuntimeException e) {
            if (neverSent(e)) {
                ctx.quota().release(reservation).onFailure().recoverWithNull().await().atMost(JobOutcomes.DB_TIMEOUT);
            }
            ChannelDiagnosis.explain(e, ctx.clients().youtube(account.credentials()), () -> ctx.quota()
                    .record(ctx.projectId(), QuotaMethods.CHANNELS_LIST).onFailure().recoverWithNull().await()
                    .atMost(JobOutcomes.DB_TIMEOUT));
            throw e;
        }
    }

    /** True when the request surely never reached Google (no connection was made). */
    private static boolean neverSent(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private void refreshCredentials() {
        try {
            account.credentials().refreshIfExpired();
        } catch (IOException e) {
            if (GoogleCredentialsFactory.isInvalidGrant(e)) {
                throw new AccountProblemException(ErrorCode.GOOGLE_RECONNECT_REQUIRED,
                        "Google refused the stored authorization (invalid_grant): reconnect Google, then retry the job");
            }
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the stream asks of this transfer: is the job still ours, pause points, a cancel seen in a write. */
    private final class Control implements StreamBridge.Control {

        @Override
        public void checkStillOurs() {
            JobTransfer.this.checkStillOurs();
        }

        @Override
        public void pause(String point) {
            JobTransfer.this.pause(point);
        }

        @Override
        public void cancelSeen() {
            cancelRequested = true;
        }

        @Override
        public boolean aborted() {
            return cancelRequested || leaseLost;
        }
    }

    private void pause(String point) {
        ctx.debug().at(point, job.id(), job.attempt(), () -> stopRequested || cancelRequested || leaseLost);
    }

    private void checkStillOurs() {
        if (leaseLost) {
            throw new LeaseLostException(job.fence());
        }
        if (cancelRequested) {
            throw new TransferSignals.CancelRequested();
        }
        if (stopRequested) {
            throw new TransferSignals.StopRequested();
        }
    }

}
