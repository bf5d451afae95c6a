package dev.vidferry.worker;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.vidferry.model.job.ErrorCode;

/** Counters and timers of the worker, at {@code /q/metrics}. */
@ApplicationScoped
public class WorkerMetrics {

    private final MeterRegistry registry;
    private final Counter claimed;
    private final Counter uploadedBytes;
    private final Timer transfers;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.claimed = registry.counter("vidferry.worker.jobs.claimed");
        this.uploadedBytes = registry.counter("vidferry.worker.bytes.uploaded");
        this.transfers = registry.timer("vidferry.worker.transfer.duration");
    }

    public void claimed() {
        claimed.increment();
    }

    public void completed(boolean duplicate) {
        registry.counter("vidferry.worker.jobs.completed", "duplicate", Boolean.toString(duplicate)).increment();
    }

    public void failed(ErrorCode code) {
        registry.counter("vidferry.worker.jobs.failed", "code", code.name()).increment();
    }

    public void released(String outcome) {
        registry.counter("vidferry.worker.jobs.released", "outcome", outcome).increment();
    }

    public void uploaded(long bytes) {
        uploadedBytes.increment(bytes);
    }

    public Timer transfers() {
        return transfers;
    }
}
