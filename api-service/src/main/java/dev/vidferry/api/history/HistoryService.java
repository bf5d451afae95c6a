package dev.vidferry.api.history;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.common.Cursor;
import dev.vidferry.api.job.JobsConfig;
import dev.vidferry.model.api.HistoryEntry;
import dev.vidferry.model.api.HistoryPage;

/** The caller's successful uploads. */
@ApplicationScoped
public class HistoryService {

    private final HistoryRepository repository;
    private final JobsConfig config;

    public HistoryService(HistoryRepository repository, JobsConfig config) {
        this.repository = repository;
        this.config = config;
    }

    @WithSession
    public Uni<HistoryPage> list(String ownerId, String cursor, String limit) {
        Cursor after = Cursor.decode(cursor);
        int size = Cursor.limit(limit, config.defaultPageSize(), config.maxPageSize());
        return repository.page(ownerId, after, size + 1).map(page -> {
            List<UploadHistory> items = page.size() > size ? page.subList(0, size) : page;
            String next = null;
            if (page.size() > size) {
                UploadHistory last = items.get(items.size() - 1);
                next = new Cursor(last.uploadedAt, last.id).encode();
            }
            return new HistoryPage(items.stream().map(HistoryService::toEntry).toList(), next);
        });
    }

    static HistoryEntry toEntry(UploadHistory h) {
        return new HistoryEntry(h.id, h.jobId, h.driveFileId, h.driveFileName, h.driveMd5, h.sizeBytes, h.videoId,
                h.videoUrl, h.title, h.channelId, h.uploadedAt);
    }
}
