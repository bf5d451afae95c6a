package dev.vidferry.platform.quota;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.quota.BucketUsage;
import dev.vidferry.model.quota.PacificDay;
import dev.vidferry.model.quota.QuotaCost;
import dev.vidferry.model.quota.QuotaCostTable;
import dev.vidferry.model.quota.QuotaDecision;
import dev.vidferry.model.quota.QuotaDecision.Reason;
import dev.vidferry.model.quota.QuotaUsage;

/**
 * YouTube quota shared by every process, in {@code quota_ledger}: one row per Google project, bucket and Pacific
 * date. Each operation is a single SQL statement, so concurrent callers (threads, workers, services) never book more
 * than the limit: {@link #reserve} adds its units only if the result stays within the limit, in the
 * {@code ON CONFLICT DO UPDATE ... WHERE} of one upsert (no read-modify-write).
 * <p>
 * Every method returns a {@link Uni}: chain it in reactive code, or call {@code .await().indefinitely()} on a worker
 * thread (never on the event loop).
 */
@ApplicationScoped
public class QuotaLedger {

    /** Books units when the bucket stays within the limit and Google has not closed it today; no row = denied. */
    static final String RESERVE = "INSERT INTO quota_ledger AS l (project_id, bucket, pacific_date, used, quota_limit)"
            + " SELECT $1, $2, $3, $4, $5 WHERE $4 <= $5"
            + " ON CONFLICT (project_id, bucket, pacific_date) DO UPDATE"
            + " SET used = l.used + EXCLUDED.used, quota_limit = EXCLUDED.quota_limit, updated_at = now()"
            + " WHERE l.used + EXCLUDED.used <= EXCLUDED.quota_limit AND l.exhausted_at IS NULL"
            + " RETURNING used, quota_limit";
    /** Books units unconditionally (the call was made anyway). */
    static final String RECORD = "INSERT INTO quota_ledger AS l (project_id, bucket, pacific_date, used, quota_limit)"
            + " VALUES ($1, $2, $3, $4, $5)"
            + " ON CONFLICT (project_id, bucket, pacific_date) DO UPDATE"
            + " SET used = l.used + EXCLUDED.used, quota_limit = EXCLUDED.quota_limit, updated_at = now()"
            + " RETURNING used, quota_limit";
    static final String RELEASE = "UPDATE quota_ledger SET used = GREATEST(used - $4, 0), updated_at = now()"
            + " WHERE project_id = $1 AND bucket = $2 AND pacific_date = $3";
    static final String MARK_EXHAUSTED = "INSERT INTO quota_ledger AS l"
            + " (project_id, bucket, pacific_date, used, quota_limit, exhausted_at) VALUES ($1, $2, $3, 0, $4, $5)"
            + " ON CONFLICT (project_id, bucket, pacific_date) DO UPDATE"
            + " SET exhausted_at = COALESCE(l.exhausted_at, EXCLUDED.exhausted_at), updated_at = now()";
    static final String READ_DAY = "SELECT bucket, used, quota_limit, exhausted_at FROM quota_ledger"
            + " WHERE project_id = $1 AND pacific_date = $2";
    static final String READ_BUCKET = READ_DAY + " AND bucket = $3";

    private final Supplier<Pool> pool;
    private final QuotaCostTable table;
    private final Clock clock;

    @Inject
    QuotaLedger(Instance<Pool> pools, QuotaConfig config) {
        this(pools::get, tableOf(config), Clock.systemUTC());
    }

    /** A ledger on {@code pool} with the given costs; {@code clock} decides the Pacific day. */
    public QuotaLedger(Pool pool, QuotaCostTable table, Clock clock) {
        this(() -> pool, table, clock);
    }

    private QuotaLedger(Supplier<Pool> pool, QuotaCostTable table, Clock clock) {
        this.pool = pool;
        this.table = table;
        this.clock = clock;
    }

    /** The cost table {@code config} describes: its model with its overrides. */
    public static QuotaCostTable tableOf(QuotaConfig config) {
        return config.model().table().withOverrides(config.limits(), config.costs());
    }

    /** The costs and limits in force. */
    public QuotaCostTable table() {
        return table;
    }

