package dev.vidferry.platform.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class JobSweepsTest {

    private final JobSweeps sweeps = new JobSweeps(null, null);

    @Test
    void onlyTheSweepsThatFinishOrRequeueAJobChangeItsStatus() {
        assertThat(Arrays.stream(JobSweep.values()).filter(JobSweep::changesStatus))
                .containsExactly(JobSweep.CANCEL_ORPHANED, JobSweep.RETRIES_EXHAUSTED, JobSweep.LEASE_EXPIRED,
                        JobSweep.DEFERRED_DUE);
    }

    @Test
    void anAgedSweepIsNotRunWithoutItsAgeNorAnotherWithOne() {
        assertThatThrownBy(() -> sweeps.run(null, JobSweep.LEASE_EXPIRED, 10, null, job -> List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an age");
        assertThatThrownBy(() -> sweeps.run(null, JobSweep.DEFERRED_DUE, 10, Duration.ofSeconds(1), job -> List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no age");
    }
}
