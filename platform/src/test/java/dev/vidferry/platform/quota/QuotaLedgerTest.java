package dev.vidferry.platform.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.quota.BucketUsage;
import dev.vidferry.model.quota.QuotaBuckets;
import dev.vidferry.model.quota.QuotaCostTable;
import dev.vidferry.model.quota.QuotaDecision;
import dev.vidferry.model.quota.QuotaDecision.Reason;
import dev.vidferry.model.quota.QuotaMethods;
import dev.vidferry.model.quota.QuotaModel;
import dev.vidferry.model.quota.QuotaUsage;
import dev.vidferry.platform.MigratedDatabase;

class QuotaLedgerTest {

    /** 23:59:59 Pacific on 26 Nov 2026; midnight is 08:00Z. */
    private static final Instant BEFORE_MIDNIGHT = Instant.parse("2026-11-27T07:59:59Z");
    private static final Instant MIDNIGHT = Instant.parse("2026-11-27T08:00:00Z");

    private static MigratedDatabase db;
    private static Pool pool;
    private static Pool otherPool;

    private final String project = "project-" + UUID.randomUUID();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T18:00:00Z"));

    @BeforeAll
    static void createDatabase() {
        db = new MigratedDatabase("vidferry_test_platform");
        pool = db.pool(4);
        otherPool = db.pool(4);
    }

    @AfterAll
    static void closeDatabase() {
        pool.closeAndAwait();
        otherPool.closeAndAwait();
        db.close();
    }

    @Test
    void twoWorkersRacingForTheLastUnitsNeverExceedTheLimit() throws Exception {
        QuotaLedger first = new QuotaLedger(pool, QuotaModel.CURRENT.table(), clock);
        QuotaLedger second = new QuotaLedger(otherPool, QuotaModel.CURRENT.table(), clock);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<QuotaDecision>>> results = new ArrayList<>();
            for (QuotaLedger ledger : List.of(first, second)) {
                results.add(workers.submit(() -> {
                    start.await();
                    List<CompletableFuture<QuotaDecision>> calls = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        calls.add(ledger.reserve(project, QuotaMethods.VIDEOS_INSERT).subscribeAsCompletionStage());
                    }
                    return calls.stream().map(CompletableFuture::join).toList();
                }));
            }
            start.countDown();
            List<QuotaDecision> decisions = new ArrayList<>();
            for (Future<List<QuotaDecision>> result : results) {
                decisions.addAll(result.get());
            }

            assertThat(decisions).hasSize(400);
            assertThat(decisions.stream().filter(QuotaDecision::granted)).hasSize(100);
            assertThat(decisions.stream().filter(d -> !d.granted()))
                    .allSatisfy(d -> {
                        assertThat(d.reason()).isEqualTo(Reason.LIMIT_REACHED);
                        assertThat(d.resetsAt()).isEqualTo(MIDNIGHT);
                    });
            assertThat(decisions.stream().filter(QuotaDecision::granted).mapToLong(QuotaDecision::used).distinct())
                    .hasSize(100).allSatisfy(used -> assertThat(used).isBetween(1L, 100L));
            assertThat(usedInDb(QuotaBuckets.VIDEOS_INSERT)).isEqualTo(100);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void theNextPacificDayStartsWithAFullBucket() {
        QuotaLedger ledger = ledger(Map.of(QuotaBuckets.VIDEOS_INSERT, 3L));
        clock.set(BEFORE_MIDNIGHT);
        for (int i = 0; i < 3; i++) {
            assertThat(reserveUpload(ledger).granted()).isTrue();
        }
        QuotaDecision denied = reserveUpload(ledger);
        assertThat(denied.granted()).isFalse();
        assertThat(denied.resetsAt()).isEqualTo(MIDNIGHT);
        assertThat(denied.used()).isEqualTo(3);

        clock.set(MIDNIGHT);
        QuotaDecision granted = reserveUpload(ledger);

        assertThat(granted.granted()).isTrue();
        assertThat(granted.used()).isEqualTo(1);
        assertThat(granted.pacificDate()).hasToString("2026-11-27");
        assertThat(granted.resetsAt()).isEqualTo(Instant.parse("2026-11-28T08:00:00Z"));
    }

