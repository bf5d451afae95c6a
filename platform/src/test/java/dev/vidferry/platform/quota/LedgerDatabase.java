package dev.vidferry.platform.quota;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The platform tests' own database {@code vidferry_test_platform} on the shared PostgreSQL server (PGHOST, PGPORT,
 * PGUSER, PGPASSWORD or 127.0.0.1:5432 postgres), recreated with the V1 schema and V15 (the per-channel upload
 * count).
 */
final class LedgerDatabase implements AutoCloseable {

    static final String NAME = "vidferry_test_platform";

    final Vertx vertx = Vertx.vertx();

    LedgerDatabase() {
        Pool admin = pool("postgres", 1);
        try {
            admin.query("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)").execute().await().indefinitely();
            admin.query("CREATE DATABASE " + NAME).execute().await().indefinitely();
        } finally {
            admin.closeAndAwait();
        }
        Pool pool = pool(NAME, 1);
        try {
            pool.query(schema("V1__initial_schema.sql")).execute().await().indefinitely();
            pool.query(schema("V15__account_status_active_and_channel_upload_days.sql")).execute().await()
                    .indefinitely();
        } finally {
            pool.closeAndAwait();
        }
    }

    /** A new pool of at most {@code size} connections to the test database. */
    Pool pool(int size) {
        return pool(NAME, size);
    }

    private Pool pool(String database, int size) {
        PgConnectOptions connect = new PgConnectOptions()
                .setHost(env("PGHOST", "127.0.0.1"))
                .setPort(Integer.parseInt(env("PGPORT", "5432")))
                .setUser(env("PGUSER", "postgres"))
                .setPassword(env("PGPASSWORD", "postgres"))
                .setDatabase(database);
        return Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(connect)
                .using(vertx.getDelegate()).build());
    }

    private static String schema(String migration) {
        try (InputStream in = LedgerDatabase.class.getResourceAsStream("/db/migration/" + migration)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() {
        vertx.closeAndAwait();
    }
}
