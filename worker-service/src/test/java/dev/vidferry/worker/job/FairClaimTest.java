package dev.vidferry.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import dev.vidferry.platform.job.ClaimedJob;
import dev.vidferry.platform.job.Fence;
import dev.vidferry.platform.job.Lease;
import dev.vidferry.platform.outbox.OutboxWriter;
import dev.vidferry.testsupport.postgres.PostgresResource;

/**
 * The fair claim order against real PostgreSQL (no Quarkus app, so no dispatcher competes): FIFO within an owner,
 * round-robin across owners, expired leases taken over with a new attempt, and no job claimed twice by racing
 * workers.
 */
class FairClaimTest {

    private static final String DATABASE = "worker_claim";
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private static Vertx vertx;
    private static Pool pool;
    private static Pool otherPool;

    @BeforeAll
    static void migrate() {
        PostgresResource resource = new PostgresResource();
        resource.init(Map.of("database", DATABASE, "fresh", "true"));
        Map<String, String> config = resource.start();
        Flyway.configure().dataSource(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"))
                .locations("classpath:db/migration").load().migrate();
        vertx = Vertx.vertx();
        PgConnectOptions options = PgConnectOptions.fromUri(config.get("quarkus.datasource.reactive.url"))
                .setUser(config.get("quarkus.datasource.username"))
                .setPassword(config.get("quarkus.datasource.password"));
        pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(options)
                .using(vertx).build());
        otherPool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(options)
                .using(vertx).build());
    }

    @AfterAll
    static void close() {
        pool.closeAndAwait();
        otherPool.closeAndAwait();
        vertx.close();
    }

    @BeforeEach
    void emptyQueue() {
        sql("DELETE FROM job_outbox");
        sql("DELETE FROM upload_job");
        sql("DELETE FROM google_account");
    }

    private static JobRepository repository(Pool on) {
        return new JobRepository(on, new JobOutbox(new OutboxWriter(MAPPER), on), MAPPER);
    }

    private static Optional<ClaimedJob> claim(String worker) {
        return repository(pool).claimNext(worker, LEASE, JobOutbox::claimed).await().atMost(Duration.ofSeconds(10));
    }

    /** A pending job of {@code owner} created {@code secondsAgo} ago. */
    private static UUID pending(String owner, int secondsAgo) {
        return job(owner, "pending", secondsAgo);
    }

    private static UUID job(String owner, String status, int secondsAgo) {
        UUID id = UUID.randomUUID();
        sql("INSERT INTO upload_job (id, owner_id, drive_file_id, drive_file_name, size_bytes, metadata, status, "
                + "created_at) VALUES ('" + id + "', '" + owner + "', 'f-" + id + "', 'clip.mp4', 1000, "
                + "'{\"title\":\"t\"}'::jsonb, '" + status + "', now() - interval '" + secondsAgo + " seconds')");
        return id;
    }

    /** A job some worker runs under a live lease. */
    private static UUID running(String owner, int secondsAgo) {
        UUID id = job(owner, "uploading", secondsAgo);
        sql("UPDATE upload_job SET lease_owner = 'busy-worker', attempt = 1, lease_expires_at = now() + interval '1 "
                + "minute' WHERE id = '" + id + "'");
        return id;
    }

    private List<UUID> claimAll(int count) {
        List<UUID> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(claim("w").orElseThrow().id());
        }
        return order;
    }

    @Test
    void jobsOfOneOwnerAreClaimedOldestFirst() {
        UUID second = pending("alice", 20);
        UUID first = pending("alice", 30);
        UUID third = pending("alice", 10);

        assertThat(claimAll(3)).containsExactly(first, second, third);
        assertThat(claim("w")).isEmpty();
    }

    @Test
    void ownersTakeTurnsSoABigFolderDoesNotStarveAnotherOwnersSingleJob() {
        List<UUID> folder = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            folder.add(pending("folder-owner", 100 - i)); // queued long before bob's jobs
        }
        UUID bob1 = pending("bob", 5);
        UUID bob2 = pending("bob", 4);

        assertThat(claimAll(5)).containsExactly(folder.get(0), bob1, folder.get(1), bob2, folder.get(2));
    }

    @Test
    void theOwnerWithFewerRunningJobsGoesFirstEvenWithAYoungerJob() {
        running("alice", 60);
        running("alice", 59);
        UUID aliceWaiting = pending("alice", 50);
        UUID bobsOnlyJob = pending("bob", 1);

        assertThat(claimAll(2)).containsExactly(bobsOnlyJob, aliceWaiting);
    }

    @Test
    void jobsThatAreNotDueOrWaitForAReconnectAreNotClaimed() {
        UUID later = pending("alice", 10);
        sql("UPDATE upload_job SET next_attempt_at = now() + interval '1 hour' WHERE id = '" + later + "'");
        job("alice", "deferred", 10);
        sql("INSERT INTO google_account (id, owner_id, project_id, key_id, refresh_token_ciphertext, status) VALUES ('"
                + UUID.randomUUID() + "', 'carol', 'vidferry', 'k', '\\x00', 'reconnect_required')");
        pending("carol", 10);

        assertThat(claim("w")).isEmpty();

        sql("UPDATE upload_job SET next_attempt_at = now() - interval '1 second' WHERE id = '" + later + "'");
        assertThat(claim("w")).map(ClaimedJob::id).contains(later);
    }

    @Test
    void aJobWhoseLeaseExpiredIsTakenOverWithTheNextAttemptAndItsUploadSession() {
        UUID lost = job("alice", "uploading", 30);
        sql("UPDATE upload_job SET lease_owner = 'dead-worker', attempt = 1, lease_expires_at = now() - interval "
                + "'1 second', upload_session_uri = 'http://yt/session/1', upload_confirmed_offset = 524288 "
                + "WHERE id = '" + lost + "'");
        UUID older = pending("bob", 60);
        running("carol", 5); // a live lease is never taken

        ClaimedJob taken = claim("rescuer").orElseThrow();

        assertThat(taken.id()).as("an expired lease goes before older pending jobs").isEqualTo(lost);
        assertThat(taken.attempt()).isEqualTo(2);
        assertThat(taken.fence().leaseOwner()).isEqualTo("rescuer");
        assertThat(taken.uploadSessionUri()).isEqualTo("http://yt/session/1");
        assertThat(taken.uploadConfirmedOffset()).isEqualTo(524288);
        assertThat(value("SELECT status || ' ' || lease_owner FROM upload_job WHERE id = '" + lost + "'"))
                .isEqualTo("downloading rescuer");
        assertThat(repository(pool).heartbeat(new Fence(lost, "dead-worker", 1), LEASE).await().indefinitely())
                .as("the dead worker's fence no longer holds").isEqualTo(Lease.LOST);
        assertThat(claim("rescuer")).map(ClaimedJob::id).contains(older);
        assertThat(claim("rescuer")).isEmpty();
    }

    @Test
    void expiredLeasesWithACancelOrNoAttemptsLeftAreLeftToHousekeeping() {
        UUID cancelled = job("alice", "downloading", 30);
        sql("UPDATE upload_job SET lease_owner = 'dead', attempt = 1, lease_expires_at = now() - interval '1 second', "
                + "cancel_requested_at = now() WHERE id = '" + cancelled + "'");
        UUID exhausted = job("alice", "uploading", 30);
        sql("UPDATE upload_job SET lease_owner = 'dead', attempt = max_attempts, lease_expires_at = now() - interval "
                + "'1 second' WHERE id = '" + exhausted + "'");

        assertThat(claim("w")).isEmpty();
    }

    @Test
    void twoWorkersRacingForTheQueueNeverClaimTheSameJob() throws Exception {
        int jobs = 60;
        for (int i = 0; i < jobs; i++) {
            pending("owner-" + (i % 3), jobs - i);
        }
        Map<UUID, String> claimedBy = new ConcurrentHashMap<>();
        List<String> doubles = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> claimers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String worker = "worker-" + t;
            JobRepository repository = repository(t % 2 == 0 ? pool : otherPool);
            claimers.add(threads.submit(() -> {
                start.await();
                while (true) {
                    Optional<ClaimedJob> job = repository.claimNext(worker, LEASE, JobOutbox::claimed).await()
                            .atMost(Duration.ofSeconds(20));
                    if (job.isEmpty()) {
                        return null;
                    }
                    String previous = claimedBy.putIfAbsent(job.get().id(), worker);
                    if (previous != null) {
                        doubles.add(job.get().id() + " by " + previous + " and " + worker);
                    }
                }
            }));
        }
        start.countDown();
        for (Future<?> claimer : claimers) {
            claimer.get();
        }
        threads.shutdown();

        assertThat(doubles).isEmpty();
        assertThat(claimedBy).hasSize(jobs);
        assertThat(value("SELECT count(*) FROM upload_job WHERE status = 'downloading' AND attempt = 1"))
                .isEqualTo(String.valueOf(jobs));
        assertThat(value("SELECT count(*) FROM job_outbox")).as("one claim event per job")
                .isEqualTo(String.valueOf(jobs));
    }

    @Test
    void aJobBecomingPendingNotifiesTheWorkersAndAClaimDoesNot() throws Exception {
        try (Connection listener = PostgresResource.connect("vidferry_test_" + DATABASE)) {
            PGConnection notifications = listener.unwrap(PGConnection.class);
            listener.createStatement().execute("LISTEN upload_job_pending");

            UUID job = pending("alice", 1);
            assertThat(notifications.getNotifications(5000)).as("a new pending job").isNotEmpty();

            claim("w").orElseThrow();
            assertThat(notifications.getNotifications(300)).as("a claim").isNullOrEmpty();

            sql("UPDATE upload_job SET status = 'pending', lease_owner = NULL WHERE id = '" + job + "'");
            assertThat(notifications.getNotifications(5000)).as("a job handed back").isNotEmpty();
        }
    }

    private static void sql(String statement) {
        try (Connection db = PostgresResource.connect("vidferry_test_" + DATABASE);
                PreparedStatement update = db.prepareStatement(statement)) {
            update.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    private static String value(String query) {
        try (Connection db = PostgresResource.connect("vidferry_test_" + DATABASE);
                PreparedStatement select = db.prepareStatement(query);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }
}
