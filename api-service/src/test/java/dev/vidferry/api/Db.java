package dev.vidferry.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.vidferry.testsupport.postgres.PostgresResource;

/** Direct SQL on the test database, for setup and for checking what was (not) written. */
public final class Db {

    private Db() {
    }

    public static long count(String sql, Object... args) {
        try (Connection c = PostgresResource.connect(ApiTestProfile.DATABASE);
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first row's columns (by lower-case label), or an empty map. */
    public static java.util.Map<String, Object> row(String sql, Object... args) {
        try (Connection c = PostgresResource.connect(ApiTestProfile.DATABASE);
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                if (rows.next()) {
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        row.put(rows.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT),
                                rows.getObject(i));
                    }
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row's columns (by lower-case label). */
    public static java.util.List<java.util.Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = PostgresResource.connect(ApiTestProfile.DATABASE);
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                java.util.List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
                while (rows.next()) {
                    java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        row.put(rows.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT),
                                rows.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int execute(String sql, Object... args) {
        try (Connection c = PostgresResource.connect(ApiTestProfile.DATABASE);
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Count and last change of upload_job and google_account, and the outbox's size: equal when nothing changed. */
    public static String snapshot() {
        try (Connection c = PostgresResource.connect(ApiTestProfile.DATABASE);
                PreparedStatement statement = c.prepareStatement("SELECT (SELECT count(*) || '/' || "
                        + "coalesce(max(updated_at)::text, '-') FROM upload_job) || ' ' || (SELECT count(*) || '/' || "
                        + "coalesce(max(updated_at)::text, '-') FROM google_account) || ' ' || "
                        + "(SELECT count(*) FROM job_outbox)");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of upload_job and job_outbox: {jobs, outbox}. */
    public static long[] rowCounts() {
        return new long[]{count("SELECT count(*) FROM upload_job"), count("SELECT count(*) FROM job_outbox")};
    }
}
