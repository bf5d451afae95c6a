package dev.vidferry.scheduler.sync;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;

import dev.vidferry.platform.drive.ChangesResult;
import dev.vidferry.platform.drive.DriveChanges;
import dev.vidferry.platform.drive.FolderIndex;
import dev.vidferry.platform.drive.FolderScan;
import dev.vidferry.platform.drive.FolderScanner;
import dev.vidferry.platform.drive.ScanRequest;
import dev.vidferry.platform.drive.ScannedVideo;
import dev.vidferry.platform.sync.FolderSync;
import dev.vidferry.platform.sync.SyncRun;

/**
 * The Drive half of a sync run (blocking: call it on a worker thread). A sync without a changes token, or asked for a
 * full rescan, is scanned fully after taking {@code changes.getStartPageToken}; otherwise {@code changes.list} says
 * what changed under its folder tree since the last run, and a token Drive refuses falls back to a full rescan.
 */
@ApplicationScoped
public class SyncDrive {

    private final Clock clock = Clock.systemUTC();
    private final DriveChanges changes = new DriveChanges(clock);
    private final FolderScanner scanner = new FolderScanner(FolderScanner.DEFAULT_PARALLELISM, clock);

    /**
     * What a run found.
     *
     * @param mode {@link SyncRun#FULL} or {@link SyncRun#INCREMENTAL}
     * @param videos the videos to enqueue (added or changed ones on an incremental run)
     * @param nextToken the changes token for the next run; null = the next run is a full scan
     * @param index the folder tree for the next incremental run
     */
    public record Found(String mode, List<ScannedVideo> videos, String nextToken, FolderIndex index, int driveCalls,
            List<String> warnings) {
    }

    public Found find(Drive drive, FolderSync sync, boolean fullRequested) throws IOException {
        List<String> warnings = new ArrayList<>();
        if (fullRequested || sync.changesPageToken() == null || sync.folderIndex() == null) {
            return full(drive, sync, warnings, 0);
        }
        ChangesResult result = changes.since(drive, sync.changesPageToken(), sync.folderIndex());
        if (result instanceof ChangesResult.RescanNeeded rescan) {
            warnings.add("full rescan: " + rescan.reason());
            return full(drive, sync, warnings, rescan.driveCalls());
        }
        ChangesResult.Changes found = (ChangesResult.Changes) result;
        warnings.addAll(found.warnings());
        return new Found(SyncRun.INCREMENTAL, found.videos(), found.newStartPageToken(), found.folders(),
                found.driveCalls(), warnings);
    }

    /**
     * The token is taken before the scan so that nothing changing during the scan is missed (a file seen twice is
     * skipped as already queued). The folder's shared drive (one files.get) scopes the token to that drive.
     */
    private Found full(Drive drive, FolderSync sync, List<String> warnings, int callsBefore) throws IOException {
        File folder = drive.files().get(sync.folderId()).setSupportsAllDrives(true).setFields("id,driveId").execute();
        DriveChanges.StartToken start = changes.startToken(drive, folder.getDriveId());
        ScanRequest request = sync.recursive()
                ? ScanRequest.recursive(sync.folderId(), ScanRequest.MAX_FILES_LIMIT)
                : ScanRequest.flat(sync.folderId(), ScanRequest.MAX_FILES_LIMIT);
        FolderScan scan = scanner.scan(drive, request);
        warnings.addAll(scan.warnings());
        String next = start.token();
        if (scan.videosOverLimit() > 0) {
            warnings.add("the folder holds more than " + ScanRequest.MAX_FILES_LIMIT + " videos: "
                    + scan.videosOverLimit() + " were left out");
        }
        return new Found(SyncRun.FULL, scan.videos(), next, scan.folders(),
                callsBefore + 1 + start.driveCalls() + scan.driveCalls(), warnings);
    }
}
