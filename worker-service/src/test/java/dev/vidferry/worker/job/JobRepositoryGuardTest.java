package dev.vidferry.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.vidferry.model.job.JobStatus;

class JobRepositoryGuardTest {

    @Test
    void fencedStatusChangesStartOnlyFromTheRunningStatesTheStateMachineAllows() {
        assertThat(JobRepository.guard(JobStatus.UPLOADING)).isEqualTo("status IN ('downloading')");
        assertThat(JobRepository.guard(JobStatus.COMPLETED)).isEqualTo("status IN ('downloading', 'uploading')");
        assertThat(JobRepository.guard(JobStatus.FAILED)).isEqualTo("status IN ('downloading', 'uploading')");
        assertThat(JobRepository.guard(JobStatus.PENDING)).isEqualTo("status IN ('downloading', 'uploading')");
        assertThatThrownBy(() -> JobRepository.guard(JobStatus.DOWNLOADING)).isInstanceOf(IllegalStateException.class);
    }
}
