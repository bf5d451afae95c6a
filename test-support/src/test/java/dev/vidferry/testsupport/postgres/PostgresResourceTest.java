package dev.vidferry.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresResourceTest {

    @Test
    void createsTheModuleDatabaseOnceAndPointsBothDriversAtIt() throws Exception {
        PostgresResource first = new PostgresResource();
        first.init(Map.of("database", "testsupport", "fresh", "true"));
        Map<String, String> config = first.start();
        PostgresResource second = new PostgresResource();
        second.init(Map.of("database", "testsupport"));
        assertThat(second.start()).isEqualTo(config);

        assertThat(config).containsEntry("quarkus.datasource.reactive.url",
                "postgresql://" + PostgresResource.host() + ":" + PostgresResource.port() + "/vidferry_test_testsupport");
        try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT current_database()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("vidferry_test_testsupport");
        }
    }

    @Test
    void proxiedResourceRoutesThroughACuttableProxy() throws Exception {
        PostgresResource resource = new PostgresResource();
        resource.init(Map.of("database", "testsupport", "proxy", "true"));
        try {
            String url = resource.start().get("quarkus.datasource.jdbc.url") + "?connectTimeout=5";
            assertThat(url).contains(":" + PostgresResource.proxy().port() + "/");
            DriverManager.getConnection(url, "postgres", "postgres").close();

            PostgresResource.proxy("testsupport").cut();
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres"))
                    .hasMessageContaining("connection");
        } finally {
            resource.stop();
        }
    }

    @Test
    void rejectsAMissingDatabaseName() {
        assertThatThrownBy(() -> new PostgresResource().init(Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
