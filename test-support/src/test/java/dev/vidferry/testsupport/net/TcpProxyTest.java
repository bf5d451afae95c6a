package dev.vidferry.testsupport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class TcpProxyTest {

    private static Connection viaProxy(TcpProxy proxy) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + proxy.host() + ":" + proxy.port()
                + "/postgres?connectTimeout=5&socketTimeout=5", "postgres", "postgres");
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); var rows = statement.executeQuery("SELECT 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void cuttingBreaksOpenAndNewConnectionsUntilRestored() throws SQLException {
        try (TcpProxy proxy = TcpProxy.start("postgres", "127.0.0.1", 5432)) {
            Connection open = viaProxy(proxy);
            assertThat(selectOne(open)).isEqualTo(1);

            proxy.cut();
            assertThatThrownBy(() -> selectOne(open)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> viaProxy(proxy)).isInstanceOf(SQLException.class);

            proxy.restore();
            try (Connection fresh = viaProxy(proxy)) {
                assertThat(selectOne(fresh)).isEqualTo(1);
            }
        }
    }
}
