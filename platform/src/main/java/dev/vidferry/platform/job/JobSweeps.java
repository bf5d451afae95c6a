package dev.vidferry.platform.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.job.JobStateMachine;
import dev.vidferry.platform.outbox.OutboxRow;
import dev.vidferry.platform.outbox.OutboxWriter;

/** Runs a {@link JobSweep} and writes the outbox rows of the jobs it moved in the caller's transaction. */
@ApplicationScoped
public class JobSweeps {

    private final OutboxWriter outbox;
    private final ObjectMapper mapper;

    public JobSweeps(OutboxWriter outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /**
     * Moves at most {@code batch} jobs by {@code sweep} on {@code tx} (call it inside a transaction) and inserts the
     * outbox rows {@code events} makes of each moved job in one batch, in the order of the jobs. {@code age} is the
     * sweep's minimum age when it is {@link JobSweep#aged()}, else null. Returns how many jobs moved.
     */
    public Uni<Integer> run(SqlClient tx, JobSweep sweep, int batch, Duration age,
            Function<SweptJob, List<OutboxRow>> events) {
        if (sweep.aged() != (age != null)) {
            throw new IllegalArgumentException(sweep + (sweep.aged() ? " needs an age" : " takes no age"));
        }
        Tuple params = age == null ? Tuple.of(batch) : Tuple.of(batch, age.toMillis());
        return tx.preparedQuery(sweep.sql).execute(params).chain(rows -> {
            List<OutboxRow> outboxRows = new ArrayList<>();
            for (Row row : rows) {
                SweptJob job = JobTable.swept(row, mapper);
                if (job.statusChanged()) {
                    JobStateMachine.requireTransition(job.before(), job.after());
                }
                outboxRows.addAll(events.apply(job));
            }
            int count = rows.rowCount();
            return outbox.addAll(tx, outboxRows).replaceWith(count);
        });
    }
}
