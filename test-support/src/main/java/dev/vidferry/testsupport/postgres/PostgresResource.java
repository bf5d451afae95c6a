package dev.vidferry.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.vidferry.testsupport.net.TcpProxy;

/**
 * Points a Quarkus test at the real PostgreSQL server (127.0.0.1:5432 as user {@code postgres}, overridable with
 * {@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code PGPASSWORD}) and a database of its own,
 * {@code vidferry_test_<database>}, created if missing. Init args:
 * <ul>
 * <li>{@code database} (required): the suffix, usually the module name, e.g. {@code scheduler};</li>
 * <li>{@code fresh=true}: drop and recreate the database first (a clean schema for every test JVM);</li>
 * <li>{@code proxy=true}: route the application through a {@link TcpProxy} so a test can cut the connection
 * ({@link #proxy()}) without stopping the shared server.</li>
 * </ul>
 * Provides {@code quarkus.datasource.reactive.url}, {@code quarkus.datasource.jdbc.url},
 * {@code quarkus.datasource.username} and {@code quarkus.datasource.password}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(PostgresResource.class);
    private static final Map<String, TcpProxy> PROXIES = new ConcurrentHashMap<>();

    private String database;
    private boolean fresh;
    private boolean proxied;

    @Override
    public void init(Map<String, String> initArgs) {
        String suffix = initArgs.get("database");
        if (suffix == null || !suffix.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException(
                    "PostgresResource needs initArgs database=<lower-case name>, e.g. scheduler; got " + suffix);
        }
        database = "vidferry_test_" + suffix;
        fresh = Boolean.parseBoolean(initArgs.getOrDefault("fresh", "false"));
        proxied = Boolean.parseBoolean(initArgs.getOrDefault("proxy", "false"));
    }

    @Override
    public Map<String, String> start() {
        ensureDatabase(database, fresh);
        String host = host();
        int port = port();
        if (proxied) {
            TcpProxy proxy = PROXIES.computeIfAbsent(database, db -> TcpProxy.start("postgres", host(), port()));
            proxy.restore();
            host = proxy.host();
            port = proxy.port();
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.db-kind", "postgresql");
        config.put("quarkus.datasource.reactive.url", "postgresql://" + host + ":" + port + "/" + database);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + ":" + port + "/" + database);
        config.put("quarkus.datasource.username", user());
        config.put("quarkus.datasource.password", password());
        return config;
    }

    @Override
    public void stop() {
        TcpProxy proxy = PROXIES.remove(database);
        if (proxy != null) {
            proxy.close();
        }
    }

    /** The proxy in front of Postgres of the single resource started with {@code proxy=true}. */
    public static TcpProxy proxy() {
        if (PROXIES.size() != 1) {
            throw new IllegalStateException("expected one PostgresResource with proxy=true, found " + PROXIES.keySet());
        }
        return PROXIES.values().iterator().next();
    }

    /** The proxy in front of the test database {@code vidferry_test_<database>}. */
    public static TcpProxy proxy(String database) {
        return Optional.ofNullable(PROXIES.get("vidferry_test_" + database))
                .orElseThrow(() -> new IllegalStateException("no proxied PostgresResource for " + database));
    }

    /** Opens a JDBC connection to a database of the server, as the configured user (for test setup). */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/" + database, user(),
                password());
    }

    /** Creates {@code name} unless it exists; with {@code fresh} drops it first (closing its connections). */
    public static void ensureDatabase(String name, boolean fresh) {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            if (fresh) {
                statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            }
            if (!exists(admin, name)) {
                try {
                    statement.execute("CREATE DATABASE \"" + name + "\"");
                    LOG.infof("created database %s", name);
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState())) { // duplicate_database: another JVM won the race
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host() + ":" + port() + " as " + user()
                    + " is not usable (start it with bin/vidferry up, or set PGHOST/PGPORT/PGUSER): " + e.getMessage(),
                    e);
        }
    }

    private static boolean exists(Connection admin, String name) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    static String host() {
        return env("PGHOST", "127.0.0.1");
    }

    static int port() {
        return Integer.parseInt(env("PGPORT", "5432"));
    }

    static String user() {
        return env("PGUSER", "postgres");
    }

    static String password() {
        return env("PGPASSWORD", "postgres");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
