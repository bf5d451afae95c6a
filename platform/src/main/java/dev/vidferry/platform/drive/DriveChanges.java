package dev.vidferry.platform.drive;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.Change;
import com.google.api.services.drive.model.ChangeList;
import com.google.api.services.drive.model.File;

import dev.vidferry.model.folder.Manifest;
import dev.vidferry.model.folder.OverrideParser;
import dev.vidferry.model.folder.ParsedOverrides;
import dev.vidferry.model.folder.VideoFiles;

/**
 * Incremental scans with Drive's changes API: {@link #startToken} before the first full scan, then {@link #since}
 * reads what changed (pages of 1000) and keeps what lies under the sync's folder tree ({@link FolderIndex}). Blocking;
 * thread-safe.
 */
public final class DriveChanges {

    static final String CHANGE_FIELDS = "nextPageToken,newStartPageToken,changes(fileId,removed,time,file("
            + DriveFiles.FILE_FIELDS + "))";

    private final Clock clock;

    public DriveChanges(Clock clock) {
        this.clock = clock;
    }

    /** A start token and the calls it took (1). */
    public record StartToken(String token, int driveCalls) {
    }

    /**
     * The token from which {@link #since} reports changes; take it <em>before</em> the full scan so nothing that
     * changes during the scan is missed.
     *
     * @param driveId the shared drive of the synced folder ({@link FolderIndex#driveId()}), null in My Drive
     */
    public StartToken startToken(Drive drive, String driveId) throws IOException {
        DriveCalls calls = new DriveCalls();
        var request = drive.changes().getStartPageToken().setSupportsAllDrives(true);
        if (driveId != null) {
            request.setDriveId(driveId);
        }
        return new StartToken(calls.execute(request).getStartPageToken(), calls.count());
    }

    /** The changes under {@code index}'s tree since {@code pageToken}. */
    public ChangesResult since(Drive drive, String pageToken, FolderIndex index) throws IOException {
        DriveCalls calls = new DriveCalls();
        Map<String, Change> latest = new LinkedHashMap<>();
        String token = pageToken;
        String newStart;
        try {
            while (true) {
                Drive.Changes.List request = drive.changes().list(token).setPageSize(DriveFiles.PAGE_SIZE)
                        .setSupportsAllDrives(true).setIncludeItemsFromAllDrives(true).setIncludeRemoved(true)
                        .setFields(CHANGE_FIELDS);
                if (index.driveId() != null) {
                    request.setDriveId(index.driveId());
                }
                ChangeList page = calls.execute(request);
                if (page.getChanges() != null) {
                    for (Change c : page.getChanges()) {
                        latest.remove(c.getFileId());
                        latest.put(c.getFileId(), c);
                    }
                }
                if (page.getNextPageToken() == null) {
                    newStart = page.getNewStartPageToken();
                    break;
                }
                token = page.getNextPageToken();
            }
        } catch (GoogleJsonResponseException e) {
            if (badToken(e)) {
                return new ChangesResult.RescanNeeded("Drive refused the page token (" + e.getStatusCode() + "): "
                        + (e.getDetails() == null ? e.getStatusMessage() : e.getDetails().getMessage()),
                        calls.count());
            }
            throw e;
        }
        return new Apply(drive, calls, index, clock).apply(latest.values(), newStart);
    }

    /** Drive answers a bad or expired page token with 400 {@code invalid} on {@code pageToken} (or 404/410). */
    static boolean badToken(GoogleJsonResponseException e) {
        int status = e.getStatusCode();
        if (status == 404 || status == 410) {
            return true;
        }
        if (status != 400) {
            return false;
        }
        GoogleJsonError details = e.getDetails();
        if (details == null || details.getErrors() == null || details.getErrors().isEmpty()) {
            return true;
        }
        return details.getErrors().stream().anyMatch(err -> "pageToken".equals(err.getLocation()));
    }

    /** Applies one run's changes to the index and picks the videos, sidecars and manifests under the tree. */
    private static final class Apply {

        private final Drive drive;
        private final DriveCalls calls;
        private final FolderIndex index;
        private final SidecarReader reader;
        private final Map<String, FolderIndex.KnownFolder> added = new HashMap<>();
        private final List<String> removedFolders = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        Apply(Drive drive, DriveCalls calls, FolderIndex index, Clock clock) {
            this.drive = drive;
            this.calls = calls;
            this.index = index;
            this.reader = new SidecarReader(drive, calls, new OverrideParser(clock));
        }

