package dev.vidferry.model.quota;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which bucket each YouTube method counts against, what one call costs, and each bucket's daily limit. Methods not
 * in the table cost 1 unit of the {@link QuotaBuckets#DEFAULT} bucket (every request costs at least 1).
 *
 * @param costs method name ({@link QuotaMethods}) to its cost
 * @param limits bucket name to its daily limit in units
 */
public record QuotaCostTable(Map<String, QuotaCost> costs, Map<String, Long> limits) {

    private static final QuotaCost UNKNOWN = new QuotaCost(QuotaBuckets.DEFAULT, 1);

    public QuotaCostTable {
        costs = Map.copyOf(costs);
        limits = Map.copyOf(limits);
        for (QuotaCost cost : costs.values()) {
            if (!limits.containsKey(cost.bucket())) {
                throw new IllegalArgumentException("bucket " + cost.bucket() + " has no limit");
            }
        }
        limits.forEach((bucket, limit) -> {
            if (limit < 0) {
                throw new IllegalArgumentException("limit of " + bucket + " is negative: " + limit);
            }
        });
    }

    /** The cost of one call of {@code method}. */
    public QuotaCost cost(String method) {
        return costs.getOrDefault(method, UNKNOWN);
    }

    /** The daily limit of {@code bucket}; 0 for a bucket nobody configured. */
    public long limit(String bucket) {
        return limits.getOrDefault(bucket, 0L);
    }

    /** Every bucket with a limit, sorted by name. */
    public Set<String> buckets() {
        return new TreeSet<>(limits.keySet());
    }

    /**
     * A copy with other limits per bucket and other units per method (the method keeps its bucket; an unknown method
     * is added to the default bucket).
     */
    public QuotaCostTable withOverrides(Map<String, Long> limitOverrides, Map<String, Long> unitOverrides) {
        Map<String, Long> newLimits = new HashMap<>(limits);
        newLimits.putAll(limitOverrides);
        Map<String, QuotaCost> newCosts = new HashMap<>(costs);
        unitOverrides.forEach((method, units) -> newCosts.put(method, new QuotaCost(cost(method).bucket(), units)));
        return new QuotaCostTable(newCosts, newLimits);
    }
}
