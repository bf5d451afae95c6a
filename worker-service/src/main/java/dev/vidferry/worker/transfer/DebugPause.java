package dev.vidferry.worker.transfer;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.quarkus.logging.Log;

import dev.vidferry.worker.WorkerConfig;

/**
 * Test-only pause points ({@code vidferry.worker.debug.pause-at}) where crash tests kill the worker. A pause happens on
 * a job's first attempt only, so the attempt that resumes it elsewhere runs through.
 */
final class DebugPause {

    static final String BEFORE_FIRST_CHUNK = "before-first-chunk";
    static final String BETWEEN_CHUNKS = "between-chunks";
    static final String BEFORE_RECORD = "before-record";
    /** After the video is recorded on the job (stage finishing), before the after-upload steps. */
    static final String BEFORE_FINISHING = "before-finishing";

    private final Set<String> points;
    private final Duration pauseFor;

    DebugPause(WorkerConfig.Debug config) {
        this.points = config.pauseAt().stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(point -> !point.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.pauseFor = config.pauseFor();
        if (!points.isEmpty()) {
            Log.warnf("test-only debug pauses are on at %s for %s", points, pauseFor);
        }
    }

    /**
     * Pauses at {@code point} if configured and this is the job's first attempt; returns early when the thread is
     * interrupted or {@code stop} turns true (shutdown, cancel, lease lost).
     */
    void at(String point, UUID jobId, int attempt, BooleanSupplier stop) {
        if (attempt != 1 || !points.contains(point)) {
            return;
        }
        Log.infof("vidferry-debug-pause point=%s job=%s", point, jobId);
        long deadline = System.nanoTime() + pauseFor.toNanos();
        try {
            while (System.nanoTime() < deadline && !stop.getAsBoolean()) {
                Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
