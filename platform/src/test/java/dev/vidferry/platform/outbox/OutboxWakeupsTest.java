package dev.vidferry.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The relay's wake-ups against a real PostgreSQL ({@code vidferry_test_platform_outbox}, V1 schema): with polling
 * effectively off, a committed outbox insert still wakes the relay through {@code LISTEN job_outbox}, also after the
 * listening connection was killed, and not after {@code stop()}.
 */
class OutboxWakeupsTest {

    static final String DATABASE = "vidferry_test_platform_outbox";
    static final String INSERT = "INSERT INTO job_outbox (event_id, aggregate_id, topic, event_type, payload)"
            + " VALUES (gen_random_uuid(), gen_random_uuid(), 't', 'e', '{}'::jsonb)";
    static final Duration DEADLINE = Duration.ofSeconds(20);

    static Vertx vertx;
    static Pool pool;
    OutboxWakeups wakeups;
    final AtomicInteger wakes = new AtomicInteger();

    @BeforeAll
    static void database() {
        vertx = Vertx.vertx();
        Pool admin = pool("postgres");
        try {
            admin.query("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)").execute().await().indefinitely();
            admin.query("CREATE DATABASE " + DATABASE).execute().await().indefinitely();
        } finally {
            admin.closeAndAwait();
        }
        pool = pool(DATABASE);
        pool.query(schema()).execute().await().indefinitely();
    }

    @AfterAll
    static void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void start() throws InterruptedException {
        wakeups = new OutboxWakeups(config(Duration.ofHours(1)), () -> pool, vertx);
        wakeups.start(wakes::incrementAndGet);
        awaitWakes(n -> n >= 1, "the first LISTEN wakes the relay once");
    }

    @AfterEach
    void stop() {
        wakeups.stop();
    }

    @Test
    void aCommittedOutboxInsertWakesTheRelayWithoutPolling() throws InterruptedException {
        int before = wakes.get();
        pool.query(INSERT).execute().await().atMost(DEADLINE);
        awaitWakes(n -> n > before, "the insert's NOTIFY wakes the relay");
    }

    @Test
    void theRelayListensAgainAfterItsConnectionIsKilled() throws InterruptedException {
        int before = wakes.get();
        int killed = pool.query("SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity"
                + " WHERE query LIKE 'LISTEN%' AND datname = current_database() AND pid <> pg_backend_pid()").execute()
                .await().atMost(DEADLINE).iterator().next().getInteger("n");
        assertThat(killed).isEqualTo(1);
        awaitWakes(n -> n > before, "listening again wakes the relay");
        int relistened = wakes.get();
        pool.query(INSERT).execute().await().atMost(DEADLINE);
        awaitWakes(n -> n > relistened, "the new listener gets the insert's NOTIFY");
    }

    @Test
    void afterStopTheConnectionNoLongerListensAndInsertsWakeNothing() throws InterruptedException {
        wakeups.stop();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (listeners() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(listeners()).as("connections still listening after stop").isZero();
        int before = wakes.get();
        pool.query(INSERT).execute().await().atMost(DEADLINE);
        Thread.sleep(1_000); // a NOTIFY arrives within milliseconds; give it ample time to (wrongly) arrive
        assertThat(wakes.get()).isEqualTo(before);
    }

    private static int listeners() {
        return pool.query("SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"
                + " AND datname = current_database() AND pid <> pg_backend_pid()").execute().await().atMost(DEADLINE)
                .iterator().next().getInteger("n");
    }

    private void awaitWakes(IntPredicate condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.test(wakes.get()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.test(wakes.get())).as(what + " (wakes: " + wakes.get() + ")").isTrue();
    }

    static OutboxRelayConfig config(Duration poll) {
        return new OutboxRelayConfig() {

            public boolean enabled() {
                return true;
            }

            public Duration pollInterval() {
                return poll;
            }

            public int batchSize() {
                return 100;
            }

            public Duration sendTimeout() {
                return Duration.ofSeconds(10);
            }

            public Duration retention() {
                return Duration.ZERO;
            }
        };
    }

    private static Pool pool(String database) {
        PgConnectOptions connect = new PgConnectOptions()
                .setHost(env("PGHOST", "127.0.0.1"))
                .setPort(Integer.parseInt(env("PGPORT", "5432")))
                .setUser(env("PGUSER", "postgres"))
                .setPassword(env("PGPASSWORD", "postgres"))
                .setDatabase(database);
        return Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(3)).connectingTo(connect)
                .using(vertx.getDelegate()).build());
    }

    private static String schema() {
        try (InputStream in = OutboxWakeupsTest.class.getResourceAsStream("/db/migration/V1__initial_schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
