package dev.vidferry.platform.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.event.Topics;
import dev.vidferry.platform.outbox.OutboxWriter;

/**
 * Which job a worker takes next: the fair order and the claim, one conditional update of {@code upload_job} that
 * writes its progress event to the outbox in the caller's transaction.
 */
@ApplicationScoped
public class JobClaims {

    /** Shown on pending jobs whose Google account must be reconnected before they can run. */
    public static final String WAITING_FOR_RECONNECT = "waiting for Google to be reconnected";

    /** The job's Google account (its own or the owner's default) is not refused; alias {@code j}. */
    static final String ACCOUNT_USABLE = "NOT EXISTS (SELECT 1 FROM google_account a WHERE a.status NOT IN ('active', 'connected') "
            + "AND a.id = coalesce(j.google_account_id, (SELECT d.id FROM google_account d WHERE d.owner_id = j.owner_id "
            + "ORDER BY (d.account_key = 'default') DESC, d.created_at LIMIT 1)))";
    private static final String DUE = "j.status = 'pending' AND (j.next_attempt_at IS NULL OR j.next_attempt_at <= now())";
    /** Claim columns; $1 lease owner, $2 lease in ms. */
    private static final String CLAIM_SET = "UPDATE upload_job j SET status = 'downloading', "
            + "stage = 'downloading', lease_owner = $1, lease_expires_at = now() + $2 * interval '1 millisecond', "
            + "attempt = attempt + 1, started_at = coalesce(started_at, now()), updated_at = now(), "
            + "message = 'Claimed by a worker', error_code = NULL, error_message = NULL ";

    /**
     * A job a worker may take: pending and due, or running under a lease that expired (its worker died or hangs) with
     * attempts left and no cancel asked (housekeeping finishes those two cases); alias {@code j}.
     */
    static final String CLAIMABLE = "((" + DUE + ") OR (j.status IN ('downloading', 'uploading') "
            + "AND j.lease_expires_at < now() AND j.attempt < j.max_attempts AND j.cancel_requested_at IS NULL)) AND "
            + ACCOUNT_USABLE;

    /**
     * The next job by the fair order, locked (rows other claimers hold are skipped): expired leases first (they were
     * already under way), then the owner with the fewest running jobs, then the oldest job (FIFO within an owner; with
     * equal counts the owner whose queue head is oldest). Taking a job makes its owner busier, so owners alternate.
     */
    static final String NEXT = "SELECT j.id FROM upload_job j LEFT JOIN (SELECT r.owner_id, count(*) AS running "
            + "FROM upload_job r WHERE r.status IN ('downloading', 'uploading') AND r.lease_expires_at >= now() "
            + "GROUP BY r.owner_id) busy ON busy.owner_id = j.owner_id WHERE " + CLAIMABLE
            + " ORDER BY (j.status <> 'pending') DESC, coalesce(busy.running, 0), j.created_at, j.id "
            + "LIMIT 1 FOR UPDATE OF j SKIP LOCKED";

    private final OutboxWriter outbox;
    private final ObjectMapper mapper;

    public JobClaims(OutboxWriter outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /**
     * Claims the next job by the fair order ({@link #NEXT}) for {@code leaseOwner} in one statement: downloading, a
     * lease of {@code lease}, attempt + 1 (a job taken over from an expired lease keeps its upload session and
     * confirmed offset, so the new attempt resumes it), and writes the event {@code event} makes of it on {@code tx}
     * (call it inside a transaction). Empty when nothing is claimable.
     */
    public Uni<Optional<ClaimedJob>> claimNext(SqlClient tx, String leaseOwner, Duration lease,
            Function<ClaimedJob, EventEnvelope<JobProgress>> event) {
        return tx.preparedQuery(CLAIM_SET + "WHERE j.id = (" + NEXT + ")" + JobTable.CLAIM_RETURNING)
                .execute(Tuple.of(leaseOwner, lease.toMillis()))
                .flatMap(rows -> {
                    List<ClaimedJob> jobs = new ArrayList<>();
                    rows.forEach(row -> jobs.add(JobTable.claimed(row, leaseOwner, mapper)));
                    Uni<Void> events = Uni.createFrom().voidItem();
                    for (ClaimedJob job : jobs) {
                        events = events.chain(() -> outbox.add(tx, Topics.JOB_PROGRESS, event.apply(job)));
                    }
                    return events.replaceWith(jobs.stream().findFirst());
                });
    }

    /**
     * Notes on the owner's pending jobs whose Google account must be reconnected that they wait for it (they are not
     * claimed meanwhile, so they burn no attempts). Returns how many jobs were noted.
     */
    public Uni<Integer> markWaitingForReconnect(SqlClient client, String ownerId) {
        return client.preparedQuery("UPDATE upload_job j SET message = $2, updated_at = now() WHERE j.owner_id = $1 "
                + "AND j.status = 'pending' AND NOT " + ACCOUNT_USABLE + " AND j.message IS DISTINCT FROM $2")
                .execute(Tuple.of(ownerId, WAITING_FOR_RECONNECT))
                .map(RowSet::rowCount);
    }
}
