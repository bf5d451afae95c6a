package dev.vidferry.api.job;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import dev.vidferry.model.job.JobStatus;

/** Stores {@link JobStatus} by its wire name ({@code pending}, ...), as the schema's CHECK expects. */
@Converter
public class JobStatusConverter implements AttributeConverter<JobStatus, String> {

    @Override
    public String convertToDatabaseColumn(JobStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public JobStatus convertToEntityAttribute(String value) {
        return value == null ? null : JobStatus.fromWire(value);
    }
}
