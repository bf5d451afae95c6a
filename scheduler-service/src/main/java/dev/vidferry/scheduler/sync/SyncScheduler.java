package dev.vidferry.scheduler.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.vidferry.platform.sync.SyncStore;

/** Finds the syncs due now (or asked to run) and runs them one after the other, each under its own lock. */
@ApplicationScoped
public class SyncScheduler {

    private final SyncStore store;
    private final SyncRunner runner;
    private final SyncConfig config;

    SyncScheduler(SyncStore store, SyncRunner runner, SyncConfig config) {
        this.store = store;
        this.runner = runner;
        this.config = config;
    }

    /** Runs every due sync once; the outcomes in order. */
    public Uni<List<SyncOutcome>> runDue() {
        return store.due(Instant.now(), config.batchSize()).chain(this::runAll);
    }

    /** Runs {@code syncId} now, due or not (run-once {@code --sync ID}). */
    public Uni<SyncOutcome> runNow(UUID syncId) {
        return runner.run(syncId, true);
    }

    private Uni<List<SyncOutcome>> runAll(List<UUID> ids) {
        return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> runner.run(id, false))
                .collect().in(ArrayList::new, List::add);
    }
}
