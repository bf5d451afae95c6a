package dev.vidferry.platform.drive;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;

import dev.vidferry.model.folder.Manifest;
import dev.vidferry.model.folder.OverrideParser;
import dev.vidferry.model.folder.ParsedOverrides;
import dev.vidferry.model.folder.VideoFiles;

/** One scan: the state shared by its concurrent folder listings, shortcut lookups and sidecar downloads. */
final class ScanRun {

    /** What a folder holds besides videos: sidecars by base name and its manifest. */
    private static final class FolderExtras {

        final Map<String, ParsedOverrides> sidecars = new ConcurrentHashMap<>();
        volatile Manifest manifest;
    }

    private static final Comparator<ScannedVideo> ORDER = Comparator.comparing(ScannedVideo::folderPath)
            .thenComparing(ScannedVideo::name).thenComparing(ScannedVideo::fileId);

    private final Drive drive;
    private final ScanRequest request;
    private final DriveCalls calls = new DriveCalls();
    private final TaskGroup tasks;
    private final SidecarReader sidecars;
    private final Set<String> visited = ConcurrentHashMap.newKeySet();
    private final Map<String, FolderIndex.KnownFolder> index = new ConcurrentHashMap<>();
    private final Map<String, FolderExtras> extras = new ConcurrentHashMap<>();
    private final Queue<ScannedVideo> videos = new ConcurrentLinkedQueue<>();
    private final Queue<String> warnings = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nonVideos = new AtomicInteger();
    private final AtomicInteger sidecarCount = new AtomicInteger();
    private final AtomicInteger manifestCount = new AtomicInteger();
    private final AtomicInteger folders = new AtomicInteger();
    private String rootName;

    ScanRun(Drive drive, ScanRequest request, Executor pool, Clock clock) {
        this.drive = drive;
        this.request = request;
        this.tasks = new TaskGroup(pool);
        this.sidecars = new SidecarReader(drive, calls, new OverrideParser(clock));
    }

    FolderScan run() throws IOException {
        File root = root();
        rootName = root.getName();
        FolderIndex.KnownFolder top = new FolderIndex.KnownFolder(rootName, "");
        visited.add(root.getId());
        index.put(root.getId(), top);
        tasks.submit(() -> list(root.getId(), Corpus.of(root.getDriveId()), top, 0));
        tasks.await();

        List<ScannedVideo> all = videos.stream().map(this::withMetadata).sorted(ORDER).toList();
        List<ScannedVideo> kept = all.subList(0, Math.min(all.size(), request.maxFiles()));
        List<String> sortedWarnings = warnings.stream().sorted().toList();
        return new FolderScan(new FolderIndex(root.getId(), rootName, root.getDriveId(), index), kept,
                all.size() - kept.size(), sidecarCount.get(), manifestCount.get(), nonVideos.get(), folders.get(),
                sortedWarnings, calls.count());
    }

    private File root() throws IOException {
        File root;
        try {
            root = calls.execute(drive.files().get(request.folderId()).setSupportsAllDrives(true)
                    .setFields("id,name,mimeType,driveId,trashed"));
        } catch (IOException e) {
            if (DriveFiles.notFound(e)) {
                throw new FolderNotFoundException(request.folderId(), "Drive folder not found: " + request.folderId());
            }
            throw e;
        }
        if (!DriveFiles.isFolder(root.getMimeType()) || Boolean.TRUE.equals(root.getTrashed())) {
            throw new FolderNotFoundException(request.folderId(), "not a folder: " + request.folderId());
        }
        return root;
    }

    /**
     * Where a folder's children are searched: Drive's {@code user} corpus misses shared-drive items the user has not
     * opened, so a shared-drive folder is listed in {@code corpora=drive} of its drive, and a folder reached through a
     * shortcut (its drive unknown) in {@code allDrives}.
     */
    private record Corpus(String corpora, String driveId) {

        static final Corpus UNKNOWN = new Corpus("allDrives", null);

        static Corpus of(String driveId) {
            return driveId == null ? new Corpus("user", null) : new Corpus("drive", driveId);
        }
    }

