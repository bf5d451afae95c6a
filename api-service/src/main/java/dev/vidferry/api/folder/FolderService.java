package dev.vidferry.api.folder;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.vidferry.api.account.GoogleAccountService;
import dev.vidferry.api.account.GoogleAccountService.StoredCredentials;
import dev.vidferry.api.common.GoogleCalls;
import dev.vidferry.api.job.JobsConfig;
import dev.vidferry.model.api.FolderEnqueueRequest;
import dev.vidferry.model.api.FolderEnqueueResponse;
import dev.vidferry.model.api.FolderScanResponse;
import dev.vidferry.platform.drive.FolderNotFoundException;
import dev.vidferry.platform.drive.FolderScan;
import dev.vidferry.platform.drive.FolderScanner;
import dev.vidferry.platform.folder.FolderBatch;
import dev.vidferry.platform.folder.FolderBatchRequest;
import dev.vidferry.platform.folder.FolderEnqueuer;
import dev.vidferry.platform.google.GoogleApis;
import dev.vidferry.platform.job.JobBatches;

/**
 * One-off folder uploads: the request checked, the folder scanned with the caller's Google account on a worker thread
 * (platform {@link FolderScanner}), then the platform {@link FolderEnqueuer} plans (scan) or writes (enqueue) the jobs.
 * The writes run in a transaction of the reactive {@link Pool}, not of a Panache session: the batch is four bulk
 * statements of the platform, and no entity of this request is touched.
 */
@ApplicationScoped
public class FolderService {

    private final GoogleAccountService accounts;
    private final GoogleCalls google;
    private final GoogleApis apis;
    private final FolderEnqueuer enqueuer;
    private final Pool pool;
    private final FoldersConfig config;
    private final JobsConfig jobs;
    private final FolderScanner scanner;
    private final Clock clock = Clock.systemUTC();

    public FolderService(GoogleAccountService accounts, GoogleCalls google, GoogleApis apis, FolderEnqueuer enqueuer,
            Pool pool, FoldersConfig config, JobsConfig jobs) {
        this.accounts = accounts;
        this.google = google;
        this.apis = apis;
        this.enqueuer = enqueuer;
        this.pool = pool;
        this.config = config;
        this.jobs = jobs;
        this.scanner = new FolderScanner(config.scanParallelism(), clock);
    }

    public Uni<FolderScanResponse> scan(String ownerId, String folderId, FolderEnqueueRequest body) {
        FolderRequests.Checked checked = FolderRequests.check(folderId, body, config.maxDepth(), clock);
        return scanned(ownerId, checked).chain(scanned -> enqueuer.preview(pool, batch(ownerId, checked, scanned))
                .map(plan -> FolderViews.scan(folderId, scanned.scan(), plan)));
    }

    public Uni<FolderEnqueueResponse> enqueue(String ownerId, String folderId, FolderEnqueueRequest body) {
        FolderRequests.Checked checked = FolderRequests.check(folderId, body, config.maxDepth(), clock);
        return scanned(ownerId, checked).chain(scanned -> enqueuer.enqueue(pool, batch(ownerId, checked, scanned))
                .map(done -> FolderViews.enqueued(scanned.scan(), done)));
    }

    private record Scanned(StoredCredentials credentials, FolderScan scan) {
    }

    private Uni<Scanned> scanned(String ownerId, FolderRequests.Checked checked) {
        return Panache.withSession(() -> accounts.credentialsOf(ownerId, checked.googleAccountId()))
                .chain(stored -> google.run(stored, credentials -> {
                    try {
                        return new Scanned(stored, scanner.scan(apis.drive(credentials), checked.scan()));
                    } catch (FolderNotFoundException e) {
                        throw FolderFailures.notFound(e.getMessage());
                    } catch (IOException e) {
                        throw FolderFailures.of(e);
                    }
                }));
    }

    private FolderBatchRequest batch(String ownerId, FolderRequests.Checked checked, Scanned scanned) {
        JobBatches.Batch batch = new JobBatches.Batch(ownerId, scanned.credentials().accountId(),
                "folder-" + UUID.randomUUID(), null, jobs.maxAttempts(), checked.skipDuplicates());
        return new FolderBatchRequest(batch, scanned.scan().videos(), checked.settings(), config.uploadDateZone(),
                Instant.now(clock), new FolderBatchRequest.Limits(jobs.maxSize().asLongValue(),
                        jobs.warningSize().asLongValue()));
    }
}
