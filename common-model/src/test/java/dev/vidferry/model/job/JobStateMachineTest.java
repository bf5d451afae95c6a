package dev.vidferry.model.job;

import static dev.vidferry.model.job.JobStatus.CANCELLED;
import static dev.vidferry.model.job.JobStatus.COMPLETED;
import static dev.vidferry.model.job.JobStatus.DEFERRED;
import static dev.vidferry.model.job.JobStatus.DOWNLOADING;
import static dev.vidferry.model.job.JobStatus.FAILED;
import static dev.vidferry.model.job.JobStatus.PENDING;
import static dev.vidferry.model.job.JobStatus.UPLOADING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class JobStateMachineTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "PENDING, DOWNLOADING", "PENDING, CANCELLED", "PENDING, DEFERRED",
            "DOWNLOADING, UPLOADING", "DOWNLOADING, COMPLETED", "DOWNLOADING, PENDING",
            "UPLOADING, COMPLETED", "UPLOADING, FAILED", "UPLOADING, CANCELLED", "UPLOADING, DEFERRED",
            "DEFERRED, PENDING", "FAILED, PENDING", "CANCELLED, PENDING"})
    void allowsTheLifecycleOfAJob(JobStatus from, JobStatus to) {
        assertThat(JobStateMachine.canTransition(from, to)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "PENDING, UPLOADING", "PENDING, COMPLETED", "DEFERRED, UPLOADING", "FAILED, COMPLETED",
            "CANCELLED, UPLOADING", "CANCELLED, COMPLETED", "FAILED, DOWNLOADING", "UPLOADING, DOWNLOADING"})
    void refusesShortcutsAndResurrections(JobStatus from, JobStatus to) {
        assertThat(JobStateMachine.canTransition(from, to)).isFalse();
        assertThatThrownBy(() -> JobStateMachine.requireTransition(from, to))
                .isInstanceOf(JobStateMachine.IllegalTransitionException.class)
                .hasMessageContaining(from.wireName()).hasMessageContaining(to.wireName());
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void completedOnlyGoesBackToPendingToFinishItsStepsAndNothingLoopsOnItself(JobStatus to) {
        assertThat(JobStateMachine.canTransition(COMPLETED, to)).isEqualTo(to == PENDING);
        assertThat(JobStateMachine.canTransition(to, to)).isFalse();
    }

    @Test
    void onlyRunningStatesCanBeCancelledOrFinishedByAWorker() {
        assertThat(JobStateMachine.sourcesOf(CANCELLED)).containsExactlyInAnyOrder(PENDING, DOWNLOADING, UPLOADING,
                DEFERRED);
        assertThat(JobStateMachine.sourcesOf(COMPLETED)).containsExactlyInAnyOrder(DOWNLOADING, UPLOADING);
        assertThat(JobStateMachine.sourcesOf(DOWNLOADING)).containsExactly(PENDING);
    }

    @Test
    void aUserCanRetryFailedAndCancelledJobsAndFinishCompletedOnes() {
        assertThat(JobStateMachine.sourcesOf(PENDING)).contains(FAILED, CANCELLED, COMPLETED);
        assertThat(JobStateMachine.targetsOf(FAILED)).containsExactly(PENDING);
    }

    @Test
    void wireNamesAreLowerCaseAndParseBack() {
        for (JobStatus status : JobStatus.values()) {
            assertThat(JobStatus.fromWire(status.wireName())).isEqualTo(status);
        }
        assertThat(JobStatus.fromWire(" Uploading ")).isEqualTo(UPLOADING);
        assertThatThrownBy(() -> JobStatus.fromWire("done")).isInstanceOf(IllegalArgumentException.class);
        assertThat(UPLOADING.isRunning()).isTrue();
        assertThat(FAILED.isFinished()).isTrue();
        assertThat(DEFERRED.isFinished()).isFalse();
    }
}
