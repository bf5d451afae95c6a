package dev.vidferry.model.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A Google project's quota on one Pacific day, every configured bucket (also those unused so far).
 *
 * @param projectId the Google project
 * @param pacificDate the Pacific quota day
 * @param resetsAt next Pacific midnight
 * @param buckets per bucket, sorted by name
 */
public record QuotaUsage(String projectId, LocalDate pacificDate, Instant resetsAt, List<BucketUsage> buckets) {

    public QuotaUsage {
        buckets = List.copyOf(buckets);
    }
}
