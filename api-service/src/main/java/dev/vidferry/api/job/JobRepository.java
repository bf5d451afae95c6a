package dev.vidferry.api.job;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.common.Cursor;
import dev.vidferry.model.job.JobStatus;
import dev.vidferry.platform.job.JobCommands;
import dev.vidferry.platform.job.JobStatement;

/**
 * The api's access to {@code upload_job}: reads are Panache queries on the read-only {@link UploadJob}; every write is a
 * statement of the platform's {@link JobCommands}, run natively on the Panache session so it commits with the outbox
 * rows {@link JobEvents} adds there.
 */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<UploadJob, UUID> {

    /** The statuses V12's index {@code upload_job_one_live_per_file} covers. */
    static final List<JobStatus> LIVE = List.of(JobStatus.PENDING, JobStatus.DOWNLOADING, JobStatus.UPLOADING,
            JobStatus.DEFERRED);
    static final String LIVE_INDEX = "upload_job_one_live_per_file";

    /** The owner's job, or null (also for someone else's job); a null owner (an admin) finds anyone's. */
    public Uni<UploadJob> findOwned(UUID id, String ownerId) {
        return (ownerId == null ? find("id = ?1", id) : find("id = ?1 and ownerId = ?2", id, ownerId)).firstResult();
    }

    /** The owner's job locked for update ({@code SELECT ... FOR UPDATE}), or null. */
    public Uni<UploadJob> lockOwned(UUID id, String ownerId) {
        return (ownerId == null ? find("id = ?1", id) : find("id = ?1 and ownerId = ?2", id, ownerId))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Up to {@code limit} jobs after {@code cursor}, newest first. */
    public Uni<List<UploadJob>> page(String ownerId, JobStatus status, String batchId, Cursor cursor, int limit) {
        // a null owner: an admin's listing of everyone's jobs
        StringBuilder query = new StringBuilder(ownerId == null ? "id is not null" : "ownerId = :owner");
        Parameters params = new Parameters();
        if (ownerId != null) {
            params.and("owner", ownerId);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (batchId != null) {
            query.append(" and batchId = :batch");
            params.and("batch", batchId);
        }
        if (cursor != null) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", cursor.at()).and("id", cursor.id());
        }
        return find(query.toString(), Sort.descending("createdAt", "id"), params).range(0, limit - 1).list();
    }

    /** Jobs per status (every status present), for the owner and optionally one batch. */
    public Uni<Map<JobStatus, Long>> countByStatus(String ownerId, String batchId) {
        String hql = "select j.status, count(j) from UploadJob j where "
                + (ownerId == null ? "j.id is not null" : "j.ownerId = :owner")
                + (batchId != null ? " and j.batchId = :batch" : "") + " group by j.status";
        return getSession().chain(session -> {
            var query = session.createSelectionQuery(hql, Object[].class);
            if (ownerId != null) {
                query.setParameter("owner", ownerId);
            }
            if (batchId != null) {
                query.setParameter("batch", batchId);
            }
            return query.getResultList();
        }).map(rows -> {
            Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
            for (JobStatus status : JobStatus.values()) {
                counts.put(status, 0L);
            }
            for (Object[] row : rows) {
                counts.put((JobStatus) row[0], ((Number) row[1]).longValue());
            }
            return counts;
        });
    }

    /**
     * The owner's live job (pending, running or deferred) for Drive file {@code fileId} on Google account
     * {@code accountId}, or null: V12 allows at most one.
     */
    public Uni<UploadJob> findLive(String ownerId, UUID accountId, String fileId) {
        return find("ownerId = ?1 and googleAccountId = ?2 and driveFileId = ?3 and status in ?4", ownerId, accountId,
                fileId, LIVE).firstResult();
    }

    /** The owner's live jobs on account {@code accountId} for any of {@code fileIds}. */
    public Uni<List<UploadJob>> findLive(String ownerId, UUID accountId, List<String> fileIds) {
        return find("ownerId = ?1 and googleAccountId = ?2 and driveFileId in ?3 and status in ?4", ownerId,
                accountId, fileIds, LIVE).list();
    }

    /** Whether {@code failure} is the refusal of V12's index: the Drive file already has a live job. */
    public static boolean liveConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(LIVE_INDEX)) {
                return true;
            }
        }
        return false;
    }

    /** Runs a platform statement ({@link JobCommands}) on the current session, in its transaction; rows changed. */
    public Uni<Integer> execute(JobStatement statement) {
        return getSession().chain(session -> {
            Mutiny.MutationQuery query = session.createNativeQuery(statement.nativeSql());
            List<Object> params = statement.params();
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query.executeUpdate();
        });
    }

    /** Runs {@code change} on the locked {@code job} and reads the job again as the statement left it. */
    public Uni<UploadJob> change(UploadJob job, JobStatement change) {
        return execute(change).chain(rows -> getSession().chain(session -> session.refresh(job))).replaceWith(job);
    }

    /** Inserts {@code job} ({@link JobCommands#create}) and reads it as written. */
    public Uni<UploadJob> create(JobCommands.NewJob job) {
        return execute(JobCommands.create(job)).chain(rows -> findById(job.id()));
    }
}
