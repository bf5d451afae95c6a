package dev.vidferry.platform.outbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vidferry.platform.outbox.OutboxRecord.Outcome;

/**
 * Per-job back-off after a failed publish: the job's events wait (0.5 s doubling to 60 s) while other jobs' events
 * keep flowing, and per-job order holds because none of that job's later events is sent meanwhile.
 */
@ApplicationScoped
class OutboxBackoff {

    static final long MAX_BACKOFF_MILLIS = 60_000;
    /** A bound, not a policy: past this many jobs Kafka is down for everyone anyway. */
    static final int MAX_JOBS = 10_000;

    /** Jobs whose next event failed to publish -> when to try again (epoch millis). */
    private final Map<String, Long> until = new ConcurrentHashMap<>();

    /** The jobs (aggregate ids) whose events wait now; forgets those whose wait is over. */
    String[] waiting() {
        long now = System.currentTimeMillis();
        until.values().removeIf(at -> at <= now);
        return until.keySet().toArray(String[]::new);
    }

    /** Jobs with an event Kafka refused wait before their next try. */
    void holdBack(List<Outcome> outcomes) {
        long now = System.currentTimeMillis();
        for (Outcome outcome : outcomes) {
            if (outcome.refused()) {
                int attempts = Math.min(outcome.record().attempts() + 1, 20);
                long delay = Math.min(MAX_BACKOFF_MILLIS, 500L << Math.min(attempts - 1, 10));
                until.merge(outcome.record().aggregateId(), now + delay, Math::max);
            }
        }
        if (until.size() > MAX_JOBS) {
            until.clear();
        }
    }

    /** How many jobs wait (a gauge). */
    int size() {
        return until.size();
    }
}
