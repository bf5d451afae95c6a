package dev.vidferry.model.event;

/** Event type names, carried in {@link EventEnvelope#eventType()} and the {@code vf-event-type} header. */
public final class EventTypes {

    public static final String JOB_REQUESTED = "upload-job.requested";
    public static final String JOB_PROGRESS = "upload-job.progress";
    public static final String JOB_CANCEL_REQUESTED = "upload-job.cancel-requested";

    private EventTypes() {
    }
}
