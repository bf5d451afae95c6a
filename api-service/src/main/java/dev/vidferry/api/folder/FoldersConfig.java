package dev.vidferry.api.folder;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Folder uploads ({@code POST /api/v1/folders/{folderId}/scan|enqueue}). */
@ConfigMapping(prefix = "vidferry.folders")
public interface FoldersConfig {

    /** The time zone of the {@code {upload_date}} placeholder. */
    @WithDefault("UTC")
    ZoneId uploadDateZone();

    /** Concurrent Drive requests of one scan. */
    @WithDefault("8")
    int scanParallelism();

    /** Folder levels below the scanned one that a recursive scan descends. */
    @WithDefault("20")
    int maxDepth();
}
