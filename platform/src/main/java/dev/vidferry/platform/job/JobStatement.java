package dev.vidferry.platform.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One statement on {@code upload_job} with its parameters, for callers that run SQL on another client than the
 * reactive pg one: the api runs {@link #nativeSql()} as a native query on its Hibernate Reactive session, inside the
 * transaction that also writes the outbox rows.
 *
 * @param sql the statement with {@code $1..$n} markers (reactive pg client)
 * @param params the values of the markers, in order (null for SQL NULL)
 */
public record JobStatement(String sql, List<Object> params) {

    public JobStatement {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    /** {@link #sql} with JPA ordinal markers ({@code ?1..?n}) for a native query; same parameters. */
    public String nativeSql() {
        return sql.replaceAll("\\$(\\d+)", "?$1");
    }

    /** The parameters for the reactive pg client. */
    public Tuple tuple() {
        return Tuple.from(params);
    }
}