    @Test
    void aBucketGoogleSaysIsExhaustedDeniesUntilTheReset() {
        QuotaLedger ledger = ledger(Map.of());
        clock.set(BEFORE_MIDNIGHT.minusSeconds(3600));
        assertThat(reserveUpload(ledger).granted()).isTrue();

        Instant resetsAt = ledger.markExhausted(project, QuotaBuckets.VIDEOS_INSERT).await().indefinitely();
        QuotaDecision denied = reserveUpload(ledger);

        assertThat(resetsAt).isEqualTo(MIDNIGHT);
        assertThat(denied.granted()).isFalse();
        assertThat(denied.reason()).isEqualTo(Reason.EXHAUSTED);
        assertThat(denied.used()).isEqualTo(1);
        assertThat(ledger.reserve(project, QuotaMethods.VIDEOS_LIST).await().indefinitely().granted())
                .as("other buckets stay open").isTrue();
        BucketUsage uploads = bucket(ledger.usage(project).await().indefinitely(), QuotaBuckets.VIDEOS_INSERT);
        assertThat(uploads.exhausted()).isTrue();
        assertThat(uploads.remaining()).isZero();

        clock.set(MIDNIGHT);
        assertThat(reserveUpload(ledger).granted()).isTrue();
    }

    @Test
    void aReservationThatWasNeverSentIsGivenBack() {
        QuotaLedger ledger = ledger(Map.of());
        QuotaDecision reservation = ledger.reserve(project, QuotaMethods.THUMBNAILS_SET).await().indefinitely();
        assertThat(reservation.used()).isEqualTo(50);

        ledger.release(reservation).await().indefinitely();

        assertThat(usedInDb(QuotaBuckets.DEFAULT)).isZero();
    }

    @Test
    void recordedCallsCountEvenPastTheLimit() {
        QuotaLedger ledger = ledger(Map.of(QuotaBuckets.SEARCH_LIST, 2L));
        for (int i = 0; i < 3; i++) {
            ledger.record(project, QuotaMethods.SEARCH_LIST).await().indefinitely();
        }

        QuotaDecision denied = ledger.reserve(project, QuotaMethods.SEARCH_LIST).await().indefinitely();
        BucketUsage search = bucket(ledger.usage(project).await().indefinitely(), QuotaBuckets.SEARCH_LIST);

        assertThat(usedInDb(QuotaBuckets.SEARCH_LIST)).isEqualTo(3);
        assertThat(denied.reason()).isEqualTo(Reason.LIMIT_REACHED);
        assertThat(search.used()).isEqualTo(3);
        assertThat(search.remaining()).isZero();
        assertThat(search.exhausted()).isTrue();
    }

    @Test
    void usageListsEveryConfiguredBucketWithWhatIsLeftToday() {
        QuotaLedger ledger = ledger(Map.of());
        ledger.reserve(project, QuotaMethods.CAPTIONS_INSERT).await().indefinitely();

        QuotaUsage usage = ledger.usage(project).await().indefinitely();

        assertThat(usage.resetsAt()).isEqualTo(MIDNIGHT);
        assertThat(usage.buckets()).extracting(BucketUsage::bucket)
                .containsExactly("default", "search.list", "videos.insert");
        assertThat(bucket(usage, "default")).isEqualTo(new BucketUsage("default", 400, 10_000, 9_600, false, MIDNIGHT));
        assertThat(bucket(usage, "videos.insert")).isEqualTo(new BucketUsage("videos.insert", 0, 100, 100, false,
                MIDNIGHT));
    }

    @Test
    void theLegacyModelFitsSixUploadsIntoTenThousandUnits() {
        QuotaLedger ledger = new QuotaLedger(pool, QuotaModel.LEGACY.table(), clock);
        long granted = 0;
        for (int i = 0; i < 8; i++) {
            if (reserveUpload(ledger).granted()) {
                granted++;
            }
        }
        assertThat(granted).isEqualTo(6);
        assertThat(usedInDb(QuotaBuckets.DEFAULT)).isEqualTo(9_600);
        assertThat(ledger.reserve(project, QuotaMethods.THUMBNAILS_SET).await().indefinitely().granted()).isTrue();
    }

    private QuotaLedger ledger(Map<String, Long> limits) {
        QuotaCostTable table = QuotaModel.CURRENT.table().withOverrides(limits, Map.of());
        return new QuotaLedger(pool, table, clock);
    }

    private QuotaDecision reserveUpload(QuotaLedger ledger) {
        return ledger.reserve(project, QuotaMethods.VIDEOS_INSERT).await().indefinitely();
    }

    private long usedInDb(String bucket) {
        return pool.preparedQuery("SELECT coalesce(sum(used), 0) AS used FROM quota_ledger"
                + " WHERE project_id = $1 AND bucket = $2").execute(Tuple.of(project, bucket))
                .await().indefinitely().iterator().next().getLong("used");
    }

    private static BucketUsage bucket(QuotaUsage usage, String name) {
        return usage.buckets().stream().filter(b -> b.bucket().equals(name)).findFirst().orElseThrow();
    }
}
