package dev.vidferry.scheduler.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.vidferry.platform.google.AccountCredentials;
import dev.vidferry.platform.google.GoogleApis;
import dev.vidferry.platform.sync.CronSchedule;
import dev.vidferry.platform.sync.FolderSync;
import dev.vidferry.platform.sync.SyncLock;
import dev.vidferry.platform.sync.SyncRun;
import dev.vidferry.platform.sync.SyncStore;

/**
 * Runs one sync under its advisory lock ({@link SyncLock}): re-reads it under the lock (a replica that ran it a moment
 * ago has moved {@code next_run_at} on, so this one finds it not due and does nothing), starts a run record, finds the
 * videos on Drive ({@link SyncDrive}, on a worker thread), enqueues them ({@link SyncEnqueuer}), then records the
 * outcome, the changes token and the next time from the cron.
 */
@ApplicationScoped
public class SyncRunner {

    private final SyncStore store;
    private final SyncLock lock;
    private final AccountCredentials accounts;
    private final GoogleApis google;
    private final SyncDrive drive;
    private final SyncEnqueuer enqueuer;
    private final Clock clock = Clock.systemUTC();

    SyncRunner(SyncStore store, SyncLock lock, AccountCredentials accounts, GoogleApis google, SyncDrive drive,
            SyncEnqueuer enqueuer) {
        this.store = store;
        this.lock = lock;
        this.accounts = accounts;
        this.google = google;
        this.drive = drive;
        this.enqueuer = enqueuer;
    }

    /**
     * Runs {@code syncId} if it is due or a run was asked for; {@code force} runs it anyway (run-once
     * {@code --sync ID}).
     */
    public Uni<SyncOutcome> run(UUID syncId, boolean force) {
        return lock.withLock(syncId, SyncOutcome.busy(syncId), connection -> store.find(connection, null, syncId)
                .chain(sync -> sync == null
                        ? Uni.createFrom().item(SyncOutcome.gone(syncId))
                        : store.queued(connection, syncId).chain(queued -> {
                            Instant now = now();
                            boolean due = sync.enabled() && sync.nextRunAt() != null && !sync.nextRunAt().isAfter(now);
                            if (queued == null && !due && !force) {
                                return Uni.createFrom().item(SyncOutcome.notDue(syncId));
                            }
                            return store.start(connection, syncId, queued, now)
                                    .chain(run -> execute(connection, sync, run));
                        })));
    }

    private Uni<SyncOutcome> execute(SqlConnection connection, FolderSync sync, SyncRun run) {
        return accounts.load(sync.ownerId(), sync.googleAccountId())
                .chain(account -> Uni.createFrom().item(() -> find(account, sync, run))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .chain(found -> inTransaction(connection, () -> enqueuer
                                .enqueue(connection, sync, account.accountId(), run.id().toString(), found.videos())
                                .chain(outcome -> record(connection, sync, run, found, outcome)))))
                .onFailure().recoverWithUni(failure -> failed(connection, sync, run, failure));
    }

    private SyncDrive.Found find(AccountCredentials.Loaded account, FolderSync sync, SyncRun run) {
        try {
            return drive.find(google.drive(account.credentials()), sync, run.fullRequested());
        } catch (java.io.IOException e) {
            throw new DriveFailed(e);
        }
    }

    /** The jobs, the run record and the next token commit together: a crash in between leaves none of them. */
    private Uni<SyncOutcome> record(SqlConnection connection, FolderSync sync, SyncRun run, SyncDrive.Found found,
            SyncEnqueuer.Outcome outcome) {
        List<String> warnings = new ArrayList<>(found.warnings());
        if (outcome.leftOver() > 0) {
            warnings.add(outcome.leftOver() + " new videos over maxFilesPerRun " + sync.maxFilesPerRun()
                    + " wait for the next run (a full scan)");
        }
        String next = outcome.leftOver() > 0 ? null : found.nextToken();
        SyncRun done = run.succeeded(found.mode(), now(), outcome.added(), outcome.skipped() + outcome.leftOver(),
                found.driveCalls(), outcome.batchId(), warnings);
        return store.finish(connection, done)
                .chain(() -> store.afterSuccess(connection, sync.id(), next, found.index(),
                        next(sync, done.finishedAt()), done.finishedAt()))
                .invoke(() -> Log.infof("sync %s %s run %s: %d added, %d skipped, %d Drive calls", sync.id(),
                        found.mode(), run.id(), done.addedCount(), done.skippedCount(), done.driveCalls()))
                .replaceWith(SyncOutcome.ran(done));
    }

    private static <T> Uni<T> inTransaction(SqlConnection connection, java.util.function.Supplier<Uni<T>> work) {
        return connection.begin().chain(tx -> work.get()
                .call(tx::commit)
                .onFailure().call(() -> tx.rollback().onFailure().recoverWithNull()));
    }

    private Uni<SyncOutcome> failed(SqlConnection connection, FolderSync sync, SyncRun run, Throwable failure) {
        String why = reason(failure);
        Log.warnf("sync %s run %s failed: %s", sync.id(), run.id(), why);
        SyncRun done = run.failed(run.fullRequested() || sync.changesPageToken() == null
                ? SyncRun.FULL
                : SyncRun.INCREMENTAL, now(), 0, why, List.of());
        return store.finish(connection, done)
                .chain(() -> store.afterFailure(connection, sync.id(), next(sync, done.finishedAt()),
                        done.finishedAt()))
                .replaceWith(SyncOutcome.ran(done));
    }

    private static Instant next(FolderSync sync, Instant after) {
        return CronSchedule.of(sync.cron(), sync.timezone()).nextAfter(after);
    }

    static String reason(Throwable failure) {
        Throwable t = failure instanceof DriveFailed d ? d.getCause() : failure;
        if (t instanceof AccountCredentials.Unusable) {
            return t.getMessage();
        }
        if (t instanceof com.google.api.client.googleapis.json.GoogleJsonResponseException g) {
            return "Drive answered " + g.getStatusCode()
                    + (g.getDetails() == null ? "" : ": " + g.getDetails().getMessage());
        }
        if (failure instanceof DriveFailed) {
            return "Drive failed: " + t.getClass().getSimpleName() + (t.getMessage() == null
                    ? ""
                    : ": "
                            + t.getMessage());
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A Drive call failed (after the client's retries). */
    static final class DriveFailed extends RuntimeException {

        DriveFailed(java.io.IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
