package dev.vidferry.platform.job;

import java.util.List;
import java.util.UUID;

/**
 * The statements of re-sealing jobs' upload session URLs with the active key ({@code POST
 * /api/v1/admin/keys/reencrypt}): read a batch of jobs holding a session, locked, then rewrite each one whose stored
 * value is unchanged (compare-and-set, so a worker's newer session is never overwritten with an old one).
 */
public final class JobSessionSeals {

    private JobSessionSeals() {
    }

    /** Up to {@code limit} jobs after {@code after} (uuid order) with a stored session: id, owner_id, the value. */
    public static JobStatement holdingASessionAfter(UUID after, int limit) {
        return new JobStatement("SELECT id, owner_id, upload_session_uri FROM upload_job "
                + "WHERE upload_session_uri IS NOT NULL AND id > $1 ORDER BY id LIMIT $2 FOR UPDATE",
                List.of(after, limit));
    }

    /** The session of job {@code id} stored as {@code resealed}, if it still is {@code seen}; not a user change. */
    public static JobStatement reseal(UUID id, String seen, String resealed) {
        return new JobStatement("UPDATE upload_job SET upload_session_uri = $3 WHERE id = $1 AND upload_session_uri = $2",
                List.of(id, seen, resealed));
    }
}
