package dev.vidferry.platform;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * A platform test's own database on the shared PostgreSQL server (PGHOST, PGPORT, PGUSER, PGPASSWORD or
 * 127.0.0.1:5432 postgres), recreated with every migration of {@code db/migration} applied in version order, as
 * Flyway leaves a service's database.
 */
public final class MigratedDatabase implements AutoCloseable {

    public final Vertx vertx = Vertx.vertx();
    private final String name;

    public MigratedDatabase(String name) {
        this.name = name;
        Pool admin = pool("postgres", 1);
        try {
            admin.query("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").execute().await().indefinitely();
            admin.query("CREATE DATABASE " + name).execute().await().indefinitely();
        } finally {
            admin.closeAndAwait();
        }
        Pool pool = pool(name, 1);
        try {
            for (String sql : migrations()) {
                pool.query(sql).execute().await().indefinitely();
            }
        } finally {
            pool.closeAndAwait();
        }
    }

    /** A new pool of at most {@code size} connections to the test database. */
    public Pool pool(int size) {
        return pool(name, size);
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

    private static List<String> migrations() {
        try {
            Path dir = Path.of(MigratedDatabase.class.getResource("/db/migration").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                        .sorted(Comparator.comparingInt(MigratedDatabase::version))
                        .map(MigratedDatabase::read).toList();
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int version(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
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
