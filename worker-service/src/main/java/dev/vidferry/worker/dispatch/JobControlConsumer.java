package dev.vidferry.worker.dispatch;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.model.event.JobControl;
import dev.vidferry.worker.transfer.TransferService;

/**
 * Reads {@code upload-job.control} (every worker reads every record: a consumer group per process) and stops the
 * transfer a cancel names if this process runs it. The per-chunk and per-second writes also notice
 * {@code cancel_requested_at}, so a missed record only delays the stop.
 */
@ApplicationScoped
public class JobControlConsumer {

    private static final TypeReference<EventEnvelope<JobControl>> TYPE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final TransferService transfers;

    public JobControlConsumer(ObjectMapper mapper, TransferService transfers) {
        this.mapper = mapper;
        this.transfers = transfers;
    }

    @Incoming("job-control")
    public void onControl(String value) {
        EventEnvelope<JobControl> envelope;
        try {
            envelope = mapper.readValue(value, TYPE);
        } catch (Exception e) {
            Log.warnf("ignoring an unreadable record of upload-job.control: %s", e.getMessage());
            return;
        }
        JobControl control = envelope.data();
        if (control != null && JobControl.CANCEL.equals(control.action())) {
            transfers.cancel(envelope.jobId());
        }
    }
}
