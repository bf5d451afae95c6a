package dev.vidferry.model.quota;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The ledger's answer to a reservation. When granted, the units are booked: send the call, or hand them back with
 * {@code release} if it is never sent. When denied, nothing was booked; the bucket is free again at
 * {@code resetsAt} (the next Pacific midnight), which is when a job waiting for this quota should be deferred to.
 *
 * @param granted whether the units were booked
 * @param reason why not, or {@link Reason#GRANTED}
 * @param projectId Google project (ledger key)
 * @param method the method asked for
 * @param bucket the bucket it counts against
 * @param units units booked (or asked for, when denied)
 * @param pacificDate the Pacific quota day the units belong to
 * @param used units used in the bucket on that day after this decision (as far as known)
 * @param limit the bucket's daily limit
 * @param resetsAt the next Pacific midnight, when the bucket is full again
 */
public record QuotaDecision(boolean granted, Reason reason, String projectId, String method, String bucket,
        long units, LocalDate pacificDate, long used, long limit, Instant resetsAt) {

    /** Why a reservation was (not) granted. */
    public enum Reason {
        GRANTED,
        /** The call would take the bucket past its daily limit. */
        LIMIT_REACHED,
        /** Google answered quotaExceeded today: the bucket is closed until the reset whatever our count says. */
        EXHAUSTED
    }

    /** Units left in the bucket for the day (never negative). */
    public long remaining() {
        return Math.max(0, limit - used);
    }
}