    private void list(String folderId, Corpus corpus, FolderIndex.KnownFolder folder, int depth) throws IOException {
        List<File> items = new ArrayList<>();
        String token = null;
        do {
            FileList page = calls.execute(drive.files().list().setQ(DriveQueries.childrenOf(folderId))
                    .setPageSize(DriveFiles.PAGE_SIZE).setFields(DriveFiles.LIST_FIELDS).setSupportsAllDrives(true)
                    .setIncludeItemsFromAllDrives(true).setCorpora(corpus.corpora()).setDriveId(corpus.driveId())
                    .setPageToken(token));
            if (page.getFiles() != null) {
                items.addAll(page.getFiles());
            }
            token = page.getNextPageToken();
        } while (token != null);
        folders.incrementAndGet();

        Set<String> videoBases = new HashSet<>();
        List<File> sidecarCandidates = new ArrayList<>();
        File manifest = null;
        for (File item : items) {
            String mime = item.getMimeType();
            String name = item.getName();
            if (DriveFiles.isFolder(mime)) {
                descend(item.getId(), Corpus.of(item.getDriveId()), name, folder, depth, false);
            } else if (DriveFiles.isShortcut(mime)) {
                shortcut(item, folderId, folder, depth, videoBases);
            } else if (VideoFiles.isManifest(name)) {
                manifest = item;
            } else if (VideoFiles.isSidecarCandidate(name)) {
                sidecarCandidates.add(item);
            } else if (VideoFiles.isVideo(mime, name)) {
                videos.add(DriveFiles.video(item, name, null, folderId, folder, rootName));
                videoBases.add(VideoFiles.baseName(name));
            } else {
                nonVideos.incrementAndGet();
            }
        }
        FolderExtras here = extras.computeIfAbsent(folderId, id -> new FolderExtras());
        for (File candidate : sidecarCandidates) {
            String base = VideoFiles.baseName(candidate.getName());
            if (videoBases.contains(base)) {
                sidecarCount.incrementAndGet();
                tasks.submit(() -> here.sidecars.put(base, sidecars.sidecar(candidate)));
            } else {
                nonVideos.incrementAndGet();
            }
        }
        if (manifest != null) {
            manifestCount.incrementAndGet();
            File m = manifest;
            tasks.submit(() -> {
                here.manifest = sidecars.manifest(m);
                if (!here.manifest.problems().isEmpty()) {
                    warnings.add("manifest " + where(folder, m.getName()) + " is unusable ("
                            + here.manifest.problems().get(0).message() + "): the folder's videos are skipped");
                }
            });
        }
    }

    private void shortcut(File item, String folderId, FolderIndex.KnownFolder folder, int depth,
            Set<String> videoBases) {
        var details = item.getShortcutDetails();
        if (details == null || details.getTargetId() == null) {
            warnings.add("shortcut " + where(folder, item.getName()) + " has no target");
            return;
        }
        if (DriveFiles.isFolder(details.getTargetMimeType())) {
            descend(details.getTargetId(), Corpus.UNKNOWN, item.getName(), folder, depth, true);
        } else if (VideoFiles.isVideo(details.getTargetMimeType(), item.getName())) {
            videoBases.add(VideoFiles.baseName(item.getName()));
            tasks.submit(() -> resolve(item, folderId, folder));
        } else {
            nonVideos.incrementAndGet();
        }
    }

    private void resolve(File shortcut, String folderId, FolderIndex.KnownFolder folder) throws IOException {
        String targetId = shortcut.getShortcutDetails().getTargetId();
        File target;
        try {
            target = calls.execute(drive.files().get(targetId).setSupportsAllDrives(true)
                    .setFields(DriveFiles.FILE_FIELDS));
        } catch (IOException e) {
            if (DriveFiles.notFound(e)) {
                warnings.add("shortcut " + where(folder, shortcut.getName()) + " points at a file that is gone ("
                        + targetId + ")");
                return;
            }
            throw e;
        }
        if (Boolean.TRUE.equals(target.getTrashed())) {
            warnings.add("shortcut " + where(folder, shortcut.getName()) + " points at a file in the trash");
        } else if (VideoFiles.isVideo(target.getMimeType(), target.getName())) {
            videos.add(DriveFiles.video(target, shortcut.getName(), shortcut.getId(), folderId, folder, rootName));
        } else {
            nonVideos.incrementAndGet();
        }
    }

    private void descend(String id, Corpus corpus, String name, FolderIndex.KnownFolder parent, int depth,
            boolean viaShortcut) {
        if (!request.recursive()) {
            return;
        }
        String path = parent.childPath(name);
        if (depth + 1 > request.depthLimit()) {
            warnings.add("folder " + path + " is deeper than " + request.depthLimit() + " levels: not scanned");
            return;
        }
        if (!visited.add(id)) {
            warnings.add((viaShortcut ? "folder shortcut " : "folder ") + path
                    + " leads to a folder already scanned (a cycle or a second shortcut): skipped");
            return;
        }
        FolderIndex.KnownFolder child = new FolderIndex.KnownFolder(name, path);
        index.put(id, child);
        tasks.submit(() -> list(id, corpus, child, depth + 1));
    }

    private ScannedVideo withMetadata(ScannedVideo v) {
        FolderExtras e = extras.get(v.folderId());
        return e == null ? v : FileMetadata.apply(v, e.manifest, e.sidecars.get(VideoFiles.baseName(v.name())));
    }

    private static String where(FolderIndex.KnownFolder folder, String name) {
        return folder.childPath(name);
    }
}
