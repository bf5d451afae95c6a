package dev.vidferry.worker.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class JitterTest {

    @Test
    void aPauseIsRandomBetweenZeroAndTheExponentialCap() {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration pause = StreamBridge.jitter(Duration.ofSeconds(30), 3, Duration.ofMinutes(30));
            assertThat(pause).isBetween(Duration.ZERO, Duration.ofSeconds(240));
            seen.add(pause);
        }
        assertThat(seen).as("spread out, not one fixed value").hasSizeGreaterThan(100);
    }

    @Test
    void theCapNeverExceedsTheMaximum() {
        for (int i = 0; i < 100; i++) {
            assertThat(StreamBridge.jitter(Duration.ofSeconds(30), 40, Duration.ofMinutes(30)))
                    .isLessThanOrEqualTo(Duration.ofMinutes(30));
        }
    }
}
