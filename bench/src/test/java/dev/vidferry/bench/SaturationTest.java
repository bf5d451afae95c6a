package dev.vidferry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.vidferry.bench.BenchContext.JobRow;
import dev.vidferry.bench.DispatchBench.Saturation;

/** P2's reading of a saturated run from the jobs' timestamps. */
class SaturationTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static JobRow job(long createdMs, long startedMs, long completedMs) {
        return new JobRow(UUID.randomUUID(), "completed", "worker-1", 1, 0, T0.plusMillis(createdMs),
                T0.plusMillis(startedMs), T0.plusMillis(completedMs));
    }

    @Test
    void aFreedSlotTakenAtOnceLeavesNoIdleTime() {
        // one slot, three jobs queued together; each starts the moment the previous one ends
        Saturation s = Saturation.of(List.of(job(0, 0, 100), job(0, 100, 200), job(0, 200, 300)), 1);
        assertThat(s.handover().sorted()).containsExactly(0.0, 0.0);
        assertThat(s.idleWhileWaitingMillis()).isZero();
        assertThat(s.spanMillis()).isEqualTo(300.0);
    }

    @Test
    void aSlotLeftEmptyWhileAJobWaitsIsCounted() {
        // two slots; the third job waits 50 ms after the first slot frees, 20 ms before any claim at the start
        Saturation s = Saturation.of(List.of(job(0, 20, 100), job(0, 20, 300), job(0, 150, 400)), 2);
        assertThat(s.handover().sorted()).containsExactly(50.0);
        // 0-20 ms: two free slots, three waiting (2 x 20); 100-150 ms: one free slot, one waiting (50)
        assertThat(s.idleWhileWaitingMillis()).isEqualTo(90.0);
    }

    @Test
    void percentilesAreNearestRank() {
        Stats stats = Stats.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0));
        assertThat(stats.p50()).isEqualTo(3.0);
        assertThat(stats.p99()).isEqualTo(5.0);
        assertThat(stats.max()).isEqualTo(5.0);
    }
}