    /**
     * Books one call of {@code method} before sending it. Granted: send the call (or {@link #release} the units if it
     * is never sent). Denied: don't send; the bucket refills at {@link QuotaDecision#resetsAt()}.
     */
    public Uni<QuotaDecision> reserve(String projectId, String method) {
        Instant now = clock.instant();
        QuotaCost cost = table.cost(method);
        LocalDate day = PacificDay.dateOf(now);
        long limit = table.limit(cost.bucket());
        return pool.get().preparedQuery(RESERVE).execute(Tuple.of(projectId, cost.bucket(), day, cost.units(), limit))
                .chain(rows -> {
                    if (rows.rowCount() > 0) {
                        Row row = rows.iterator().next();
                        return Uni.createFrom().item(new QuotaDecision(true, Reason.GRANTED, projectId, method,
                                cost.bucket(), cost.units(), day, row.getLong("used"), row.getLong("quota_limit"),
                                PacificDay.nextReset(now)));
                    }
                    return pool.get().preparedQuery(READ_BUCKET).execute(Tuple.of(projectId, day, cost.bucket()))
                            .map(current -> denied(projectId, method, cost, day, limit, now, current));
                });
    }

    /**
     * Books one call of {@code method} that was (or will be) sent without a reservation: it always counts, even past
     * the limit (Google charges invalid requests too). The decision says how the bucket stands afterwards.
     */
    public Uni<QuotaDecision> record(String projectId, String method) {
        Instant now = clock.instant();
        QuotaCost cost = table.cost(method);
        LocalDate day = PacificDay.dateOf(now);
        return pool.get().preparedQuery(RECORD)
                .execute(Tuple.of(projectId, cost.bucket(), day, cost.units(), table.limit(cost.bucket())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new QuotaDecision(true, Reason.GRANTED, projectId, method, cost.bucket(), cost.units(), day,
                            row.getLong("used"), row.getLong("quota_limit"), PacificDay.nextReset(now));
                });
    }

    /** Gives back the units of a granted reservation whose call was never sent. Denied decisions are ignored. */
    public Uni<Void> release(QuotaDecision reservation) {
        if (!reservation.granted()) {
            return Uni.createFrom().voidItem();
        }
        return pool.get().preparedQuery(RELEASE).execute(Tuple.of(reservation.projectId(), reservation.bucket(),
                reservation.pacificDate(), reservation.units())).replaceWithVoid();
    }

    /**
     * Closes {@code bucket} of {@code projectId} until the next Pacific midnight, whatever our count says: call it
     * when Google answers {@code quotaExceeded} / {@code dailyLimitExceeded}. Returns that reset instant.
     */
    public Uni<Instant> markExhausted(String projectId, String bucket) {
        Instant now = clock.instant();
        return pool.get().preparedQuery(MARK_EXHAUSTED).execute(Tuple.of(projectId, bucket, PacificDay.dateOf(now),
                table.limit(bucket), OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .replaceWith(PacificDay.nextReset(now));
    }

    /** Today's usage of every configured bucket of {@code projectId} (and any other bucket booked today). */
    public Uni<QuotaUsage> usage(String projectId) {
        Instant now = clock.instant();
        LocalDate day = PacificDay.dateOf(now);
        Instant resetsAt = PacificDay.nextReset(now);
        return pool.get().preparedQuery(READ_DAY).execute(Tuple.of(projectId, day)).map(rows -> {
            Map<String, Row> byBucket = new HashMap<>();
            rows.forEach(row -> byBucket.put(row.getString("bucket"), row));
            TreeSet<String> buckets = new TreeSet<>(table.buckets());
            buckets.addAll(byBucket.keySet());
            List<BucketUsage> usage = new ArrayList<>();
            for (String bucket : buckets) {
                Row row = byBucket.get(bucket);
                long used = row == null ? 0 : row.getLong("used");
                long limit = table.limits().containsKey(bucket) || row == null
                        ? table.limit(bucket)
                        : row.getLong("quota_limit");
                boolean closed = row != null && row.getValue("exhausted_at") != null;
                long remaining = closed ? 0 : Math.max(0, limit - used);
                usage.add(new BucketUsage(bucket, used, limit, remaining, closed || remaining == 0, resetsAt));
            }
            return new QuotaUsage(projectId, day, resetsAt, usage);
        });
    }

    private static QuotaDecision denied(String projectId, String method, QuotaCost cost, LocalDate day, long limit,
            Instant now, RowSet<Row> current) {
        Row row = current.rowCount() > 0 ? current.iterator().next() : null;
        boolean closed = row != null && row.getValue("exhausted_at") != null;
        return new QuotaDecision(false, closed ? Reason.EXHAUSTED : Reason.LIMIT_REACHED, projectId, method,
                cost.bucket(), cost.units(), day, row == null ? 0 : row.getLong("used"), limit,
                PacificDay.nextReset(now));
    }
}
