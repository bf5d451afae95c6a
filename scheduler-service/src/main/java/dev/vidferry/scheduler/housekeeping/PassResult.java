package dev.vidferry.scheduler.housekeeping;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one housekeeping pass did.
 *
 * @param ran false when another pass (this or another replica) held the housekeeping lock, so this one did nothing
 * @param jobs jobs moved per rule
 */
public record PassResult(boolean ran, Map<HousekeepingRule, Integer> jobs) {

    public PassResult {
        jobs = Collections.unmodifiableMap(jobs.isEmpty()
                ? new EnumMap<>(HousekeepingRule.class)
                : new EnumMap<>(jobs));
    }

    static PassResult skipped() {
        return new PassResult(false, Map.of());
    }

    /** Jobs {@code rule} moved in this pass. */
    public int jobs(HousekeepingRule rule) {
        return jobs.getOrDefault(rule, 0);
    }

    /** Jobs moved by every rule together. */
    public int total() {
        return jobs.values().stream().mapToInt(Integer::intValue).sum();
    }
}
