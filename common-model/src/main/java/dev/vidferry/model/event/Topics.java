package dev.vidferry.model.event;

import java.util.List;

/** Kafka topics of vidferry with the partition counts we create them with. Keys are job ids. */
public final class Topics {

    /** Jobs ready for a worker. Partitions bound how many workers consume in parallel. */
    public static final String JOB_REQUESTED = "upload-job.requested";
    /** Status and progress of jobs: the public contract for outside consumers. */
    public static final String JOB_PROGRESS = "upload-job.progress";
    /** Control signals (cancel) that every worker reads. */
    public static final String JOB_CONTROL = "upload-job.control";
    /** Records of {@link #JOB_REQUESTED} that could not be processed, with reason headers. */
    public static final String JOB_REQUESTED_DLQ = "upload-job.requested.dlq";

    /** A topic and how many partitions it is created with. */
    public record Spec(String name, int partitions) {
    }

    /** Every topic vidferry creates. */
    public static final List<Spec> ALL = List.of(
            new Spec(JOB_REQUESTED, 12),
            new Spec(JOB_PROGRESS, 6),
            new Spec(JOB_CONTROL, 1),
            new Spec(JOB_REQUESTED_DLQ, 1));

    private Topics() {
    }
}
