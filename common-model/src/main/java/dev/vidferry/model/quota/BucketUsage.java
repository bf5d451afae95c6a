package dev.vidferry.model.quota;

import java.time.Instant;

/**
 * One quota bucket of one Pacific day, as shown to users ({@code GET /api/v1/quota}).
 *
 * @param bucket the bucket name ({@link QuotaBuckets})
 * @param used units used today
 * @param limit daily limit
 * @param remaining units left (0 when exhausted)
 * @param exhausted Google said quotaExceeded today, or nothing is left
 * @param resetsAt next Pacific midnight (ISO instant)
 */
public record BucketUsage(String bucket, long used, long limit, long remaining, boolean exhausted,
        Instant resetsAt) {
}
