package dev.vidferry.api.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.account.GoogleAccountRepository;
import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.Cursor;
import dev.vidferry.model.api.SyncList;
import dev.vidferry.model.api.SyncRequest;
import dev.vidferry.model.api.SyncRunPage;
import dev.vidferry.model.api.SyncRunView;
import dev.vidferry.model.api.SyncView;
import dev.vidferry.model.metadata.Violation;
import dev.vidferry.platform.sync.FolderSync;
import dev.vidferry.platform.sync.SyncStore;

/**
 * Saved folder syncs: create, read, change, delete, ask for a run. A run is not made here: {@link #requestRun} queues
 * it and the scheduler-service starts it within one tick ({@code vidferry.sync.tick}), under the sync's lock, like a
 * scheduled run. {@code ownerScope} null = an admin, who sees and changes every user's syncs.
 */
@ApplicationScoped
public class SyncService {

    private final SyncStore store;
    private final GoogleAccountRepository accounts;
    private final Clock clock = Clock.systemUTC();

    public SyncService(SyncStore store, GoogleAccountRepository accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    public Uni<SyncView> create(String ownerId, SyncRequest request) {
        SyncValidator.Checked c = SyncValidator.check(request, null, clock);
        return accountOf(ownerId, c).chain(() -> {
            FolderSync sync = FolderSync.create(UUID.randomUUID(), ownerId, c.googleAccountId(), c.name(),
                    c.folderId(), c.recursive(), c.schedule(), c.maxFilesPerRun(), c.settings(), c.enabled(), now());
            return store.insert(sync);
        }).invoke(s -> Log.infof("sync %s created for owner %s (folder %s, cron %s %s)", s.id(), ownerId,
                s.folderId(), s.cron(), s.timezone())).map(SyncService::view);
    }

    public Uni<SyncList> list(String ownerScope) {
        return store.list(ownerScope).map(all -> new SyncList(all.stream().map(SyncService::view).toList()));
    }

    public Uni<SyncView> get(String ownerScope, String id) {
        return find(ownerScope, id).map(SyncService::view);
    }

    public Uni<SyncView> update(String ownerScope, String id, SyncRequest request) {
        return find(ownerScope, id).chain(sync -> {
            SyncValidator.Checked c = SyncValidator.check(request, checked(sync), clock);
            return accountOf(sync.ownerId(), c).chain(() -> store.update(sync.edited(c.googleAccountId(), c.name(),
                    c.folderId(), c.recursive(), c.schedule(), c.maxFilesPerRun(), c.settings(), c.enabled(), now())));
        }).map(SyncService::view);
    }

    public Uni<Void> delete(String ownerScope, String id) {
        return store.delete(ownerScope, uuid(id)).map(deleted -> {
            if (!deleted) {
                throw ApiException.notFound("Sync");
            }
            return null;
        });
    }

    /** Queues a run (one waits at most per sync: asking again returns it); the scheduler starts it. */
    public Uni<SyncRunView> requestRun(String ownerScope, String id, String full) {
        boolean fullRescan = flag(full);
        return find(ownerScope, id).chain(sync -> store.requestRun(sync.id(), fullRescan, now()))
                .map(SyncService::view);
    }

    public Uni<SyncRunPage> runs(String ownerScope, String id, String limit) {
        int size = Cursor.limit(limit, 20, 200);
        return find(ownerScope, id).chain(sync -> store.runs(sync.id(), size))
                .map(runs -> new SyncRunPage(runs.stream().map(SyncService::view).toList()));
    }

    private Uni<FolderSync> find(String ownerScope, String id) {
        return store.find(ownerScope, uuid(id)).map(sync -> {
            if (sync == null) {
                throw ApiException.notFound("Sync");
            }
            return sync;
        });
    }

    /** A named account must be one of the sync owner's (someone else's is refused like an unknown one). */
    private Uni<Void> accountOf(String ownerId, SyncValidator.Checked c) {
        if (c.googleAccountId() == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> accounts.findOwned(c.googleAccountId(), ownerId)).map(account -> {
            if (account == null) {
                throw SyncValidator.refused(List.of(new Violation("googleAccountId", "unknownAccount",
                        "no Google account " + c.googleAccountId() + " is connected for this user")));
            }
            return null;
        });
    }

    private static SyncValidator.Checked checked(FolderSync s) {
        return new SyncValidator.Checked(s.name(), s.folderId(), s.googleAccountId(), s.recursive(), s.schedule(),
                s.maxFilesPerRun(), s.settings(), s.enabled());
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank() || "false".equalsIgnoreCase(value)) {
            return false;
        }
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        throw ApiException.badRequest("full", "invalidFormat", "full must be true or false");
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (RuntimeException e) {
            throw ApiException.notFound("Sync");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static SyncView view(FolderSync s) {
        return new SyncView(s.id(), s.ownerId(), s.name(), s.folderId(), s.googleAccountId(), s.recursive(), s.cron(),
                s.timezone(), s.maxFilesPerRun(), s.settings(), s.enabled(), s.changesPageToken() != null,
                s.nextRunAt(), s.lastRunAt(), s.createdAt(), s.updatedAt());
    }

    static SyncRunView view(dev.vidferry.platform.sync.SyncRun r) {
        return new SyncRunView(r.id(), r.syncId(), r.trigger(), r.status(), r.mode(), r.fullRequested(),
                r.requestedAt(), r.startedAt(), r.finishedAt(), r.addedCount(), r.skippedCount(), r.driveCalls(),
                r.batchId(), r.error(), r.warnings());
    }
}
