package dev.vidferry.platform.quota;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.quota.PacificDay;

/**
 * Uploads started per YouTube channel and Pacific day, in {@code channel_upload_day} (V15): YouTube caps the uploads
 * of a channel apart from the project quota ({@code uploadLimitExceeded}), so a user with several channels has one
 * count per channel. Like {@link QuotaLedger}, each operation is one statement: {@link #reserve} books an upload
 * only while the day's count stays within {@code vidferry.quota.uploads-per-channel-per-day} and YouTube has not
 * closed the day ({@link #markExhausted}).
 */
@ApplicationScoped
public class ChannelUploads {

    static final String RESERVE = "INSERT INTO channel_upload_day AS d (channel_id, pacific_date, uploads, upload_limit)"
            + " SELECT $1, $2, 1, $3 WHERE 1 <= $3"
            + " ON CONFLICT (channel_id, pacific_date) DO UPDATE"
            + " SET uploads = d.uploads + 1, upload_limit = EXCLUDED.upload_limit, updated_at = now()"
            + " WHERE d.uploads + 1 <= EXCLUDED.upload_limit AND d.exhausted_at IS NULL"
            + " RETURNING uploads, upload_limit";
    static final String RELEASE = "UPDATE channel_upload_day SET uploads = GREATEST(uploads - 1, 0), updated_at = now()"
            + " WHERE channel_id = $1 AND pacific_date = $2";
    static final String MARK_EXHAUSTED = "INSERT INTO channel_upload_day AS d"
            + " (channel_id, pacific_date, uploads, upload_limit, exhausted_at) VALUES ($1, $2, 0, $3, $4)"
            + " ON CONFLICT (channel_id, pacific_date) DO UPDATE"
            + " SET exhausted_at = COALESCE(d.exhausted_at, EXCLUDED.exhausted_at), updated_at = now()";
    static final String READ = "SELECT uploads, upload_limit, exhausted_at FROM channel_upload_day"
            + " WHERE channel_id = $1 AND pacific_date = $2";

    /**
     * One channel's uploads of a day after a {@link #reserve} (or a look).
     *
     * @param granted whether the upload may start
     * @param closed YouTube answered {@code uploadLimitExceeded} today
     * @param resetsAt the next Pacific midnight
     */
    public record Decision(boolean granted, String channelId, LocalDate pacificDate, int uploads, int limit,
            boolean closed, Instant resetsAt) {
    }

    private final Supplier<Pool> pool;
    private final int limit;
    private final Clock clock;

    @Inject
    ChannelUploads(Instance<Pool> pools, QuotaConfig config) {
        this(pools::get, config.uploadsPerChannelPerDay(), Clock.systemUTC());
    }

    /** A count on {@code pool} with {@code limit} uploads per channel and day; {@code clock} decides the day. */
    public ChannelUploads(Pool pool, int limit, Clock clock) {
        this(() -> pool, limit, clock);
    }

    private ChannelUploads(Supplier<Pool> pool, int limit, Clock clock) {
        this.pool = pool;
        this.limit = limit;
        this.clock = clock;
    }

    /** Books one upload of {@code channelId} today; denied: don't start it, the day ends at {@code resetsAt}. */
    public Uni<Decision> reserve(String channelId) {
        Instant now = clock.instant();
        LocalDate day = PacificDay.dateOf(now);
        return pool.get().preparedQuery(RESERVE).execute(Tuple.of(channelId, day, limit)).chain(rows -> {
            if (rows.rowCount() > 0) {
                Row row = rows.iterator().next();
                return Uni.createFrom().item(new Decision(true, channelId, day, row.getInteger("uploads"),
                        row.getInteger("upload_limit"), false, PacificDay.nextReset(now)));
            }
            return usage(channelId).map(current -> new Decision(false, channelId, day, current.uploads(), limit,
                    current.closed(), current.resetsAt()));
        });
    }

    /** Gives back a granted upload that never reached YouTube. */
    public Uni<Void> release(Decision reservation) {
        if (!reservation.granted()) {
            return Uni.createFrom().voidItem();
        }
        return pool.get().preparedQuery(RELEASE).execute(Tuple.of(reservation.channelId(), reservation.pacificDate()))
                .replaceWithVoid();
    }

    /** YouTube said {@code uploadLimitExceeded}: no more uploads of {@code channelId} today; returns the reset. */
    public Uni<Instant> markExhausted(String channelId) {
        Instant now = clock.instant();
        return pool.get().preparedQuery(MARK_EXHAUSTED).execute(Tuple.of(channelId, PacificDay.dateOf(now), limit,
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC))).replaceWith(PacificDay.nextReset(now));
    }

    /** Today's uploads of {@code channelId}. */
    public Uni<Decision> usage(String channelId) {
        Instant now = clock.instant();
        LocalDate day = PacificDay.dateOf(now);
        return pool.get().preparedQuery(READ).execute(Tuple.of(channelId, day)).map(rows -> {
            Row row = rows.rowCount() > 0 ? rows.iterator().next() : null;
            int uploads = row == null ? 0 : row.getInteger("uploads");
            boolean closed = row != null && row.getValue("exhausted_at") != null;
            return new Decision(!closed && uploads < limit, channelId, day, uploads, limit, closed,
                    PacificDay.nextReset(now));
        });
    }
}
