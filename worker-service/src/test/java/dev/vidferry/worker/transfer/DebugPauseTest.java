package dev.vidferry.worker.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.vidferry.worker.WorkerConfig;

class DebugPauseTest {

    private static final UUID JOB = UUID.randomUUID();

    @Test
    void aConfiguredPointPausesTheFirstAttemptOnly() {
        DebugPause pause = new DebugPause(debug("before-first-chunk, between-chunks", Duration.ofMillis(300)));

        assertThat(timed(() -> pause.at(DebugPause.BETWEEN_CHUNKS, JOB, 1, () -> false))).isGreaterThanOrEqualTo(250);
        assertThat(timed(() -> pause.at(DebugPause.BETWEEN_CHUNKS, JOB, 2, () -> false))).isLessThan(100);
        assertThat(timed(() -> pause.at(DebugPause.BEFORE_RECORD, JOB, 1, () -> false))).isLessThan(100);
    }

    @Test
    void aPauseEndsEarlyWhenTheTransferIsToldToStop() {
        DebugPause pause = new DebugPause(debug("before-record", Duration.ofSeconds(30)));

        assertThat(timed(() -> pause.at(DebugPause.BEFORE_RECORD, JOB, 1, () -> true))).isLessThan(1000);
    }

    @Test
    void withoutConfigurationNothingPauses() {
        DebugPause pause = new DebugPause(debug(null, Duration.ofSeconds(30)));

        assertThat(timed(() -> pause.at(DebugPause.BEFORE_FIRST_CHUNK, JOB, 1, () -> false))).isLessThan(100);
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static WorkerConfig.Debug debug(String pauseAt, Duration pauseFor) {
        return new WorkerConfig.Debug() {

            @Override
            public Optional<String> pauseAt() {
                return Optional.ofNullable(pauseAt);
            }

            @Override
            public Duration pauseFor() {
                return pauseFor;
            }
        };
    }
}