        ChangesResult apply(Iterable<Change> changes, String newStart) throws IOException {
            List<Change> files = new ArrayList<>();
            List<Change> folders = new ArrayList<>();
            for (Change c : changes) {
                (c.getFile() != null && DriveFiles.isFolder(c.getFile().getMimeType()) ? folders : files).add(c);
            }
            folders(folders);
            List<ScannedVideo> videos = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            Map<String, Map<String, File>> sidecarFiles = new HashMap<>();
            Map<String, File> manifests = new HashMap<>();
            for (Change c : files) {
                File f = c.getFile();
                if (Boolean.TRUE.equals(c.getRemoved()) || f == null || Boolean.TRUE.equals(f.getTrashed())) {
                    if (f == null || parentIn(f) != null || Boolean.TRUE.equals(c.getRemoved())) {
                        removed.add(c.getFileId());
                    }
                    continue;
                }
                String parent = parentIn(f);
                if (parent == null) {
                    continue;
                }
                FolderIndex.KnownFolder folder = known(parent);
                if (VideoFiles.isManifest(f.getName())) {
                    manifests.put(parent, f);
                } else if (VideoFiles.isSidecarCandidate(f.getName())) {
                    sidecarFiles.computeIfAbsent(parent, p -> new HashMap<>()).put(VideoFiles.baseName(f.getName()), f);
                } else if (DriveFiles.isShortcut(f.getMimeType())) {
                    shortcut(f, parent, folder, videos);
                } else if (VideoFiles.isVideo(f.getMimeType(), f.getName())) {
                    videos.add(DriveFiles.video(f, f.getName(), null, parent, folder, index.rootName()));
                }
            }
            List<ScannedVideo> withMetadata = new ArrayList<>();
            Map<String, Manifest> parsedManifests = new HashMap<>();
            for (ScannedVideo v : videos) {
                File m = manifests.get(v.folderId());
                if (m != null && !parsedManifests.containsKey(v.folderId())) {
                    parsedManifests.put(v.folderId(), reader.manifest(m));
                }
                Manifest manifest = parsedManifests.get(v.folderId());
                File s = sidecarFiles.getOrDefault(v.folderId(), Map.of()).get(VideoFiles.baseName(v.name()));
                ParsedOverrides sidecar = s == null ? null : reader.sidecar(s);
                withMetadata.add(FileMetadata.apply(v, manifest, sidecar));
            }
            withMetadata.sort(Comparator.comparing(ScannedVideo::folderPath).thenComparing(ScannedVideo::name));
            return new ChangesResult.Changes(withMetadata, removed, index.with(added, removedFolders), newStart,
                    warnings, calls.count());
        }

        /** New sub-folders join (until no more join: a child may be listed before its parent), gone ones leave. */
        private void folders(List<Change> folders) {
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Change c : folders) {
                    File f = c.getFile();
                    if (added.containsKey(f.getId()) || Boolean.TRUE.equals(f.getTrashed())) {
                        continue;
                    }
                    String parent = parentIn(f);
                    if (parent != null && (!index.contains(f.getId())
                            || !index.folder(f.getId()).name().equals(f.getName()))) {
                        added.put(f.getId(), new FolderIndex.KnownFolder(f.getName(),
                                known(parent).childPath(f.getName())));
                        grew = true;
                    }
                }
            }
            for (Change c : folders) {
                File f = c.getFile();
                if (index.contains(f.getId()) && !f.getId().equals(index.rootId())
                        && (Boolean.TRUE.equals(f.getTrashed()) || parentIn(f) == null)) {
                    removedFolders.add(f.getId());
                }
            }
        }

        private void shortcut(File f, String parent, FolderIndex.KnownFolder folder, List<ScannedVideo> videos)
                throws IOException {
            var details = f.getShortcutDetails();
            if (details == null || details.getTargetId() == null) {
                return;
            }
            if (DriveFiles.isFolder(details.getTargetMimeType())) {
                warnings.add("new folder shortcut " + folder.childPath(f.getName())
                        + " is not followed by an incremental run: run a full scan to include it");
                return;
            }
            if (!VideoFiles.isVideo(details.getTargetMimeType(), f.getName())) {
                return;
            }
            try {
                File target = calls.execute(drive.files().get(details.getTargetId()).setSupportsAllDrives(true)
                        .setFields(DriveFiles.FILE_FIELDS));
                if (!Boolean.TRUE.equals(target.getTrashed())) {
                    videos.add(DriveFiles.video(target, f.getName(), f.getId(), parent, folder, index.rootName()));
                }
            } catch (IOException e) {
                if (!DriveFiles.notFound(e)) {
                    throw e;
                }
                warnings.add("shortcut " + folder.childPath(f.getName()) + " points at a file that is gone");
            }
        }

        private String parentIn(File f) {
            if (f.getParents() == null) {
                return null;
            }
            for (String p : f.getParents()) {
                if ((index.contains(p) && !removedFolders.contains(p)) || added.containsKey(p)) {
                    return p;
                }
            }
            return null;
        }

        private FolderIndex.KnownFolder known(String id) {
            FolderIndex.KnownFolder k = added.get(id);
            return k != null ? k : index.folder(id);
        }
    }
}
