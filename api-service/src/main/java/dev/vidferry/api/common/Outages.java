package dev.vidferry.api.common;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Tells a dependency being unreachable (connection refused, closed or timed out; PostgreSQL shutting down) from a
 * bug: the first answers 503 with {@code Retry-After}, the second 500.
 */
public final class Outages {

    private Outages() {
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof IOException || e instanceof TimeoutException || e instanceof ClosedConnectionException) {
                return true;
            }
            if (e instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P")
                            || pg.getSqlState().startsWith("53"))) {
                return true;
            }
            String name = e.getClass().getName();
            if (name.endsWith("TimeoutException") || name.endsWith("ConnectionPoolTooBusyException")
                    || (e.getMessage() != null && e.getMessage().contains("Connection refused"))) {
                return true;
            }
        }
        return false;
    }

    /** Class names of the failure chain, for the log (never the messages: they may hold SQL). */
    public static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable e = failure; e != null && out.length() < 500; e = e.getCause() == e ? null : e.getCause()) {
            out.append(out.length() == 0 ? "" : " <- ").append(e.getClass().getSimpleName());
        }
        return out.toString();
    }
}
