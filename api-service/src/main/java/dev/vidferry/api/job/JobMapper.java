package dev.vidferry.api.job;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vidferry.model.api.JobView;
import dev.vidferry.model.metadata.VideoMetadata;

/** Entity to API view, and metadata to/from its JSON column. */
@ApplicationScoped
public class JobMapper {

    private final ObjectMapper mapper;

    public JobMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public JobView toView(UploadJob job) {
        return new JobView(job.id, job.status, job.stage, job.progress, job.bytesTransferred, job.totalBytes,
                job.driveFileId, job.driveFileName, job.driveMimeType, job.sizeBytes, job.driveMd5, job.folderPath,
                job.batchId, metadata(job), job.message, job.warning, job.errorCode, job.errorMessage, job.attempt,
                job.maxAttempts, job.nextAttemptAt, job.videoId, job.videoUrl, job.cancelRequestedAt, job.createdAt,
                job.updatedAt, job.startedAt, job.completedAt);
    }

    public VideoMetadata metadata(UploadJob job) {
        try {
            return mapper.readValue(job.metadata, VideoMetadata.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job " + job.id + " has unreadable metadata", e);
        }
    }

    public String json(VideoMetadata metadata) {
        try {
            return mapper.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise metadata", e);
        }
    }
}
