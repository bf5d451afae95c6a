package dev.vidferry.model.folder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What a template placeholder can refer to for one file.
 *
 * @param fileName the Drive file name with its extension ({@code {filename}} drops the extension)
 * @param folder the name of the file's own parent folder
 * @param rootFolder the name of the scanned folder
 * @param folderPath the path of the file's folder relative to the scanned folder, {@code A/B}; empty at the root
 * @param uploadDate the date the upload is queued, in the zone the caller chose
 */
public record TemplateContext(String fileName, String folder, String rootFolder, String folderPath, LocalDate uploadDate) {

    public TemplateContext {
        fileName = fileName == null ? "" : fileName;
        folder = folder == null ? "" : folder;
        rootFolder = rootFolder == null ? "" : rootFolder;
        folderPath = folderPath == null ? "" : folderPath;
    }

    /** The context of a scanned file, queued at {@code now} as seen in {@code zone}. */
    public static TemplateContext of(String fileName, String folder, String rootFolder, String folderPath, Instant now,
            ZoneId zone) {
        return new TemplateContext(fileName, folder, rootFolder, folderPath, LocalDate.ofInstant(now, zone));
    }

    /** The file name without its last extension ({@code clip.final.mp4} gives {@code clip.final}). */
    public String baseName() {
        return VideoFiles.baseName(fileName);
    }
}
