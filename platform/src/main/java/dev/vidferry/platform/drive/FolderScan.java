package dev.vidferry.platform.drive;

import java.util.List;

/**
 * What a scan found.
 *
 * @param folders the folders of the tree (for incremental runs)
 * @param videos the videos in folder path, then name order, at most {@code maxFiles}
 * @param videosOverLimit how many more videos were found beyond {@code maxFiles}
 * @param sidecars how many sidecars ({@code clip.json} next to {@code clip.mp4}) were read
 * @param manifests how many {@code vidferry.csv} manifests were read
 * @param nonVideos files that are neither videos, sidecars nor manifests
 * @param foldersScanned folders listed
 * @param warnings problems of the scan that concern no single video (dangling shortcuts, cycles, depth limit,
 *        unusable manifests)
 * @param driveCalls Drive requests made
 */
public record FolderScan(FolderIndex folders, List<ScannedVideo> videos, int videosOverLimit, int sidecars,
        int manifests, int nonVideos, int foldersScanned, List<String> warnings, int driveCalls) {

    public FolderScan {
        videos = List.copyOf(videos);
        warnings = List.copyOf(warnings);
    }
}
